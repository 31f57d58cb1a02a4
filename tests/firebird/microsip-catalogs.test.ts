import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGS, type CatalogName } from '../../shared/catalogs';
import type { CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import { withFirebird } from '../../electron/erp/microsip/firebird-client';
import {
  deleteFixtureRows,
  insertFixtureRow,
  SAMPLE_ROWS,
  SAMPLE_WAREHOUSES,
  updateFixtureRows,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import type { FixtureValue } from '../../scripts/fixtures/microsip/sample-catalog-data';
import { SAMPLE_CFDIS, sampleCfdiXml } from '../../scripts/fixtures/microsip/sample-invoice-data';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';

/** The Microsip catalog readers against the real Firebird 3 server and the sample company of the fixture. */

const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'MUESTRA ÑANDÚ', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
  { id: 2, shortName: 'MICROSIP ANTIGUO', catalogs: { schema: 'legacy', data: 'sample' } },
  { id: 3, shortName: 'CAMBIOS', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];

const microsip = useMicrosipFixture('microsip-catalogs', COMPANIES);
const { env } = microsip;
let connector: MicrosipConnector;
beforeAll(() => {
  connector = new MicrosipConnector(microsip.config(), env.password);
});
afterAll(async () => {
  await connector?.close();
});

async function readAll(
  source: CatalogSource,
  catalog: CatalogName,
  opts: { blocks?: number[]; batchSize?: number } = {},
) {
  const batches: CatalogRecord[][] = [];
  for await (const b of source.read(catalog, { blocks: opts.blocks, batchSize: opts.batchSize ?? 100 }))
    batches.push(b);
  return { batches, records: batches.flat() };
}

async function withSource<T>(companyId: string, work: (s: CatalogSource) => Promise<T>): Promise<T> {
  const source = await connector.openCatalogs(companyId);
  try {
    return await work(source);
  } finally {
    await source.close();
  }
}

/** Runs SQL against the CAMBIOS company as Microsip would (its own attachment, committed). */
async function inChanges(
  work: (db: Parameters<Parameters<typeof withFirebird>[1]>[0]) => Promise<unknown>,
): Promise<void> {
  const company = microsip.fixture.companies.find((c) => c.id === '3')!;
  await withFirebird(
    { host: env.host, port: env.port, user: env.user, password: env.password, database: company.databasePath },
    async (db) => {
      await work(db);
    },
  );
}

const update = (table: string, set: Record<string, FixtureValue>, where: Record<string, FixtureValue>) =>
  inChanges((db) => updateFixtureRows(db, table, set, where));

const EXPECTED: Partial<Record<CatalogName, Array<{ key: string; block: number; data: Record<string, unknown> }>>> = {
  taxes: [
    { key: '20', block: 0, data: { name: 'IVA 16%', kind: 'IVA', rate: 16, isDefault: true } },
    { key: '21', block: 0, data: { name: 'IVA Tasa 0%', kind: 'IVA', rate: 0, isDefault: false } },
    { key: '22', block: 0, data: { name: 'IEPS 8% “botanas”', kind: 'IEPS', rate: 8, isDefault: false } },
  ],
  currencies: [
    { key: '1', block: 0, data: { name: 'Moneda nacional', symbol: '$', isLocal: true } },
    { key: '2', block: 0, data: { name: 'Dólar', symbol: 'US$', isLocal: false } },
  ],
  warehouses: [
    { key: '1', block: 0, data: { name: 'Almacén general', shortName: 'GRAL', isDefault: true } },
    { key: '2', block: 0, data: { name: 'Bodega “Ñuñoa”', shortName: 'BÑ', isDefault: false } },
  ],
  'shipping-methods': [
    { key: '30', block: 0, data: { name: 'Paquetería “Ñ”', isDefault: true } },
    { key: '31', block: 0, data: { name: 'Recoge en tienda', isDefault: false } },
  ],
  'price-lists': [
    { key: '40', block: 0, data: { name: 'Precio de lista', position: 1 } },
    { key: '41', block: 0, data: { name: 'Mayoreo “€”', position: 2 } },
  ],
  'payment-terms': [
    { key: '50', block: 0, data: { name: 'Contado', days: 0, prontoPagoPercent: 0 } },
    { key: '51', block: 0, data: { name: 'Crédito 30 días', days: 30, prontoPagoPercent: 0 } },
    { key: '52', block: 0, data: { name: '2 pagos — 15/30', days: 30, prontoPagoPercent: 2.5 } },
  ],
  'customer-types': [{ key: '60', block: 0, data: { name: 'Distribuidor Ñ' } }],
  'customer-zones': [{ key: '70', block: 0, data: { name: 'Bajío — Centro' } }],
  salespeople: [{ key: '80', block: 0, data: { name: 'José Núñez' } }],
  collectors: [{ key: '90', block: 0, data: { name: 'María “La Güera” Pérez' } }],
  customers: [
    {
      key: '3001',
      block: 3,
      data: {
        code: 'C-0001',
        name: 'Ferretería “El Ñandú” S.A. de C.V.',
        rfc: 'FEN010101AB1',
        email: 'compras@elnandu.mx',
        phone: '442 123 4567',
        status: 'active',
        currencyKey: '1',
        paymentTermKey: '51',
        customerTypeKey: '60',
        zoneKey: '70',
        salespersonKey: '80',
        collectorKey: '90',
        priceListKey: '41',
        address: {
          street: 'Av. Constituyentes 123 Int. 4, Col. Niños Héroes',
          city: 'Santiago de Querétaro',
          state: 'Querétaro',
          zip: '76010',
        },
      },
    },
    {
      key: '3002',
      block: 3,
      data: {
        code: 'C-0002',
        name: 'Cliente € suspendido',
        rfc: 'XAXX010101000',
        email: null,
        phone: null,
        status: 'suspended',
        currencyKey: '2',
        paymentTermKey: '50',
        customerTypeKey: null,
        zoneKey: null,
        salespersonKey: null,
        collectorKey: null,
        priceListKey: '40',
        address: { street: 'Calle Ñu 5, Col. Centro', city: null, state: null, zip: '01000' },
      },
    },
  ],
  'customer-balances': [
    {
      key: '3001',
      block: 3,
      data: { customerKey: '3001', creditLimit: 50000, balance: 10640, overdue: 8320, notDue: 2320 },
    },
    { key: '3002', block: 3, data: { customerKey: '3002', creditLimit: 0, balance: 0, overdue: 0, notDue: 0 } },
  ],
  'article-lines': [
    { key: '111', block: 0, data: { name: 'Herramientas “Pro”', group: 'Ferretería' } },
    { key: '112', block: 0, data: { name: 'Eléctrico €', group: null } },
  ],
  articles: [
    {
      key: '1001',
      block: 1,
      data: {
        code: 'MART-16',
        name: 'Martillo de uña “Truper” 16 oz',
        description: 'Mango de fibra — garantía €',
        lineKey: '111',
        unit: 'PZA',
        status: 'active',
        isKit: false,
        taxKeys: ['20'],
      },
    },
    {
      key: '1002',
      block: 1,
      data: {
        code: 'CAB-12Ñ',
        name: 'Cable THW calibre 12 Ñ',
        description: null,
        lineKey: '112',
        unit: 'M',
        status: 'suspended',
        isKit: false,
        taxKeys: ['20', '22'],
      },
    },
    {
      key: '2005',
      block: 2,
      data: {
        code: 'KIT-ELEC',
        name: 'Kit electricista',
        description: null,
        lineKey: '112',
        unit: 'JGO',
        status: 'active',
        isKit: true,
        taxKeys: ['21'],
      },
    },
  ],
  stock: [
    {
      key: '1001:1',
      block: 1,
      data: { articleKey: '1001', warehouseKey: '1', onHand: 85, committed: 5, available: 80 },
    },
    {
      key: '1001:2',
      block: 1,
      data: { articleKey: '1001', warehouseKey: '2', onHand: 30, committed: 0, available: 30 },
    },
    {
      key: '1002:1',
      block: 1,
      data: { articleKey: '1002', warehouseKey: '1', onHand: 380.25, committed: 0, available: 380.25 },
    },
  ],
  'article-prices': [
    { key: '1001:40', block: 1, data: { articleKey: '1001', priceListKey: '40', currencyKey: '1', price: 189.5 } },
    { key: '1001:41', block: 1, data: { articleKey: '1001', priceListKey: '41', currencyKey: '1', price: 170.25 } },
    { key: '1002:40', block: 1, data: { articleKey: '1002', priceListKey: '40', currencyKey: '1', price: 12.75 } },
    { key: '2005:40', block: 2, data: { articleKey: '2005', priceListKey: '40', currencyKey: '2', price: 99.99 } },
  ],
  discounts: [
    { key: 'customer:3001', block: 10_000_003, data: { kind: 'customer', percent: 5, customerKey: '3001' } },
    {
      key: 'promotion:900:article:1001',
      block: 20_000_001,
      data: { kind: 'promotion', percent: 10, articleKey: '1001', validFrom: '2024-01-01', validTo: '2099-12-31' },
    },
    {
      key: 'promotion:900:line:112',
      block: 30_000_000,
      data: { kind: 'promotion', percent: 7.5, lineKey: '112', validFrom: '2024-01-01', validTo: '2099-12-31' },
    },
    {
      key: 'volume:950:1002:100',
      block: 40_000_001,
      data: { kind: 'volume', percent: 3, articleKey: '1002', minQuantity: 100 },
    },
    {
      key: 'volume:950:1002:500',
      block: 40_000_001,
      data: { kind: 'volume', percent: 6, articleKey: '1002', minQuantity: 500 },
    },
  ],
  // Stamped facturas only (505 has no UUID); details in tests/firebird/microsip-invoices.test.ts.
  invoices: (
    [
      [502, 'F00000001', '2024-03-01', '3001', 'MXN', 568.5, 90.96, 'vigente'],
      [504, 'F00000002', '2024-03-05', '3002', 'USD', 1000, 160, 'vigente'],
      [506, 'F00000004', '2024-03-07', '3001', 'MXN', 100, 16, 'cancelada'],
      [507, 'F00000005', '2024-03-08', '3001', 'MXN', 50, 8, 'vigente'],
    ] as const
  ).map(([id, folio, date, customerKey, currency, subtotal, tax, status]) => ({
    key: String(id),
    block: 0,
    data: {
      folio,
      date,
      customerKey,
      currency,
      subtotal,
      tax,
      total: Math.round((subtotal + tax) * 100) / 100,
      uuid: SAMPLE_CFDIS[id].uuid,
      status,
      storeRequestId: null,
      xml: sampleCfdiXml(SAMPLE_CFDIS[id]),
    },
  })),
};

describe('Microsip catalogs (Firebird real)', () => {
  it('offers all 18 catalogs for a complete company', async () => {
    await withSource('1', async (s) => expect(s.catalogs).toEqual([...CATALOGS]));
  });

  it.each(CATALOGS.map((c) => [c]))(
    'reads %s exactly: Windows-1252 text intact, numbers as numbers, ordered by block',
    async (catalog) => {
      await withSource('1', async (s) => {
        const { records } = await readAll(s, catalog);
        expect(records).toEqual(EXPECTED[catalog]);
        const sums = await s.checksums(catalog);
        const perBlock = new Map<number, number>();
        for (const r of records) perBlock.set(r.block, (perBlock.get(r.block) ?? 0) + 1);
        const counts = new Map([...sums].map(([b, c]) => [b, c.count]));
        if (catalog === 'stock') {
          // Stock aggregates several SALDOS_IN rows (months) into one record: its count is an upper bound.
          for (const [b, n] of perBlock) expect(counts.get(b)).toBeGreaterThanOrEqual(n);
        } else expect(counts).toEqual(perBlock);
      });
    },
  );

  it('checksums are stable across calls and across attachments', async () => {
    const first = await withSource('1', async (s) => {
      const all = new Map<CatalogName, unknown>();
      for (const c of s.catalogs) all.set(c, await s.checksums(c));
      for (const c of s.catalogs) expect(await s.checksums(c)).toEqual(all.get(c));
      return all;
    });
    await withSource('1', async (s) => {
      for (const c of s.catalogs) expect(await s.checksums(c)).toEqual(first.get(c));
    });
  });

  it('read with blocks returns only those blocks, in block order; an empty list reads nothing', async () => {
    await withSource('1', async (s) => {
      expect((await readAll(s, 'articles', { blocks: [2] })).records.map((r) => r.key)).toEqual(['2005']);
      expect((await readAll(s, 'articles', { blocks: [2, 1] })).records.map((r) => r.key)).toEqual([
        '1001',
        '1002',
        '2005',
      ]);
      expect((await readAll(s, 'article-prices', { blocks: [1] })).records.map((r) => r.key)).toEqual([
        '1001:40',
        '1001:41',
        '1002:40',
      ]);
      expect((await readAll(s, 'discounts', { blocks: [40_000_001, 10_000_003] })).records.map((r) => r.key)).toEqual([
        'customer:3001',
        'volume:950:1002:100',
        'volume:950:1002:500',
      ]);
      expect((await readAll(s, 'articles', { blocks: [] })).batches).toEqual([]);
      expect((await readAll(s, 'articles', { blocks: [7] })).batches).toEqual([]);
    });
  });

  it('respects batchSize', async () => {
    await withSource('1', async (s) => {
      expect((await readAll(s, 'stock', { batchSize: 2 })).batches.map((b) => b.length)).toEqual([2, 1]);
      expect((await readAll(s, 'article-prices', { batchSize: 1 })).batches.map((b) => b.length)).toEqual([1, 1, 1, 1]);
      await expect(readAll(s, 'stock', { batchSize: 0 })).rejects.toThrow(RangeError);
    });
  });

  it('a company without the optional tables (older Microsip) offers fewer catalogs and fewer fields, without failing', async () => {
    await withSource('2', async (s) => {
      expect(s.catalogs).toEqual([
        'taxes',
        'currencies',
        'warehouses',
        'price-lists',
        'payment-terms',
        'customers',
        'customer-balances',
        'article-lines',
        'articles',
        'stock',
        'article-prices',
      ]);
      for (const c of s.catalogs) {
        await s.checksums(c);
        await readAll(s, c);
      }
      const customers = (await readAll(s, 'customers')).records;
      expect(customers[0]).toEqual({
        key: '3001',
        block: 3,
        data: {
          code: 'ALT-1', // no roles table: the first key of any role
          name: 'Ferretería “El Ñandú” S.A. de C.V.',
          rfc: null,
          email: null,
          phone: null,
          status: 'active',
          currencyKey: '1',
          paymentTermKey: '51',
          customerTypeKey: '60',
          zoneKey: '70',
          salespersonKey: '80',
          collectorKey: '90',
          priceListKey: null,
          address: { street: null, city: null, state: null, zip: null },
        },
      });
      expect((await readAll(s, 'taxes')).records[2]?.data).toEqual({
        name: 'IEPS 8% “botanas”',
        kind: 'OTRO',
        rate: 8,
        isDefault: false,
      });
      expect((await readAll(s, 'payment-terms')).records[1]?.data).toEqual({
        name: 'Crédito 30 días',
        days: 0,
        prontoPagoPercent: 0,
      });
      // Only the default warehouse 1 exists there; no DOCTOS_VE → nothing committed.
      expect((await readAll(s, 'stock')).records.map((r) => [r.key, r.data.committed])).toEqual([
        ['1001:1', 0],
        ['1002:1', 0],
      ]);
      expect((await readAll(s, 'customer-balances')).records[0]?.data).toEqual({
        customerKey: '3001',
        creditLimit: 50000,
        balance: 10640,
      });
      expect((await readAll(s, 'articles')).records[1]?.data.taxKeys).toEqual([]);
      await expect(s.checksums('discounts')).rejects.toThrow(/no tiene el catálogo «Descuentos»/);
    });
  });
});

describe('Microsip block checksums follow the data (Firebird real)', () => {
  /**
   * Catalogs that detect changes from record versions (record-version-fingerprint.ts): an undo is a new write,
   * so their block moves again instead of returning to its old checksum.
   */
  const FINGERPRINTED = new Set<CatalogName>(['articles', 'stock', 'article-prices', 'customers', 'customer-balances']);

  /**
   * Applies `change`, expects exactly `moved` blocks of `catalog` to change (others equal), then `undo`: the
   * other blocks still equal, the moved ones back to their old checksum (content-hash catalogs).
   */
  async function expectMoves(
    catalog: CatalogName,
    moved: number[],
    change: () => Promise<void>,
    undo: () => Promise<void>,
  ) {
    const before = await withSource('3', (s) => s.checksums(catalog));
    await change();
    try {
      const after = await withSource('3', (s) => s.checksums(catalog));
      for (const [block, sum] of before) {
        if (moved.includes(block)) expect(after.get(block), `block ${block} should move`).not.toEqual(sum);
        else expect(after.get(block), `block ${block} should stay`).toEqual(sum);
      }
    } finally {
      await undo();
    }
    const undone = await withSource('3', (s) => s.checksums(catalog));
    for (const [block, sum] of before) {
      // An undo of an update writes new versions (the block moves again); an insert undone by a delete does not.
      if (moved.includes(block) && FINGERPRINTED.has(catalog)) continue;
      expect(undone.get(block), `block ${block} after undo`).toEqual(sum);
    }
  }

  it('an accent-only text change moves its block (ñ → n), and only it', async () => {
    await expectMoves(
      'articles',
      [1],
      () => update('ARTICULOS', { NOMBRE: 'Martillo de una “Truper” 16 oz' }, { ARTICULO_ID: 1001 }),
      () => update('ARTICULOS', { NOMBRE: 'Martillo de uña “Truper” 16 oz' }, { ARTICULO_ID: 1001 }),
    );
  });

  it('€ → E and curly → straight quotes move the block', async () => {
    await expectMoves(
      'customers',
      [3],
      () => update('CLIENTES', { NOMBRE: 'Cliente E suspendido' }, { CLIENTE_ID: 3002 }),
      () => update('CLIENTES', { NOMBRE: 'Cliente € suspendido' }, { CLIENTE_ID: 3002 }),
    );
    await expectMoves(
      'price-lists',
      [0],
      () => update('PRECIOS_EMPRESA', { NOMBRE: 'Mayoreo "€"' }, { PRECIO_EMPRESA_ID: 41 }),
      () => update('PRECIOS_EMPRESA', { NOMBRE: 'Mayoreo “€”' }, { PRECIO_EMPRESA_ID: 41 }),
    );
  });

  it('a change in a joined table moves the block: principal key, address, tax, price, SALDOS_IN, a pending pedido', async () => {
    await expectMoves(
      'articles',
      [1],
      () => update('CLAVES_ARTICULOS', { CLAVE_ARTICULO: 'CAB-12N' }, { CLAVE_ARTICULO_ID: 3 }),
      () => update('CLAVES_ARTICULOS', { CLAVE_ARTICULO: 'CAB-12Ñ' }, { CLAVE_ARTICULO_ID: 3 }),
    );
    await expectMoves(
      'articles',
      [2],
      () =>
        inChanges((db) =>
          insertFixtureRow(db, 'IMPUESTOS_ARTICULOS', { IMPUESTO_ART_ID: 9, IMPUESTO_ID: 22, ARTICULO_ID: 2005 }),
        ),
      () => inChanges((db) => deleteFixtureRows(db, 'IMPUESTOS_ARTICULOS', { IMPUESTO_ART_ID: 9 })),
    );
    await expectMoves(
      'customers',
      [3],
      () => update('DIRS_CLIENTES', { CODIGO_POSTAL: '76011' }, { DIR_CLI_ID: 2 }),
      () => update('DIRS_CLIENTES', { CODIGO_POSTAL: '76010' }, { DIR_CLI_ID: 2 }),
    );
    await expectMoves(
      'article-prices',
      [2],
      () => update('PRECIOS_ARTICULOS', { PRECIO: 100 }, { PRECIO_ARTICULO_ID: 4 }),
      () => update('PRECIOS_ARTICULOS', { PRECIO: 99.99 }, { PRECIO_ARTICULO_ID: 4 }),
    );
    await expectMoves(
      'stock',
      [1],
      () => update('SALDOS_IN', { SALIDAS_UNIDADES: 1 }, { ARTICULO_ID: 1001, ALMACEN_ID: 2, ANO: 2024, MES: 1 }),
      () => update('SALDOS_IN', { SALIDAS_UNIDADES: 0 }, { ARTICULO_ID: 1001, ALMACEN_ID: 2, ANO: 2024, MES: 1 }),
    );
    await expectMoves(
      'stock',
      [1],
      () => update('DOCTOS_VE_DET', { UNIDADES_COMPROM: 4 }, { DOCTO_VE_DET_ID: 600 }),
      () => update('DOCTOS_VE_DET', { UNIDADES_COMPROM: 5 }, { DOCTO_VE_DET_ID: 600 }),
    );
    await expectMoves(
      'customer-balances',
      [3],
      () => update('IMPORTES_DOCTOS_CC', { IMPORTE: 2500 }, { IMPTE_DOCTO_CC_ID: 4 }),
      () => update('IMPORTES_DOCTOS_CC', { IMPORTE: 2000 }, { IMPTE_DOCTO_CC_ID: 4 }),
    );
  });

  it('equal values swapped between the balance columns still move the block', async () => {
    // A fully overdue charge: balance and overdue change together; the sums must not cancel out.
    await expectMoves(
      'customer-balances',
      [3],
      () =>
        update('CLIENTES', { LIMITE_CREDITO: 0 }, { CLIENTE_ID: 3001 }).then(() =>
          update('CLIENTES', { LIMITE_CREDITO: 50000 }, { CLIENTE_ID: 3002 }),
        ),
      () =>
        update('CLIENTES', { LIMITE_CREDITO: 50000 }, { CLIENTE_ID: 3001 }).then(() =>
          update('CLIENTES', { LIMITE_CREDITO: 0 }, { CLIENTE_ID: 3002 }),
        ),
    );
  });

  it('a deleted row shrinks its block; the last row of a block makes the block disappear', async () => {
    const row = SAMPLE_ROWS.PRECIOS_ARTICULOS!.find((r) => r.PRECIO_ARTICULO_ID === 2)!;
    const before = await withSource('3', (s) => s.checksums('article-prices'));
    await inChanges((db) => deleteFixtureRows(db, 'PRECIOS_ARTICULOS', { PRECIO_ARTICULO_ID: 2 }));
    try {
      const after = await withSource('3', (s) => s.checksums('article-prices'));
      expect(after.get(1)?.count).toBe(2);
      expect(after.get(2)).toEqual(before.get(2));
    } finally {
      await inChanges((db) => insertFixtureRow(db, 'PRECIOS_ARTICULOS', row));
    }
    const article = SAMPLE_ROWS.ARTICULOS!.find((r) => r.ARTICULO_ID === 2005)!;
    const articlesBefore = await withSource('3', (s) => s.checksums('articles'));
    await inChanges((db) => deleteFixtureRows(db, 'ARTICULOS', { ARTICULO_ID: 2005 }));
    try {
      const after = await withSource('3', (s) => s.checksums('articles'));
      // Block 2 lost its only article: gone, or left with no rows (its key and tax rows are still there), and moved.
      expect(after.get(2)?.count ?? 0).toBe(0);
      expect(after.get(2)).not.toEqual(articlesBefore.get(2));
      expect(after.get(1)).toEqual(articlesBefore.get(1));
      expect((await withSource('3', (s) => readAll(s, 'articles', { blocks: [2] }))).records).toEqual([]);
    } finally {
      await inChanges((db) => insertFixtureRow(db, 'ARTICULOS', article));
    }
    // Reinserting the price is a new write: its block moves again, the other stays.
    const reinserted = await withSource('3', (s) => s.checksums('article-prices'));
    expect(reinserted.get(1)?.count).toBe(before.get(1)?.count);
    expect(reinserted.get(2)).toEqual(before.get(2));
  });

  it('a read after checksums sees the same snapshot, even if Microsip saves in between', async () => {
    await withSource('3', async (s) => {
      await s.checksums('articles');
      await update('ARTICULOS', { NOMBRE: 'Guardado después' }, { ARTICULO_ID: 2005 });
      try {
        expect((await readAll(s, 'articles', { blocks: [2] })).records[0]?.data.name).toBe('Kit electricista');
        await s.checksums('articles'); // the next pass takes a new snapshot
        expect((await readAll(s, 'articles', { blocks: [2] })).records[0]?.data.name).toBe('Guardado después');
      } finally {
        await update('ARTICULOS', { NOMBRE: 'Kit electricista' }, { ARTICULO_ID: 2005 });
      }
    });
  });
});
