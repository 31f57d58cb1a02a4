import path from 'node:path';
import type { TrayIcon } from './tray-state';

export interface TrayIconLocation {
  isPackaged: boolean;
  /** process.resourcesPath of the packaged app (electron-builder copies resources/ there, extraResources). */
  resourcesPath: string;
  /** The project folder while developing (the one with package.json and resources/). */
  projectRoot: string;
}

/** Folder of the tray pictures: `<resourcesPath>/resources/tray` when packaged, `<project>/resources/tray` otherwise. */
export function trayIconDir(l: TrayIconLocation): string {
  return l.isPackaged ? path.join(l.resourcesPath, 'resources', 'tray') : path.join(l.projectRoot, 'resources', 'tray');
}

/** `tray-<icon>.png`; Electron picks the `@2x` file beside it on high-DPI screens. */
export function trayIconPath(icon: TrayIcon, l: TrayIconLocation): string {
  return path.join(trayIconDir(l), `tray-${icon}.png`);
}
