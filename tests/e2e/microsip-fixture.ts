import fs from 'node:fs';
import { firebirdTestEnv, uniqueDataFolder } from '../helpers/firebird-env';
import {
  createMicrosipDataFolder,
  removeMicrosipDataFolder,
  SAMPLE_WAREHOUSES,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';

/** A real Microsip data folder on the local Firebird server, with names that test every encoding edge. */
export interface MicrosipFixture {
  host: string;
  port: number;
  user: string;
  password: string;
  folder: string;
  companies: { id: string; name: string }[];
  cleanup(): Promise<void>;
}

/** Ñ and Ú (Latin-1), € and curly quotes (Windows-1252 only, 0x80/0x93/0x94): all must survive the trip. */
export const E2E_COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'ÑANDÚ €URO', branches: [{ id: 10, name: 'Matriz Mérida' }] },
  { id: 2, shortName: '“LA GÜERA” S.A.', branches: [] },
];

/** For *Sincronizar ahora*: the first company also has every catalog table Microsip's sync reads, with sample rows. */
export const E2E_SYNC_COMPANIES: FixtureCompany[] = [
  { ...E2E_COMPANIES[0]!, warehouses: [...SAMPLE_WAREHOUSES], catalogs: { schema: 'full', data: 'sample' } },
  E2E_COMPANIES[1]!,
];

export async function prepareMicrosipFixture(
  companies: FixtureCompany[] = E2E_COMPANIES,
  label = 'e2e-dialogo',
): Promise<MicrosipFixture> {
  // WOPEN_FB_* variables, default 127.0.0.1:3050 SYSDBA/masterkey; an unreachable server makes this throw.
  const { dataDir: _dataDir, ...server } = firebirdTestEnv();
  const connection = { ...server, folder: uniqueDataFolder(label) };
  let created;
  try {
    created = await createMicrosipDataFolder({ ...connection, companies });
  } catch (err) {
    fs.rmSync(connection.folder, { recursive: true, force: true });
    throw err;
  }
  return {
    ...connection,
    companies: created.companies.map(({ id, name }) => ({ id, name })),
    cleanup: () => removeMicrosipDataFolder({ ...connection, companies }),
  };
}
