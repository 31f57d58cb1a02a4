import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogName } from '../../shared/catalogs';
import type { CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import { syncCatalog } from '../../electron/engine/catalog-sync';
import { ALL_FIELDS } from '../../electron/engine/field-toggles';
import { SyncStateRepo } from '../../electron/engine/sync-state-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import {
  insertFixtureRow,
  SAMPLE_WAREHOUSES,
  updateFixtureRows,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { SAMPLE_CFDIS, sampleCfdiXml } from '../../scripts/fixtures/microsip/sample-invoice-data';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { RecordingStore } from '../helpers/memory-catalog-source';

/** Issue 7: facturas stamped in Microsip (REPOSITORIO_CFDI / USOS_FOLIOS_FISCALES) read from the real Firebird 3 server. */

const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'FACTURAS ÑANDÚ', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
  { id: 2, shortName: 'FACTURAS SYNC', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
  { id: 3, shortName: 'SIN FACTURAS', catalogs: { schema: 'legacy', data: 'sample' } },
];

const microsip = useMicrosipFixture('microsip-invoices', COMPANIES);
const { env } = microsip;
let connector: MicrosipConnector;
beforeAll(() => {
  connector = new MicrosipConnector(microsip.config(), env.password);
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

const xml = (id: keyof typeof SAMPLE_CFDIS) => sampleCfdiXml(SAMPLE_CFDIS[id]);

const EXPECTED: CatalogRecord[] = [
  {
    key: '502',
    block: 0,
    data: {
      folio: 'F00000001',
      date: '2024-03-01',
      customerKey: '3001',
      currency: 'MXN',
      subtotal: 568.5,
      tax: 90.96,
      total: 659.46,
      uuid: SAMPLE_CFDIS[502].uuid,
      status: 'vigente',
      storeRequestId: null,
      xml: xml(502),
    },
  },
  {
    key: '504',
    block: 0,
    data: {
      folio: 'F00000002',
      date: '2024-03-05',
      customerKey: '3002',
      currency: 'USD',
      subtotal: 1000,
      tax: 160,
      total: 1160,
      uuid: SAMPLE_CFDIS[504].uuid,
      status: 'vigente',
      storeRequestId: null,
      xml: xml(504),
    },
  },
  {
    key: '506',
    block: 0,
    data: {
      folio: 'F00000004',
      date: '2024-03-07',
      customerKey: '3001',
      currency: 'MXN',
      subtotal: 100,
      tax: 16,
      total: 116,
      uuid: SAMPLE_CFDIS[506].uuid,
      status: 'cancelada',
      storeRequestId: null,
      xml: xml(506),
    },
  },
  {
    key: '507',
    block: 0,
    data: {
      folio: 'F00000005',
      date: '2024-03-08',
      customerKey: '3001',
      currency: 'MXN',
      subtotal: 50,
      tax: 8,
      total: 58,
      uuid: SAMPLE_CFDIS[507].uuid,
      status: 'vigente',
      storeRequestId: null,
      xml: xml(507),
    },
  },
];

describe('Microsip invoices catalog (Firebird real)', () => {
  it('reads only stamped facturas, with their UUID, status and the XML intact (Ñ, Ú, €, curly quotes, > 64 KB)', async () => {
    await withSource('1', async (s) => {
      expect(s.catalogs).toContain('invoices');
      const records = await readAll(s);
      expect(records).toEqual(EXPECTED);
      // Not stamped (505) and pedidos (500, 501, 503) are never invoices.
      expect(records.map((r) => r.key)).not.toContain('505');
      const first = records[0]!.data.xml as string;
      expect(first).toContain('Nombre="FERRETERÍA “EL ÑANDÚ” €"');
      expect(first).toContain('Martillo de uña “Truper” € 1 — ÑANDÚ');
      const big = records[1]!.data.xml as string;
      expect(Buffer.byteLength(big, 'utf8')).toBeGreaterThan(64 * 1024);
      expect(big.endsWith('</cfdi:Comprobante>\n')).toBe(true);
      const sums = await s.checksums('invoices');
      expect([...sums].map(([b, c]) => [b, c.count])).toEqual([[0, 4]]);
    });
  });

  it('reads the same records in small batches and by block', async () => {
    await withSource('1', async (s) => {
      await s.checksums('invoices');
      expect(await readAll(s, { blocks: [0], batchSize: 1 })).toEqual(EXPECTED);
      expect(await readAll(s, { blocks: [7] })).toEqual([]);
    });
  });

  it('is not offered by a Microsip without the CFDI tables', async () => {
    await withSource('3', async (s) => expect(s.catalogs).not.toContain('invoices'));
  });

  it('engine: pushes all stamped once, nothing when unchanged, a newly stamped one, then a cancellation', async () => {
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
      expect(first).toMatchObject({ state: 'success', read: 4, pushed: 4, failed: 0, deleted: 0 });
      expect(store.active('invoices')).toEqual(['502', '504', '506', '507']);

      const again = await pass();
      expect(again).toMatchObject({ state: 'success', read: 0, pushed: 0, deleted: 0 });

      // Microsip stamps 505: the repository row, the use's UUID/CFDI_ID and the document's flag.
      const uuid = 'D15EA5E0-AAAA-4BBB-8CCC-DDDDEEEEFFFF';
      const stampedXml = sampleCfdiXml({
        ...SAMPLE_CFDIS[502],
        uuid,
        folio: '3',
        subtotal: 200,
        iva: 32,
        conceptos: 1,
      });
      await companyDb(async (d) => {
        await insertFixtureRow(d, 'REPOSITORIO_CFDI', {
          CFDI_ID: 723,
          MODALIDAD_FACTURACION: 'CFDI',
          VERSION: '4.0',
          UUID: uuid,
          NATURALEZA: 'E',
          TIPO_COMPROBANTE: 'I',
          TIPO_DOCTO_MSP: 'Factura',
          FOLIO: 'F3',
          FECHA: new Date(2024, 2, 6),
          RFC: 'FEN010101AB1',
          NOMBRE: 'FERRETERÍA “EL ÑANDÚ” €',
          IMPORTE: 232,
          MONEDA: 'MXN',
          XML: Buffer.from(stampedXml, 'utf8'),
          SELLO_VALIDADO: 'M',
        });
        await updateFixtureRows(d, 'USOS_FOLIOS_FISCALES', { UUID: uuid, CFDI_ID: 723 }, { USO_FOLIO_ID: 742 });
        await updateFixtureRows(d, 'DOCTOS_VE', { CFDI_CERTIFICADO: 'S' }, { DOCTO_VE_ID: 505 });
      });
      const stamped = await pass();
      expect(stamped).toMatchObject({ state: 'success', pushed: 1, deleted: 0, failed: 0 });
      expect(store.records.get('invoices/505')?.data).toMatchObject({
        folio: 'F00000003',
        uuid,
        status: 'vigente',
        total: 232,
        xml: stampedXml,
      });

      // Cancelled in Microsip: the document's ESTATUS and the CFDI's cancellation date.
      await companyDb(async (d) => {
        await updateFixtureRows(d, 'DOCTOS_VE', { ESTATUS: 'C' }, { DOCTO_VE_ID: 502 });
        await updateFixtureRows(d, 'REPOSITORIO_CFDI', { FECHA_CANCELACION: new Date(2024, 3, 1) }, { CFDI_ID: 720 });
      });
      const cancelled = await pass();
      expect(cancelled).toMatchObject({ state: 'success', pushed: 1, deleted: 0, failed: 0 });
      expect(store.records.get('invoices/502')?.data).toMatchObject({
        uuid: SAMPLE_CFDIS[502].uuid,
        status: 'cancelada',
      });
      expect(store.active('invoices').sort()).toEqual(['502', '504', '505', '506', '507']);
      expect(errors).toEqual([]);
    } finally {
      db.close();
    }
  });
});
