import type { ConsoleService } from '../app/console-service';
import type { JournalService } from '../app/journal-service';
import type { OrderSettingsService } from '../app/order-settings-service';
import type { PauseService } from '../app/pause-service';
import type { Alerts } from '../alerts';
import type { LoginItemPort } from '../desktop/login-item';
import type { SaveFilePicker } from '../desktop/save-file-picker';
import type { EngineRoleState } from '../hosting/engine-role';
import type { SyncController } from '../hosting/sync-controller';
import type { SyncEngine } from '../engine/sync-engine';
import type { ApiMethod } from '../../shared/ipc-channels';
import type { ParsedRequests, Responses } from '../../shared/ipc-contract';

/** The handlers of some contract methods: each gets the validated request and answers with its response. */
export type HandlersOf<M extends ApiMethod> = {
  [K in M]: (request: ParsedRequests[K]) => Promise<Responses[K]> | Responses[K];
};

/** One handler per contract method. */
export type Handlers = HandlersOf<ApiMethod>;

/** The services the handlers delegate to; each domain's handlers take the ones they need. */
export interface HandlerDeps {
  service: ConsoleService;
  journal: JournalService;
  sync: SyncController;
  alerts: Alerts;
  orders: OrderSettingsService;
  pauses: PauseService;
  role: EngineRoleState;
  loginItem: LoginItemPort;
  /** The identity guard's blocks and confirmation. */
  engine: SyncEngine;
  /** *Guardar como* for *Exportar CSV*. */
  saveFile: SaveFilePicker;
}
