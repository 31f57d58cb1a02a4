import { noLoginItem, type LoginItemPort } from './login-item';

/** The part of Electron's `app` used for start at login. */
export interface LoginItemApp {
  getLoginItemSettings(options?: { args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/** The flag the login item starts the console with: tray only, no window. */
export const HIDDEN_FLAG = '--hidden';
const LOGIN_ARGS = [HIDDEN_FLAG];

/**
 * Start at login through the OS (Windows Run key, macOS login items). Linux desktops have no such API in
 * Electron: reported as unsupported and saving is refused, as without a desktop.
 */
export function electronLoginItem(app: LoginItemApp, platform: NodeJS.Platform = process.platform): LoginItemPort {
  if (platform !== 'win32' && platform !== 'darwin') return noLoginItem;
  // On Windows the entry is matched by path and args, so ask with the same args it was saved with.
  const get = () => ({ openAtLogin: app.getLoginItemSettings({ args: LOGIN_ARGS }).openAtLogin, supported: true });
  return {
    get,
    set: (openAtLogin) => {
      app.setLoginItemSettings({ openAtLogin, args: LOGIN_ARGS });
      return get();
    },
  };
}

/** Started by the login item: `--hidden` (Windows), or macOS reports it opened the app at login. */
export function launchedHidden(
  argv: readonly string[],
  app: LoginItemApp,
  platform: NodeJS.Platform = process.platform,
): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (platform !== 'darwin') return false;
  try {
    return app.getLoginItemSettings().wasOpenedAtLogin === true;
  } catch {
    return false;
  }
}
