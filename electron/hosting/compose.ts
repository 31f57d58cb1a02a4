import os from 'node:os';
import path from 'node:path';
import { openSettingsDatabase, type SettingsDb } from '../settings/database';
import { SecretStore } from '../secrets/secret-store';
import { LocalKeyCipher } from '../secrets/local-key-cipher';
import type { SecretCipher } from '../secrets/cipher';
import { EventLog } from '../events/event-log';
import { createErpConnector, type ErpFactory } from '../erp/registry';
import type { StoreFactory } from '../store/port';
import { WopenClient } from '../store/wopen/wopen-client';
import { ConsoleService } from '../app/console-service';
import { JournalService } from '../app/journal-service';
import { SyncEngine } from '../engine/sync-engine';
import { SyncController, type Broadcast } from './sync-controller';
import { createAlerts, type Alerts } from '../alerts';
import { OrderSettingsService } from '../app/order-settings-service';
import { EngineRoleState } from './engine-role';
import type { EngineHostDeps } from './engine-host';
import { identityAlerts } from './identity-alerts';

export interface OpenConsoleOptions {
  databasePath: string;
  /** Defaults to the local key file next to the database (headless service). */
  cipher?: SecretCipher;
  version: string;
  actor?: string;
  erpFactory?: ErpFactory;
  storeFactory?: StoreFactory;
  clock?: () => Date;
  /** Delivers main → page events (Electron: webContents.send); nothing by default (CLI). */
  broadcast?: Broadcast;
  /** Shows a desktop notification (Electron main: `Notification`); the CLI has none. */
  desktopNotify?: (title: string, body: string) => void;
}

export interface OpenedConsole {
  db: SettingsDb;
  events: EventLog;
  service: ConsoleService;
  /** Visor de eventos and Historial de sincronización. */
  journal: JournalService;
  engine: SyncEngine;
  sync: SyncController;
  alerts: Alerts;
  /** Pedidos y cotizaciones (settings, failed orders, Reintentar). */
  orders: OrderSettingsService;
  /** Whether this process runs the engine or monitors the process that does. */
  role: EngineRoleState;
  close(): void;
}

/** The key file of the headless service lives beside the settings database it protects. */
export const localKeyPathFor = (databasePath: string): string =>
  path.join(path.dirname(databasePath), 'wopen-sync.key');

/** Composition root shared by the Electron main process and the CLI. */
export function openConsole(opts: OpenConsoleOptions): OpenedConsole {
  const db = openSettingsDatabase(opts.databasePath);
  try {
    const cipher = opts.cipher ?? LocalKeyCipher.open(localKeyPathFor(opts.databasePath));
    const events = new EventLog(db, opts.clock);
    const secrets = new SecretStore(db, cipher);
    const erpFactory = opts.erpFactory ?? createErpConnector;
    const storeFactory = opts.storeFactory ?? ((c) => new WopenClient(c));
    const engine = new SyncEngine({
      db,
      secrets,
      events,
      erpFactory,
      storeFactory,
      clock: opts.clock,
      identityAlerts: identityAlerts(() => alerts.monitor),
    });
    const service = new ConsoleService({
      db,
      events,
      secrets,
      erpFactory,
      storeFactory,
      actor: opts.actor ?? currentUser(),
      version: opts.version,
      databasePath: opts.databasePath,
      clock: opts.clock,
      isSyncing: (s) => engine.isRunning(s),
    });
    const alerts = createAlerts({
      db,
      secrets,
      events,
      actor: opts.actor ?? currentUser(),
      clock: opts.clock,
      desktopNotify: opts.desktopNotify,
      isRunning: (s) => engine.isRunning(s),
    });
    const role = new EngineRoleState();
    const sync = new SyncController({
      engine,
      db,
      events,
      broadcast: opts.broadcast ?? (() => undefined),
      clock: opts.clock,
      afterRun: (view) => void alerts.monitor.onRunFinished(view),
      role,
      actor: opts.actor ?? currentUser(),
    });
    const orders = new OrderSettingsService({
      db,
      secrets,
      erpFactory,
      engine,
      events,
      actor: opts.actor ?? currentUser(),
      syncNow: (s) => sync.syncNow(s),
    });
    const journal = new JournalService(db, events, opts.clock);
    return { db, events, service, journal, engine, sync, alerts, orders, role, close: () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The parts of the composed console that EngineHost uses. */
export function engineHostDeps(c: OpenedConsole): EngineHostDeps {
  return {
    db: c.db,
    engine: c.engine,
    sync: c.sync,
    events: c.events,
    role: c.role,
    purgeEvents: () => c.journal.purgeEvents(),
    checkStale: (now) => void c.alerts.monitor.checkStale(now),
  };
}

function currentUser(): string {
  try {
    return os.userInfo().username || 'desconocido';
  } catch {
    return 'desconocido';
  }
}
