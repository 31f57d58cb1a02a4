import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogName } from '../../shared/catalogs';
import type { CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import { syncCatalog } from '../../electron/engine/catalog-sync';
import { ALL_FIELDS } from '../../electron/engine/field-toggles';
import { SyncStateRepo } from '../../electron/engine/sync-state-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import { describeTables } from '../../electron/erp/microsip/table-metadata';
import { openFirebird } from '../../electron/erp/microsip/firebird-client';
import { invoices } from '../../electron/erp/microsip/catalogs/invoices';
import { MicrosipCatalogSource } from '../../electron/erp/microsip/catalogs/microsip-catalog-source';
import type { MicrosipCatalog } from '../../electron/erp/microsip/catalogs/catalog-definition';
import type { RecordVersionSource } from '../../electron/erp/microsip/catalogs/record-version-fingerprint';
import {
  insertFixtureRow,
  SAMPLE_WAREHOUSES,
  updateFixtureRows,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { SAMPLE_CFDIS, sampleCfdiXml } from '../../scripts/fixtures/microsip/sample-invoice-data';
import { SAMPLE_PV_CFDIS } from '../../scripts/fixtures/microsip/sample-pos-invoice-data';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { RecordingStore } from '../helpers/memory-catalog-source';

/**
 * Issue 12 item 6: facturas of Punto de Venta (DOCTOS_PV, SISTEMA 'PV' uses) join the invoices catalog next to
 * those of Ventas, read from the real Firebird 3 server. Fixture: sample-pos-invoice-data.ts.
 */

const BRANCHES = [
  { id: 225490, name: 'Matriz' },
  { id: 3036477, name: 'Mercancía en tránsito' },
];
const full = { warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } } as const;
const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'PV ÑANDÚ', branches: BRANCHES, ...full },
  { id: 2, shortName: 'PV SYNC', branches: BRANCHES, ...full },
  { id: 3, shortName: 'SIN PUNTO DE VENTA', branches: BRANCHES, ...full, pointOfSale: false },
  { id: 4, shortName: 'PV ANTES DE 2020', branches: null, ...full },
  { id: 5, shortName: 'PV RETIRADO', branches: BRANCHES, ...full },
];

const microsip = useMicrosipFixture('microsip-invoices-pv', COMPANIES);
let connector: MicrosipConnector;
beforeAll(() => {
  connector = new MicrosipConnector(microsip.config(), microsip.env.password);
});
afterAll(async () => {
  await connector?.close();
});

async function withSource<T>(companyId: string, work: (s: CatalogSource) => Promise<T>): Promise<T> {
  const source = await connector.openCatalogs(companyId);
  try {
    return await work(source);
  } finally {
    await source.close();
  }
}

async function readAll(
  source: CatalogSource,
  opts: { blocks?: number[]; batchSize?: number } = {},
): Promise<CatalogRecord[]> {
  const out: CatalogRecord[] = [];
  for await (const b of source.read('invoices', { blocks: opts.blocks, batchSize: opts.batchSize ?? 100 }))
    out.push(...b);
  return out;
}

const veXml = (id: keyof typeof SAMPLE_CFDIS) => sampleCfdiXml(SAMPLE_CFDIS[id]);
const pvXml = (id: keyof typeof SAMPLE_PV_CFDIS) => sampleCfdiXml(SAMPLE_PV_CFDIS[id]);

/** The Ventas facturas of the sample company, exactly as a database without Punto de Venta gives them. */
const VE: CatalogRecord[] = (
  [
    [502, 'F00000001', '2024-03-01', '3001', 'MXN', 568.5, 90.96, 659.46, 'vigente'],
    [504, 'F00000002', '2024-03-05', '3002', 'USD', 1000, 160, 1160, 'vigente'],
    [506, 'F00000004', '2024-03-07', '3001', 'MXN', 100, 16, 116, 'cancelada'],
    [507, 'F00000005', '2024-03-08', '3001', 'MXN', 50, 8, 58, 'vigente'],
  ] as const
).map(([id, folio, date, customerKey, currency, subtotal, tax, total, status]) => ({
  key: String(id),
  block: 0,
  data: {
    folio,
    date,
    customerKey,
    currency,
    subtotal,
    tax,
    total,
    uuid: SAMPLE_CFDIS[id].uuid,
    status,
    storeRequestId: null,
    xml: veXml(id),
  },
}));

