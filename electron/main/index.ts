import { BrowserWindow, Notification, app, ipcMain, safeStorage } from 'electron';
import path from 'node:path';
import { openConsole } from '../app/bootstrap';
import { resolveDatabasePath } from '../settings/database';
import { createSafeStorageCipher } from '../secrets/safe-storage-cipher';
import { LocalKeyCipher } from '../secrets/local-key-cipher';
import { createHandlers } from '../ipc/handlers';
import { registerHandlers } from '../ipc/dispatch';
import { EVENT_CATEGORIES } from '../events/event-log';
import { createMainWindow, hardenSessions, isTrustedRendererUrl } from './window';
import { eventChannelOf } from '../../shared/ipc-channels';
import { Scheduler } from '../engine/scheduler';
import { viewOfSummary } from '../app/run-view';

/** `--db FILE` on the command line overrides WOPEN_SYNC_DB and the user-data folder. */
function dbFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--db');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice(5);
}

async function main(): Promise<void> {
  await app.whenReady();
  hardenSessions();
  const databasePath = resolveDatabasePath({ flag: dbFlag(process.argv), userDataDir: app.getPath('userData') });
  const osCipher = createSafeStorageCipher(safeStorage);
  const opened = openConsole({
    databasePath,
    version: app.getVersion(),
    cipher: osCipher ?? LocalKeyCipher.open(path.join(path.dirname(databasePath), 'wopen-sync.key')),
    broadcast: (event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannelOf(event), payload);
    },
    // The only place a desktop notification is built: the alert port stays free of Electron.
    desktopNotify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
  if (!osCipher) {
    opened.events.record({
      level: 'warning',
      category: EVENT_CATEGORIES.settings,
      message: 'El almacenamiento seguro del sistema no está disponible; las contraseñas se cifran con la llave local del equipo.',
    });
  }
  registerHandlers(
    {
      handle: (channel, listener) =>
        ipcMain.handle(channel, (event, payload) =>
          listener({ senderUrl: event.senderFrame?.url ?? null, isMainFrame: event.senderFrame === event.sender.mainFrame }, payload),
        ),
    },
    createHandlers(opened),
    {
      isTrustedSender: isTrustedRendererUrl,
      onUnexpected: (method, err) =>
        opened.events.record({
          level: 'error',
          category: EVENT_CATEGORIES.error,
          message: `Error inesperado en ${method}: ${err instanceof Error ? err.message : String(err)}`,
        }),
    },
  );
  createMainWindow();
  // The engine runs here, in the main process: every company with Sincronizar ticked, on its period.
  const scheduler = new Scheduler({
    db: opened.db,
    engine: opened.engine,
    events: opened.events,
    onProgress: opened.sync.onProgress,
    onFinished: (summary, startedAt, endedAt) => opened.sync.onFinished(viewOfSummary(summary, startedAt, endedAt)),
    maintenance: () => opened.service.purgeEvents(),
    onTick: (now) => void opened.alerts.monitor.checkStale(now),
  });
  scheduler.start();
  app.on('window-all-closed', () => {
    void scheduler.stop().finally(() => {
      opened.close();
      app.quit();
    });
  });
}

void main();
