import { UserFacingError } from '../core/user-facing-error';

/**
 * *Guardar como* behind a port, so the export handler and its tests do not need Electron. The Electron main
 * process supplies one backed by `dialog.showSaveDialog`; the file is then written by main, in chunks.
 */
export interface SaveFilePicker {
  /** The chosen absolute path, or null when the user cancelled. */
  pick(defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
}

/** Where there is no desktop (CLI, tests of the handlers): exporting to a file is refused. */
export const noSaveFilePicker: SaveFilePicker = {
  pick: () =>
    Promise.reject(new UserFacingError('Exportar a un archivo solo está disponible en la aplicación de escritorio.')),
};

/** The part of Electron's `dialog` used for *Guardar como* (electron/main passes the real one). */
export interface SaveDialog {
  showSaveDialog(options: {
    title: string;
    defaultPath: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<{ canceled: boolean; filePath?: string }>;
}

/** *Guardar como* of the operating system, starting in `folder` (the user's Documents or Downloads). */
export function dialogSaveFilePicker(dialog: SaveDialog, folder: () => string): SaveFilePicker {
  return {
    pick: async (defaultName, filter) => {
      const r = await dialog.showSaveDialog({
        title: 'Exportar eventos',
        defaultPath: `${folder()}/${defaultName}`,
        filters: [filter],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