/** PV blocks: DOCTO_PV_ID / 1000 + 10^7. */
const PV: CatalogRecord[] = [
  {
    key: 'pv:502',
    block: 10_000_000,
    data: {
      // Invoiced to CLIENTE_FAC_ID 3001 (the ticket's CLIENTE_ID is 3002); USD with retenciones; pre-2016 stamp.
      folio: 'FA0000011',
      date: '2024-04-01',
      customerKey: '3001',
      currency: 'USD',
      subtotal: 1000,
      tax: 160,
      total: 1120,
      uuid: SAMPLE_PV_CFDIS[502].uuid.toUpperCase(),
      status: 'vigente',
      storeRequestId: null,
      xml: pvXml(502),
    },
  },
  {
    key: 'pv:15239010',
    block: 10_015_239,
    data: {
      folio: 'FA0000012',
      date: '2024-04-02',
      customerKey: '3001',
      currency: 'MXN',
      subtotal: 14655.17,
      tax: 2344.83,
      total: 17000,
      uuid: SAMPLE_PV_CFDIS[15239010].uuid,
      status: 'vigente',
      storeRequestId: null,
      xml: pvXml(15239010),
    },
  },
  {
    key: 'pv:15239011',
    block: 10_015_239,
    data: {
      folio: 'FA0000013',
      date: '2024-04-03',
      customerKey: '3001',
      currency: 'MXN',
      subtotal: 100,
      tax: 16,
      total: 116,
      uuid: SAMPLE_PV_CFDIS[15239011].uuid,
      status: 'cancelada',
      storeRequestId: null,
      xml: pvXml(15239011),
    },
  },
];

