import os from 'node:os';
import path from 'node:path';
import { openSettingsDatabase, type SettingsDb } from '../settings/database';
import { hasSecretsOf, SecretStore } from '../secrets/secret-store';
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
import { PauseService } from '../app/pause-service';
import { EngineRoleState } from './engine-role';
import type { EngineHostDeps } from './engine-host';
import { identityAlerts } from './identity-alerts';

export interface OpenConsoleOptions {
  databasePath: string;
  /** Defaults to the local key file next to the database (headless service). */
  /** The cipher, or how to open it once the database is open (it may need to know what the database holds). */
  cipher?: SecretCipher | ((db: SettingsDb) => SecretCipher);
  version: string;
  actor?: string;
  erpFactory?: ErpFactory;
  storeFactory?: StoreFactory;
  clock?: () => Date;
  /** Delivers main → page events (Electron: webContents.send); nothing by default (CLI). */
  broadcast?: Broadcast;
  /** Shows a desktop notification (Electron main: `Notification`); the CLI has none. */
  desktopNotify?: (title: string, body: string) => void;
  /** The watchdog's stall time; absent: the setting in *Opciones* (tests use a few seconds). */
  watchdogMs?: number;
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
  /** *Pausar sincronización* / *Reanudar* (docs/pause.md). */
  pauses: PauseService;
  close(): void;
}

/** The key file of the headless service lives beside the settings database it protects. */
export const localKeyPathFor = (databasePath: string): string =>
  path.join(path.dirname(databasePath), 'wopen-sync.key');

/** Composition root shared by the Electron main process and the CLI. */
export function openConsole(opts: OpenConsoleOptions): OpenedConsole {
  const db = openSettingsDatabase(opts.databasePath);
  try {
    const cipher =
      typeof opts.cipher === 'function'
        ? opts.cipher(db)
        : (opts.cipher ??
          LocalKeyCipher.open(localKeyPathFor(opts.databasePath), {
            secretsExist: () => hasSecretsOf(db, 'local-key-v1'),
          }));
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
      watchdogMs: opts.watchdogMs,
      // `alerts` exists by the time a run ends.
      onStalled: (scope, run) => void alerts.monitor.raise(scope, 'watchdog', stalledAlert(run)),
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
      version: opts.version,
      clock: opts.clock,
      desktopNotify: opts.desktopNotify,
      isRunning: (s) => engine.isRunning(s),
      isStopped: (s) => engine.pauses.of(s) !== null || engine.identity.isBlocked(s),
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
    const pauses = new PauseService({
      db,
      engine,
      events,
      alerts: alerts.monitor,
      clock: opts.clock,
      actor: opts.actor ?? currentUser(),
    });
    return { db, events, service, journal, engine, sync, alerts, orders, role, pauses, close: () => db.close() };
  } catch (err) {
    db.close();
    throw err;
  }
}

function stalledAlert(run: { runId: number | null; companyName: string; message: string }) {
  return {
    runId: run.runId,
    level: 'error' as const,
    subject: `Wopen Sync: la sincronización de ${run.companyName} se detuvo sin avance`,
    text:
      `La sincronización de ${run.companyName} no avanzó durante el tiempo configurado y se detuvo.\n\n` +
      `Mensaje: ${run.message}\n\n` +
      'Revise que el servidor del ERP y la tienda respondan (una copia de seguridad o una actualización en curso ' +
      'pueden bloquear la base de datos). El tiempo se cambia en Opciones: «Detener una sincronización sin avance ' +
      'después de (min.)».',
  };
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
    checkPauses: (now) => c.pauses.tick(now),
  };
}

function currentUser(): string {
  try {
    return os.userInfo().username || 'desconocido';
  } catch {
    return 'desconocido';
  }
}
