import { PauseService } from '../../electron/app/pause-service';
import path from 'node:path';
import { JournalService } from '../../electron/app/journal-service';
import { ConsoleService } from '../../electron/app/console-service';
import { createAlerts } from '../../electron/alerts';
import { SyncController } from '../../electron/hosting/sync-controller';
import { OrderSettingsService } from '../../electron/app/order-settings-service';
import { SyncEngine } from '../../electron/engine/sync-engine';
import { EventLog } from '../../electron/events/event-log';
import { LocalKeyCipher } from '../../electron/secrets/local-key-cipher';
import { SecretStore } from '../../electron/secrets/secret-store';
import { openSettingsDatabase } from '../../electron/settings/database';
import type { StoreClient, StoreFactory } from '../../electron/store/port';
import { FakeErp } from './fake-erp';
import { tempDir } from './temp-dir';

/** A store double for console tests: the dialog only ever calls testConnection. */
export function storeThatOnlyTests(onTest: () => void = () => {}): StoreClient {
  return {
    testConnection: async () => {
      onTest();
      return { ok: true, message: 'ok', hints: [], elapsedMs: 1 };
    },
    pushBatch: async () => {
      throw new Error('the console does not push');
    },
    identify: async () => ({ origin: 'https://consola.wopen.com.mx', storeId: 'consola', name: null }),
    pendingOrders: async () => ({ items: [], nextCursor: null }),
    ackOrder: async () => {
      throw new Error('the console does not acknowledge orders');
    },
    pendingInvoiceRequests: async () => ({ items: [], nextCursor: null }),
    sendInvoiceResult: async () => {
      throw new Error('the console does not answer invoice requests');
    },
    rejectOrder: async () => {
      throw new Error('the console does not reject orders');
    },
  };
}

/** A real service on a real SQLite file, with the in-memory ERP double. */
export function serviceWithFakeErp(storeFactory?: StoreFactory) {
  const dir = tempDir();
  const databasePath = path.join(dir, 'wopen-sync.sqlite');
  const db = openSettingsDatabase(databasePath);
  const erp = new FakeErp();
  const events = new EventLog(db);
  const secrets = new SecretStore(db, LocalKeyCipher.open(path.join(dir, 'wopen-sync.key')));
  const engine = new SyncEngine({
    db,
    events,
    secrets,
    erpFactory: erp.factory,
    storeFactory: storeFactory ?? (() => storeThatOnlyTests()),
  });
  const service = new ConsoleService({
    db,
    events,
    secrets,
    erpFactory: erp.factory,
    storeFactory: storeFactory ?? (() => storeThatOnlyTests()),
    actor: 'contador',
    version: '0.0.0-test',
    databasePath,
    isSyncing: (sc) => engine.isRunning(sc),
  });
  const alerts = createAlerts({ db, secrets, events, actor: 'contador', isRunning: (s) => engine.isRunning(s) });
  const sync = new SyncController({
    engine,
    db,
    events,
    broadcast: () => undefined,
    afterRun: (view) => void alerts.monitor.onRunFinished(view),
  });
  const orders = new OrderSettingsService({
    db,
    secrets,
    erpFactory: erp.factory,
    engine,
    events,
    actor: 'contador',
    syncNow: (s) => sync.syncNow(s),
  });
  const journal = new JournalService(db, events);
  const pauses = new PauseService({ db, engine, events, alerts: alerts.monitor, actor: 'contador' });
  return { service, journal, sync, engine, db, erp, events, alerts, orders, pauses, secrets, databasePath, dir };
}