describe('Microsip invoices from Punto de Venta (Firebird real)', () => {
  it('reads stamped PV facturas next to the Ventas ones: exact amounts, customer, folio, UUID, status, XML', async () => {
    await withSource('1', async (s) => {
      expect(s.catalogs).toContain('invoices');
      const records = await readAll(s);
      expect(records).toEqual([...VE, ...PV]);
      // Tickets (invoiced or cancelled), the devolución, the unstamped factura and the global one never join.
      for (const key of ['pv:15239001', 'pv:15239002', 'pv:15239003', 'pv:15239012', 'pv:15239013']) {
        expect(records.map((r) => r.key)).not.toContain(key);
      }
      // The VE factura 502 and the PV factura 502 are two records.
      expect(records.filter((r) => r.key.endsWith('502')).map((r) => r.data.folio)).toEqual(['F00000001', 'FA0000011']);
      const big = records.find((r) => r.key === 'pv:15239010')!.data.xml as string;
      expect(Buffer.byteLength(big, 'utf8')).toBeGreaterThan(30_000); // read in two chunks
      expect(big).toContain('Nombre="FERRETERÍA “EL ÑANDÚ” €"');
      expect(big.endsWith('</cfdi:Comprobante>\n')).toBe(true);
      const sums = await s.checksums('invoices');
      expect([...sums].map(([b, c]) => [b, c.count])).toEqual([
        [0, 4],
        [10_000_000, 1],
        [10_015_239, 2],
      ]);
    });
  });

  it('reads the same records by block and in batches of one; a PV block holds PV facturas only', async () => {
    await withSource('1', async (s) => {
      await s.checksums('invoices');
      expect(await readAll(s, { blocks: [10_015_239], batchSize: 1 })).toEqual(PV.slice(1));
      expect(await readAll(s, { blocks: [0] })).toEqual(VE);
      expect(await readAll(s, { blocks: [15_239] })).toEqual([]);
    });
  });

  it('works with Ventas only when the database has no DOCTOS_PV', async () => {
    await withSource('3', async (s) => {
      expect(s.catalogs).toContain('invoices');
      expect(await readAll(s)).toEqual(VE);
      const sums = await s.checksums('invoices');
      expect([...sums].map(([b, c]) => [b, c.count])).toEqual([[0, 4]]);
    });
  });

  it('gives Ventas blocks the checksums they have without Punto de Venta (a synced store re-reads nothing)', async () => {
    const withPv = await withSource('5', (s) => s.checksums('invoices'));
    expect([...withPv.keys()]).toEqual([0, 10_000_000, 10_015_239]);
    await microsip.companyDb(4, async (d) => {
      for (const table of ['DOCTOS_PV_LIGAS', 'DOCTOS_PV_DET', 'DOCTOS_PV']) await d.query(`DROP TABLE ${table}`);
    });
    const veOnly = await withSource('5', (s) => s.checksums('invoices'));
    expect([...veOnly]).toEqual([[0, withPv.get(0)]]);
  });

  it('fingerprint slot of several tables: counts and record-version sums add up in a block both reach', async () => {
    const company = microsip.fixture.companies[0]!;
    const target = {
      host: microsip.env.host,
      port: microsip.env.port,
      user: microsip.env.user,
      password: microsip.env.password,
      database: company.databasePath,
    };
    const ve: RecordVersionSource = {
      from: 'DOCTOS_VE d',
      id: 'd.DOCTO_VE_ID',
      versionsOf: ['d'],
      where: 'd.DOCTO_VE_ID = 502',
    };
    const pv: RecordVersionSource = {
      from: 'DOCTOS_PV d',
      id: 'd.DOCTO_PV_ID',
      versionsOf: ['d'],
      where: 'd.DOCTO_PV_ID = 502',
    };
    const blockZero = async (...slot: RecordVersionSource[]) => {
      const def: MicrosipCatalog = { ...invoices, fingerprint: () => ({ perBlock: [slot] }) };
      const source = await MicrosipCatalogSource.open(await openFirebird(target), [def], (e) => e as Error);
      try {
        return (await source.checksums('invoices')).get(0)!;
      } finally {
        await source.close();
      }
    };
    const parts = (c: { checksum: string }) => c.checksum.replace(/^rv:/, '').split('.').map(BigInt);
    const [a, b, both] = [await blockZero(ve), await blockZero(pv), await blockZero(ve, pv)];
    expect(both.count).toBe(2);
    expect(parts(both)).toEqual([2n, parts(a)[1]! + parts(b)[1]!, parts(a)[2]! + parts(b)[2]!]);
  });

  it('reads PV facturas of a database before 2020 (DOCTOS_PV without SUCURSAL_ID)', async () => {
    await withSource('4', async (s) => expect(await readAll(s)).toEqual([...VE, ...PV]));
  });

  it('fixture: DOCTOS_PV as a 2020+ database has it (NOT NULL without default, SUCURSAL_ID checked by a trigger, -1 keys)', async () => {
    const facts = await microsip.companyDb(0, async (d) => {
      const columns = await describeTables(d, ['DOCTOS_PV', 'DOCTOS_PV_DET']);
      const required = (t: string) =>
        [...(columns.get(t) ?? [])]
          .filter(([, c]) => c.notNull && !c.hasDefault)
          .map(([name]) => name)
          .sort();
      const refused = (branch: number | null) =>
        d
          .query(
            "INSERT INTO DOCTOS_PV (DOCTO_PV_ID, CAJA_ID, TIPO_DOCTO, SUCURSAL_ID, FOLIO, SISTEMA_ORIGEN) VALUES (-1, 1, 'V', ?, 'Y00009999', 'PV')",
            [branch],
          )
          .then(
            () => 'aceptado',
            (err: unknown) => String(err),
          );
      const unknownBranch = await refused(999);
      const noBranch = await refused(null);
      await d.query(
        "INSERT INTO DOCTOS_PV (DOCTO_PV_ID, CAJA_ID, TIPO_DOCTO, SUCURSAL_ID, FOLIO, SISTEMA_ORIGEN) VALUES (-1, 1, 'V', 3036477, 'Y00009999', 'PV')",
      );
      const [created] = await d.query<{ ID: number; FECHA: Date | null }>(
        "SELECT DOCTO_PV_ID AS ID, FECHA FROM DOCTOS_PV WHERE FOLIO = 'Y00009999'",
      );
      await d.query('DELETE FROM DOCTOS_PV WHERE DOCTO_PV_ID = ?', [created!.ID]);
      return {
        pv: required('DOCTOS_PV'),
        det: required('DOCTOS_PV_DET'),
        unknownBranch,
        noBranch,
        id: created!.ID,
        dated: created!.FECHA instanceof Date,
      };
    });
    expect(facts.pv).toEqual(['CAJA_ID', 'DOCTO_PV_ID', 'FOLIO', 'SISTEMA_ORIGEN', 'SUCURSAL_ID', 'TIPO_DOCTO']);
    expect(facts.det).toEqual(['ARTICULO_ID', 'DOCTO_PV_DET_ID', 'DOCTO_PV_ID', 'ROL']);
    expect(facts.unknownBranch).toContain('La sucursal 999 no existe (DOCTOS_PV.SUCURSAL_ID)');
    expect(facts.noBranch).toMatch(/validation error for column "DOCTOS_PV"."SUCURSAL_ID"/i);
    expect(facts.id).toBeGreaterThan(0); // -1 → GEN_ID(ID_DOCTOS, 1)
    expect(facts.dated).toBe(true); // FECHA NOT NULL DEFAULT 'TODAY'
  });

  it('engine: pushes VE and PV once, nothing when unchanged, a PV factura when stamped, then its cancellation', async () => {
    const db = openSettingsDatabase(':memory:');
    db.prepare(
      "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
    ).run();
    const state = new SyncStateRepo(db);
    const store = new RecordingStore();
    const errors: string[] = [];
    const pass = async () =>
      withSource('2', (source) =>
        syncCatalog({
          scope: { connectionId: 1, companyId: '2' },
          catalog: 'invoices' as CatalogName,
          source,
          store,
          state,
          toggles: ALL_FIELDS,
          pushBatchSize: 2,
          readBatchSize: 2,
          onRecordError: (_key, message) => errors.push(message),
        }),
      );
    const companyDb = <T>(work: Parameters<typeof microsip.companyDb<T>>[1]) => microsip.companyDb(1, work);
    try {
      const first = await pass();
      expect(first).toMatchObject({ state: 'success', read: 7, pushed: 7, failed: 0, deleted: 0 });
      expect(store.active('invoices')).toEqual(['502', '504', '506', '507', 'pv:502', 'pv:15239010', 'pv:15239011']);

      const again = await pass();
      expect(again).toMatchObject({ state: 'success', read: 0, pushed: 0, deleted: 0 });

      // Microsip stamps PV factura 15239012: repository row, the use's UUID/CFDI_ID, the document's flag.
      const uuid = 'FACE0000-1111-4222-8333-444455556666';
      const stampedXml = sampleCfdiXml({ ...SAMPLE_PV_CFDIS[15239011], uuid, folio: '14', subtotal: 200, iva: 32 });
      await companyDb(async (d) => {
        await insertFixtureRow(d, 'REPOSITORIO_CFDI', {
          CFDI_ID: 734,
          MODALIDAD_FACTURACION: 'CFDI',
          VERSION: '4.0',
          UUID: uuid,
          NATURALEZA: 'E',
          TIPO_COMPROBANTE: 'I',
          TIPO_DOCTO_MSP: 'Factura',
          FOLIO: 'FA14',
          FECHA: new Date(2024, 3, 6),
          RFC: 'FEN010101AB1',
          NOMBRE: 'FERRETERÍA “EL ÑANDÚ” €',
          IMPORTE: 232,
          MONEDA: 'MXN',
          XML: Buffer.from(stampedXml, 'utf8'),
          SELLO_VALIDADO: 'M',
        });
        await updateFixtureRows(d, 'USOS_FOLIOS_FISCALES', { UUID: uuid, CFDI_ID: 734 }, { USO_FOLIO_ID: 752 });
        await updateFixtureRows(d, 'DOCTOS_PV', { CFDI_CERTIFICADO: 'S' }, { DOCTO_PV_ID: 15239012 });
      });
      const stamped = await pass();
      expect(stamped).toMatchObject({ state: 'success', pushed: 1, deleted: 0, failed: 0 });
      expect(store.records.get('invoices/pv:15239012')?.data).toMatchObject({
        folio: 'FA0000014',
        uuid,
        status: 'vigente',
        total: 232,
        xml: stampedXml,
      });

      // Cancelled in Punto de Venta: ESTATUS N → C and the CFDI's cancellation date.
      await companyDb(async (d) => {
        await updateFixtureRows(
          d,
          'DOCTOS_PV',
          { ESTATUS: 'C', FECHA_HORA_CANCELACION: new Date(2024, 4, 2) },
          { DOCTO_PV_ID: 15239010 },
        );
        await updateFixtureRows(d, 'REPOSITORIO_CFDI', { FECHA_CANCELACION: new Date(2024, 4, 2) }, { CFDI_ID: 730 });
      });
      const cancelled = await pass();
      expect(cancelled).toMatchObject({ state: 'success', pushed: 1, deleted: 0, failed: 0 });
      expect(store.records.get('invoices/pv:15239010')?.data).toMatchObject({
        uuid: SAMPLE_PV_CFDIS[15239010].uuid,
        status: 'cancelada',
      });
      // The Ventas factura with the same number is untouched.
      expect(store.records.get('invoices/502')?.data).toMatchObject({ folio: 'F00000001', status: 'vigente' });

      // A new ticket (not a factura) changes nothing in the store.
      await companyDb((d) =>
        insertFixtureRow(d, 'DOCTOS_PV', {
          DOCTO_PV_ID: 15239020,
          CAJA_ID: 22198,
          TIPO_DOCTO: 'V',
          SUCURSAL_ID: 225490,
          FOLIO: 'Y00002270',
          FECHA: new Date(2024, 4, 3),
          CLIENTE_ID: 3001,
          MONEDA_ID: 1,
          ESTATUS: 'N',
          SISTEMA_ORIGEN: 'PV',
          IMPORTE_NETO: 10,
          TOTAL_IMPUESTOS: 1.6,
        }),
      );
      expect(await pass()).toMatchObject({ state: 'success', pushed: 0, deleted: 0, failed: 0 });
      expect(store.active('invoices').sort()).toEqual([
        '502',
        '504',
        '506',
        '507',
        'pv:15239010',
        'pv:15239011',
        'pv:15239012',
        'pv:502',
      ]);
      expect(errors).toEqual([]);
    } finally {
      db.close();
    }
  });
});
