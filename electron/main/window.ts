import { BrowserWindow, app, session, type WebContents } from 'electron';
import path from 'node:path';
import { isPermissionAllowed } from './permissions';
import { isOwnPage } from './trusted-url';

/** URL of our page: the dev server while developing, the built file otherwise. */
export function rendererUrl(): string {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (!app.isPackaged && dev) return dev;
  return new URL(`file://${path.join(__dirname, '../renderer/index.html').replace(/\\/g, '/')}`).toString();
}

/** Only our own page may call the API. */
export function isTrustedRendererUrl(url: string): boolean {
  return isOwnPage(rendererUrl(), url);
}

const allowed = (permission: string, wc: WebContents | null): boolean =>
  isPermissionAllowed(permission, wc?.getURL() ?? null, isTrustedRendererUrl);

/** Electron security checklist: no navigation, no new windows, no webviews, no permission but clipboard write (permissions.ts). */
export function hardenSessions(): void {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => callback(allowed(permission, wc)));
  session.defaultSession.setPermissionCheckHandler((wc, permission) => allowed(permission, wc));
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

export interface MainWindowOptions {
  /** Window icon (development only: the packaged app gets it from electron-builder). */
  icon?: string;
}

export function createMainWindow(opts: MainWindowOptions = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1100,
    height: 760,
    minWidth: 900,
    minHeight: 640,
    title: 'Opciones > Wopen — Wopen Sync Console',
    show: false,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(rendererUrl());
  return win;
}
