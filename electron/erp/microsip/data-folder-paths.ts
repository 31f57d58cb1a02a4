/**
 * Paths of Microsip databases as the *database server* sees them. The folder is typed by the user
 * ("Carpeta de datos", usually `C:\Microsip datos\`), so it follows the server's OS, not ours:
 * Windows rules when it looks like a Windows path, POSIX otherwise (Linux servers, our tests).
 */

/** Drive letter (`C:`), UNC (`\\server\share`) or any backslash means a Windows folder. */
export function isWindowsFolder(folder: string): boolean {
  return /^[A-Za-z]:/.test(folder.trim()) || folder.includes('\\');
}

/** `<folder>\System\CONFIG.FDB`: the company catalog (table EMPRESAS). */
export function configDatabasePath(folder: string): string {
  return joinServerPath(folder, 'System', 'CONFIG.FDB');
}

/** `<folder>\<NOMBRE_CORTO>.FDB`: one database per company. */
export function companyDatabasePath(folder: string, shortName: string): string {
  const name = shortName.trim();
  // NOMBRE_CORTO comes from the database; refuse anything that would escape the data folder.
  if (name === '' || /[\\/:]/.test(name) || name === '.' || name === '..') {
    throw new Error(`Nombre corto de empresa no válido como nombre de archivo: "${shortName}"`);
  }
  return joinServerPath(folder, `${name}.FDB`);
}

export function joinServerPath(folder: string, ...parts: string[]): string {
  const trimmed = folder.trim();
  if (trimmed === '') throw new Error('La carpeta de datos está vacía.');
  if (isWindowsFolder(trimmed)) {
    // Windows accepts both separators; normalising keeps messages readable. Keep a UNC's leading `\\`.
    const base = trimmed.replace(/\//g, '\\').replace(/\\+$/, '');
    return [base, ...parts].join('\\');
  }
  const base = trimmed.replace(/\/+$/, '');
  return [base, ...parts].join('/');
}
