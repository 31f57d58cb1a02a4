/** Desktop-only settings (start at login); `supported` is false where the OS has no login items. */
export interface DesktopSettingsView {
  openAtLogin: boolean;
  supported: boolean;
}
