import { describe, expect, it } from 'vitest';
import {
  companyDatabasePath,
  configDatabasePath,
  isWindowsFolder,
} from '../../electron/erp/microsip/data-folder-paths';

describe('Microsip data folder paths', () => {
  it.each([
    ['C:\\Microsip datos\\', 'C:\\Microsip datos\\System\\CONFIG.FDB'],
    ['C:\\Microsip datos', 'C:\\Microsip datos\\System\\CONFIG.FDB'],
    ['D:/Microsip datos/', 'D:\\Microsip datos\\System\\CONFIG.FDB'],
    ['  C:\\Microsip datos\\\\  ', 'C:\\Microsip datos\\System\\CONFIG.FDB'],
    ['C:\\', 'C:\\System\\CONFIG.FDB'],
    ['\\\\SERVIDOR\\Microsip datos\\', '\\\\SERVIDOR\\Microsip datos\\System\\CONFIG.FDB'],
    ['/var/lib/firebird/3.0/data/wopen-tests/xyz', '/var/lib/firebird/3.0/data/wopen-tests/xyz/System/CONFIG.FDB'],
    ['/var/lib/firebird/3.0/data/wopen-tests/xyz//', '/var/lib/firebird/3.0/data/wopen-tests/xyz/System/CONFIG.FDB'],
    ['/', '/System/CONFIG.FDB'],
  ])('CONFIG.FDB in %j → %j', (folder, expected) => {
    expect(configDatabasePath(folder)).toBe(expected);
  });

  it('builds the company file from NOMBRE_CORTO, accents and spaces kept', () => {
    expect(companyDatabasePath('C:\\Microsip datos\\', 'ÑANDÚ €URO')).toBe('C:\\Microsip datos\\ÑANDÚ €URO.FDB');
    expect(companyDatabasePath('/srv/microsip/', ' “LA GÜERA” ')).toBe('/srv/microsip/“LA GÜERA”.FDB');
  });

  it('refuses a NOMBRE_CORTO that would leave the data folder', () => {
    for (const bad of ['', '   ', '..', '../CONFIG', 'A\\B', 'C:X']) {
      expect(() => companyDatabasePath('C:\\Microsip datos', bad)).toThrow(/no válido/);
    }
  });

  it('refuses an empty folder', () => {
    expect(() => configDatabasePath('   ')).toThrow(/vacía/);
  });

  it('tells Windows folders from POSIX ones', () => {
    expect(isWindowsFolder('C:\\Microsip datos')).toBe(true);
    expect(isWindowsFolder('c:/x')).toBe(true);
    expect(isWindowsFolder('\\\\srv\\share')).toBe(true);
    expect(isWindowsFolder('/var/lib/firebird')).toBe(false);
    expect(isWindowsFolder('datos')).toBe(false);
  });
});
