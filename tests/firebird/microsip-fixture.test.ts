import fs from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withFirebird } from '../../electron/erp/microsip/firebird-client';
import {
  createMicrosipDataFolder,
  removeMicrosipDataFolder,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { firebirdTestEnv, uniqueDataFolder } from '../helpers/firebird-env';

/** The fixture must look like Microsip at the byte level: NONE columns holding Windows-1252 bytes. */

const env = firebirdTestEnv();
const folder = uniqueDataFolder('microsip-fixture');
const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'ÑANDÚ €URO', branches: [{ id: 5, name: '“Centro” — Œ' }] },
  { id: 2, shortName: 'PLAIN' },
];

let setupError: unknown;

beforeAll(async () => {
  try {
    await createMicrosipDataFolder({ ...env, folder, companies: COMPANIES });
  } catch (err) {
    setupError = err;
  }
});

// Without a reachable Firebird every test fails with the setup error (vitest would only mark them skipped).
beforeEach(() => {
  if (setupError) throw setupError;
});

afterAll(async () => {
  await removeMicrosipDataFolder({ ...env, folder, companies: COMPANIES });
});

describe('Microsip fixture', () => {
  it('creates System/CONFIG.FDB and one .FDB per company named after NOMBRE_CORTO', () => {
    expect(fs.existsSync(`${folder}/System/CONFIG.FDB`)).toBe(true);
    expect(fs.existsSync(`${folder}/ÑANDÚ €URO.FDB`)).toBe(true);
    expect(fs.existsSync(`${folder}/PLAIN.FDB`)).toBe(true);
  });

  it('stores EMPRESAS.NOMBRE_CORTO as Windows-1252 bytes in a CHARACTER SET NONE column', async () => {
    const rows = await withFirebird({ ...env, database: `${folder}/System/CONFIG.FDB` }, async (db) => {
      const charset = await db.query<{ CS: string }>(
        `SELECT TRIM(cs.RDB$CHARACTER_SET_NAME) AS CS FROM RDB$RELATION_FIELDS rf
           JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
           JOIN RDB$CHARACTER_SETS cs ON cs.RDB$CHARACTER_SET_ID = f.RDB$CHARACTER_SET_ID
          WHERE rf.RDB$RELATION_NAME = ? AND rf.RDB$FIELD_NAME = ?`,
        ['EMPRESAS', 'NOMBRE_CORTO'],
      );
      const bytes = await db.query<{ B: Buffer }>(
        'SELECT CAST(NOMBRE_CORTO AS VARCHAR(30) CHARACTER SET OCTETS) AS B FROM EMPRESAS WHERE EMPRESA_ID = ?',
        [1],
      );
      return { charset: charset[0]?.CS, hex: bytes[0]?.B.toString('hex') };
    });
    expect(rows.charset).toBe('NONE');
    // Ñ=D1 A N D Ú=DA space €=80 U R O
    expect(rows.hex).toBe('d1414e44da208055524f');
  });

  it('can be rebuilt over itself (idempotent)', async () => {
    const again = await createMicrosipDataFolder({ ...env, folder, companies: COMPANIES });
    expect(again.companies.map((c) => c.name)).toEqual(['ÑANDÚ €URO', 'PLAIN']);
    const branches = await withFirebird({ ...env, database: `${folder}/ÑANDÚ €URO.FDB` }, (db) =>
      db.query<{ B: Buffer }>('SELECT CAST(NOMBRE AS VARCHAR(50) CHARACTER SET OCTETS) AS B FROM SUCURSALES'),
    );
    expect(branches.map((b) => b.B.toString('hex'))).toEqual(['9343656e74726f942097208c']);
  });
});
