import { EngineRoleState } from '../hosting/engine-role';
import { noLoginItem } from '../desktop/login-item';
import { noSaveFilePicker } from '../desktop/save-file-picker';
import { alertsHandlers } from './alerts-handlers';
import { companiesHandlers } from './companies-handlers';
import { connectionsHandlers } from './connections-handlers';
import { desktopHandlers } from './desktop-handlers';
import { diagnosticsHandlers } from './diagnostics-handlers';
import type { HandlerDeps, Handlers } from './handler-types';
import { heldHandlers } from './held-handlers';
import { journalHandlers } from './journal-handlers';
import { ordersHandlers } from './orders-handlers';
import { syncHandlers } from './sync-handlers';
import { pauseHandlers } from './pause-handlers';
import { watchdogHandlers } from './watchdog-handlers';
import { identityHandlers } from './identity-handlers';

/** Every contract method's handler, merged from one file per domain; each handler only delegates to a service. */
export function createHandlers({
  role = new EngineRoleState(),
  loginItem = noLoginItem,
  saveFile = noSaveFilePicker,
  ...services
}: Omit<HandlerDeps, 'role' | 'loginItem' | 'saveFile'> &
  Partial<Pick<HandlerDeps, 'role' | 'loginItem' | 'saveFile'>>): Handlers {
  const deps: HandlerDeps = { ...services, role, loginItem, saveFile };
  return {
    ...diagnosticsHandlers(deps),
    ...connectionsHandlers(deps),
    ...companiesHandlers(deps),
    ...syncHandlers(deps),
    ...journalHandlers(deps),
    ...alertsHandlers(deps),
    ...ordersHandlers(deps),
    ...desktopHandlers(deps),
    ...heldHandlers(deps),
    ...pauseHandlers(deps),
    ...watchdogHandlers(deps),
    ...identityHandlers(deps),
  };
}
