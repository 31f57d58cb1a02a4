import path from 'node:path';
import { withFirebird } from '../../electron/erp/microsip/firebird-client';
import { decodeMicrosipText } from '../../electron/erp/microsip/win1252-text';
import type { OrderSettings } from '../../electron/erp/order-writer';
import {
  SAMPLE_WAREHOUSES,
  createMicrosipDataFolder,
  removeMicrosipDataFolder,
  type FixtureCompany,
} from '../fixtures/microsip';
import { firebirdTestEnv, uniqueDataFolder } from '../../tests/helpers/firebird-env';
import { SqliteOrderErp } from './sqlite-order-erp';

export interface ErpDocument {
  documentId: string;
  /** What the writer stored for the order (ORDEN_COMPRA): the marker of its store identity and id. */
  marker: string;
  folio: string;
  lines: number;
}

/** Where the crash test writes: the real Microsip writer on the Firebird fixture, or the SQLite double. */
export interface ErpTarget {
  label: string;
  /** Arguments the child needs to open the same ERP. */
  childArgs: string[];
  settings: OrderSettings;
  customerKey: string;
  /** Default upper bound of the random kill delay: a Firebird document takes longer than a SQLite one. */
  maxKillMs: number;
  articleKeys: [string, string];
  documents(): Promise<ErpDocument[]>;
  cleanup(): Promise<void>;
}

const MICROSIP_COMPANIES: FixtureCompany[] = [
  {
    id: 1,
    shortName: 'CRASH',
    warehouses: SAMPLE_WAREHOUSES,
    catalogs: { schema: 'full', data: 'sample' },
    orders: true,
  },
];

export async function microsipTarget(): Promise<ErpTarget> {
  const env = firebirdTestEnv();
  const folder = uniqueDataFolder('crash-test');
  const fixture = await createMicrosipDataFolder({ ...env, folder, companies: MICROSIP_COMPANIES });
  const company = fixture.companies[0]!;
  const config = { kind: 'microsip', host: env.host, port: env.port, folder, user: env.user };
  return {
    label: 'microsip-firebird (real MicrosipOrderWriter on the scripts/fixtures/microsip orders fixture)',
    childArgs: [
      '--erp-kind',
      'microsip',
      '--fb-config',
      JSON.stringify(config),
      '--fb-password',
      env.password,
      '--company',
      company.id,
    ],
    // Freight article and customer / articles of the fixture's sample data (tests/helpers/bad-orders.ts).
    settings: {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: '1500',
      warehouseId: null,
      requireRfc: false,
      branchId: '225490',
    },
    customerKey: '3001',
    maxKillMs: 400,
    articleKeys: ['1001', '1003'],
    documents: () =>
      withFirebird(
        { host: env.host, port: env.port, user: env.user, password: env.password, database: company.databasePath },
        async (q) => {
          const rows = await q.query<Record<string, unknown>>(
            `SELECT d.DOCTO_VE_ID AS ID, CAST(d.FOLIO AS VARCHAR(9) CHARACTER SET OCTETS) AS FOLIO,
                  CAST(d.ORDEN_COMPRA AS VARCHAR(35) CHARACTER SET OCTETS) AS OC,
                  (SELECT COUNT(*) FROM DOCTOS_VE_DET l WHERE l.DOCTO_VE_ID = d.DOCTO_VE_ID) AS N
             FROM DOCTOS_VE d ORDER BY d.DOCTO_VE_ID`,
          );
          return rows.map((r) => ({
            documentId: String(r.ID),
            folio: (decodeMicrosipText(r.FOLIO) ?? '').trim(),
            marker: (decodeMicrosipText(r.OC) ?? '').trim(),
            lines: Number(r.N),
          }));
        },
      ),
    cleanup: () => removeMicrosipDataFolder({ ...env, folder, companies: MICROSIP_COMPANIES }),
  };
}

export function sqliteTarget(dir: string): ErpTarget {
  const file = path.join(dir, 'erp.sqlite');
  return {
    label: 'sqlite-double (scripts/crash-test/sqlite-order-erp.ts), not Microsip/Firebird',
    childArgs: ['--erp-kind', 'sqlite', '--erp', file],
    settings: {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: null,
      warehouseId: null,
      requireRfc: false,
    },
    customerKey: 'C1',
    maxKillMs: 60,
    articleKeys: ['A1', 'A2'],
    documents: async () => {
      const erp = new SqliteOrderErp(file);
      try {
        return erp.documents();
      } finally {
        await erp.close();
      }
    },
    cleanup: async () => {},
  };
}
