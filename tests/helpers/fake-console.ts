import path from 'node:path';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import type { StoreClient } from '../../electron/store/port';
import { FakeErp } from './fake-erp';
import { RecordingStore } from './memory-catalog-source';
import { settingsInput } from './settings-input';
import { tempDir } from './temp-dir';

/**
 * A console on a fresh settings file with one fake Microsip connection whose company 1 has *Sincronizar*
 * ticked and a store URL, as a user leaves it after *Aceptar*.
 */
export async function consoleWithOneCompany<S extends StoreClient = RecordingStore>(
  o: { store?: S; clock?: () => Date } = {},
) {
  const erp = new FakeErp();
  const store = o.store ?? (new RecordingStore() as unknown as S);
  const databasePath = path.join(tempDir(), 'w.sqlite');
  const c: OpenedConsole = openConsole({
    databasePath,
    version: 't',
    erpFactory: erp.factory,
    storeFactory: () => store,
    ...(o.clock ? { clock: o.clock } : {}),
  });
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
    newPassword: 'pw',
  });
  await c.service.listCompanies(id);
  await c.service.saveSettings(id, [
    settingsInput('1', { sync: true, period: '5', url: 'https://e1.wopen.com.mx', user: 'u', newPassword: 'p' }),
  ]);
  return { c, erp, store, databasePath, scope: { connectionId: id, companyId: '1' } };
}
