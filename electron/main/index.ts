import { BrowserWindow, Menu, Notification, Tray, app, dialog, ipcMain, powerMonitor, safeStorage } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { engineHostDeps, openConsole } from '../hosting/compose';
import { resolveDatabasePath } from '../settings/database';
import { createSafeStorageCipher } from '../secrets/safe-storage-cipher';
import { chooseConsoleCipher, openConsoleCipher } from '../secrets/console-cipher';
import { hasSecretsOf } from '../secrets/secret-store';
import { createHandlers } from '../ipc/handlers';
import { registerHandlers } from '../ipc/dispatch';
import { EVENT_CATEGORIES } from '../events/event-log';
import { createMainWindow, hardenSessions, isTrustedRendererUrl } from './window';
import { eventChannelOf, type ApiEvent } from '../../shared/ipc-channels';
import type { EventPayloads } from '../../shared/ipc-contract';
import { EngineHost } from '../hosting/engine-host';
import { electronLoginItem, HIDDEN_FLAG, launchedHidden } from '../desktop/electron-login-item';
import { dialogSaveFilePicker } from '../desktop/save-file-picker';
import { DesktopTray, pauseAllFromTray, resumeAllFromTray, syncAllNow, trayCompanies } from '../desktop/tray';
import { trayIconPath } from '../desktop/tray-icons';
import { WindowLifecycle, once } from '../desktop/window-lifecycle';

/** `--db FILE` on the command line overrides WOPEN_SYNC_DB and the user-data folder. */
function dbFlag(argv: string[]): string | undefined {
  const i = argv.indexOf('--db');
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--db='))?.slice(5);
}

/** The project folder while developing: out/main/index.js → ../.. */
const projectRoot = path.resolve(__dirname, '..', '..');

function notify(title: string, body: string): void {
  if (Notification.isSupported()) new Notification({ title, body }).show();
}

