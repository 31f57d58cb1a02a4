import { UserFacingError } from '../core/user-facing-error';
import type { DesktopSettingsView } from '../../shared/desktop-settings';

/**
 * Start at login, behind a port so handlers and tests do not need Electron. The Electron main
 * process supplies one backed by `app.getLoginItemSettings` / `setLoginItemSettings`.
 */
export interface LoginItemPort {
  get(): DesktopSettingsView;
  set(openAtLogin: boolean): DesktopSettingsView;
}

/** Where there is no desktop (CLI, tests of the handlers): reported as unsupported, saving refused. */
export const noLoginItem: LoginItemPort = {
  get: () => ({ openAtLogin: false, supported: false }),
  set: () => {
    throw new UserFacingError('El inicio automático solo está disponible en la aplicación de escritorio.');
  },
};