async function main(): Promise<void> {
  // One console per user session: a second launch only brings the first one's window forward.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  let mainWindow: BrowserWindow | null = null;
  let tray: DesktopTray | null = null;
  const devIcon = path.join(projectRoot, 'build', 'icon.png');
  const lifecycle = new WindowLifecycle({
    notify,
    keepInTray: () => tray !== null,
    onQuitRequested: () => void quit(),
  });

  const openWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(!app.isPackaged && fs.existsSync(devIcon) ? { icon: devIcon } : {});
      lifecycle.attach(mainWindow);
      // Windows ends the session without before-quit: let the window close and stop cleanly.
      mainWindow.on('query-session-end', () => lifecycle.markQuitting());
      mainWindow.on('session-end', () => void quit());
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  // A second launch during startup opens the window once startup is done (even if this one started hidden).
  let started = false;
  let openWhenStarted = false;
  app.on('second-instance', (_event, argv: string[]) => {
    if (argv.includes(HIDDEN_FLAG)) return;
    if (started) openWindow();
    else openWhenStarted = true;
  });

  await app.whenReady();
  if (process.platform === 'win32') app.setAppUserModelId('mx.wopen.sync-console');
  hardenSessions();
  const userDataDir = app.getPath('userData');
  const databasePath = resolveDatabasePath({ flag: dbFlag(process.argv), userDataDir });
  const osCipher = createSafeStorageCipher(safeStorage);
  // The OS keychain ties secrets to this user; a database shared with the service uses its key file.
  const cipherChoice = chooseConsoleCipher({ databasePath, userDataDir, osAvailable: osCipher !== null });
  const broadcast = <E extends ApiEvent>(event: E, payload: EventPayloads[E]): void => {
    for (const win of BrowserWindow.getAllWindows()) win.webContents.send(eventChannelOf(event), payload);
    if (event === 'syncProgress' || event === 'syncFinished') tray?.refreshSoon();
  };
  const opened = openConsole({
    databasePath,
    version: app.getVersion(),
    cipher: (db) =>
      openConsoleCipher(
        cipherChoice,
        () => {
          if (!osCipher) throw new Error('El almacenamiento seguro del sistema no está disponible.');
          return osCipher;
        },
        () => hasSecretsOf(db, 'local-key-v1'),
      ),
    broadcast,
    // The only place a desktop notification is built: the alert port stays free of Electron.
    desktopNotify: notify,
  });
  if (cipherChoice.kind === 'local-key' && cipherChoice.reason === 'no-os-storage') {
    opened.events.record({
      level: 'warning',
      category: EVENT_CATEGORIES.settings,
      message:
        'El almacenamiento seguro del sistema no está disponible; las contraseñas se cifran con la llave local del equipo.',
    });
  }
  opened.role.onChange((info) => {
    broadcast('engineChanged', info);
    tray?.refresh();
  });
  registerHandlers(
    {
      handle: (channel, listener) =>
        ipcMain.handle(channel, (event, payload) =>
          listener(
            { senderUrl: event.senderFrame?.url ?? null, isMainFrame: event.senderFrame === event.sender.mainFrame },
            payload,
          ),
        ),
    },
    createHandlers({
      ...opened,
      loginItem: electronLoginItem(app),
      saveFile: dialogSaveFilePicker(dialog, () => app.getPath('downloads')),
    }),
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

  // The engine runs here only while this process holds the database's lease; otherwise this console
  // monitors the process that does (the service, another console) and takes over if it goes away.
  const host = new EngineHost({
    ...engineHostDeps(opened),
    kind: 'console',
    version: app.getVersion(),
    standby: true,
    log: (event, fields) => {
      if (event === 'host.error') console.warn(`[engine] ${event}`, fields ?? {});
    },
  });

  // Salir, before-quit, end of session: runs pass stop after their batch, the lease is released, then exit.
  const quit = once(async () => {
    lifecycle.markQuitting();
    tray?.destroy();
    tray = null;
    try {
      await host.stop();
    } catch (err) {
      console.error('[engine] stop failed', err);
    } finally {
      opened.close();
      app.exit(0);
    }
  });
  app.on('before-quit', (event) => {
    lifecycle.markQuitting();
    event.preventDefault();
    void quit();
  });
  powerMonitor.on('shutdown', () => void quit());
  // Closing the last window no longer quits: syncing goes on in the tray (no handler = Electron would quit).
  app.on('window-all-closed', () => undefined);
  // macOS: clicking the Dock icon (also sent at launch, hence after startup only).
  app.on('activate', () => {
    if (started) openWindow();
  });

  try {
    tray = new DesktopTray({
      create: (icon) => new Tray(icon),
      buildMenu: (template) => Menu.buildFromTemplate(template),
      iconPath: (icon) =>
        trayIconPath(icon, { isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, projectRoot }),
      companies: () => trayCompanies(opened),
      role: () => opened.role.role,
      pauses: () => opened.pauses.list(),
      actions: {
        onOpen: openWindow,
        onSyncNow: () => {
          const s = syncAllNow(opened);
          notify(s.title, s.body);
          tray?.refreshSoon();
        },
        onPause: (forMs) => {
          const s = pauseAllFromTray(opened, forMs);
          notify(s.title, s.body);
          tray?.refresh();
        },
        onResume: () => {
          const s = resumeAllFromTray(opened);
          notify(s.title, s.body);
          tray?.refresh();
        },
        onQuit: () => void quit(),
      },
    });
  } catch (err) {
    // No system tray (some Linux desktops): the window stays the only way in, and closing it quits.
    console.warn('[tray] not available', err);
    tray = null;
  }

  try {
    host.start();
  } catch (err) {
    opened.events.record({
      level: 'error',
      category: EVENT_CATEGORIES.error,
      message: `No se pudo iniciar la sincronización automática: ${err instanceof Error ? err.message : String(err)}`,
    });
  }
  // Started at login: tray only (unless there is no tray to open the console from).
  started = true;
  if (openWhenStarted || !launchedHidden(process.argv, app) || !tray) openWindow();
}

main().catch((err: unknown) => {
  console.error('Wopen Sync Console no pudo iniciar:', err);
  if (app.isReady())
    dialog.showErrorBox('Wopen Sync Console no pudo iniciar', err instanceof Error ? err.message : String(err));
  app.exit(1);
});
