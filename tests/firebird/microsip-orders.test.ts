import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import type { FirebirdQueryable } from '../../electron/erp/microsip/firebird-client';
import { formatFolio, validateOrder } from '../../electron/erp/microsip/orders';
import { decodeMicrosipText } from '../../electron/erp/microsip/win1252-text';
import {
  OrderRejected,
  type OrderSettings,
  type OrderWriter,
  type OrderToWrite,
} from '../../electron/erp/order-writer';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { BASE_SETTINGS, badOrders, baseOrder, fixtureLikeFacts, type RejectCode } from '../helpers/bad-orders';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';

/** The Microsip OrderWriter (issue 5) against the real Firebird 3 server and the orders fixture. */

const COMPANIES: FixtureCompany[] = [
  {
    id: 1,
    shortName: 'PEDIDOS',
    warehouses: SAMPLE_WAREHOUSES,
    catalogs: { schema: 'full', data: 'sample' },
    orders: true,
  },
];
const microsip = useMicrosipFixture('microsip-orders', COMPANIES);

let connector: MicrosipConnector;
let writer: OrderWriter;

beforeAll(async () => {
  connector = new MicrosipConnector(microsip.config(), microsip.env.password);
  writer = await connector.openOrders('1');
});
afterAll(async () => {
  await writer?.close();
  await connector?.close();
});

const db = <T>(work: (q: FirebirdQueryable) => Promise<T>) => microsip.companyDb(0, work);

interface Snapshot {
  documents: number;
  lines: number;
  libres: number;
  consecutivos: string;
}
const snapshot = (): Promise<Snapshot> =>
  db(async (q) => {
    const [d] = await q.query<{ N: number }>('SELECT COUNT(*) AS N FROM DOCTOS_VE');
    const [l] = await q.query<{ N: number }>('SELECT COUNT(*) AS N FROM DOCTOS_VE_DET');
    const [p] = await q.query<{ N: number }>(
      'SELECT (SELECT COUNT(*) FROM LIBRES_PED_VE) + (SELECT COUNT(*) FROM LIBRES_COT_VE) AS N FROM RDB$DATABASE',
    );
    const f = await q.query<{ ID: number; C: number }>(
      'SELECT FOLIO_VENTAS_ID AS ID, CONSECUTIVO AS C FROM FOLIOS_VENTAS ORDER BY 1',
    );
    return {
      documents: Number(d?.N),
      lines: Number(l?.N),
      libres: Number(p?.N),
      consecutivos: f.map((r) => `${r.ID}:${r.C}`).join(','),
    };
  });

const header = (id: string) =>
  db(async (q) => {
    const [r] = await q.query<Record<string, unknown>>(
      `SELECT TIPO_DOCTO, CAST(FOLIO AS VARCHAR(9) CHARACTER SET OCTETS) AS FOLIO, ESTATUS, APLICADO, CLIENTE_ID, ALMACEN_ID, MONEDA_ID,
              CAST(ORDEN_COMPRA AS VARCHAR(35) CHARACTER SET OCTETS) AS ORDEN_COMPRA, CAST(DESCRIPCION AS VARCHAR(200) CHARACTER SET OCTETS) AS DESCRIPCION,
              CAST(CLAVE_CLIENTE AS VARCHAR(20) CHARACTER SET OCTETS) AS CLAVE_CLIENTE, IMPORTE_NETO, TOTAL_IMPUESTOS, SISTEMA_ORIGEN
         FROM DOCTOS_VE WHERE DOCTO_VE_ID = ?`,
      [Number(id)],
    );
    if (!r) throw new Error(`no document ${id}`);
    return {
      tipo: r.TIPO_DOCTO,
      folio: decodeMicrosipText(r.FOLIO),
      estatus: r.ESTATUS,
      aplicado: r.APLICADO,
      cliente: r.CLIENTE_ID,
      almacen: r.ALMACEN_ID,
      moneda: r.MONEDA_ID,
      ordenCompra: decodeMicrosipText(r.ORDEN_COMPRA),
      descripcion: decodeMicrosipText(r.DESCRIPCION),
      claveCliente: decodeMicrosipText(r.CLAVE_CLIENTE),
      neto: Number(r.IMPORTE_NETO),
      impuestos: Number(r.TOTAL_IMPUESTOS),
      origen: String(r.SISTEMA_ORIGEN).trim(),
    };
  });

const lines = (id: string) =>
  db(async (q) => {
    const rows = await q.query<Record<string, unknown>>(
      `SELECT ARTICULO_ID, CAST(CLAVE_ARTICULO AS VARCHAR(20) CHARACTER SET OCTETS) AS CLAVE, UNIDADES, UNIDADES_COMPROM, PRECIO_UNITARIO,
              PCTJE_DSCTO, PRECIO_TOTAL_NETO, ROL, POSICION, CAST(NOTAS AS VARCHAR(2000) CHARACTER SET OCTETS) AS NOTAS
         FROM DOCTOS_VE_DET WHERE DOCTO_VE_ID = ? ORDER BY POSICION`,
      [Number(id)],
    );
    return rows.map((r) => ({
      articulo: r.ARTICULO_ID,
      clave: decodeMicrosipText(r.CLAVE),
      unidades: Number(r.UNIDADES),
      comprometidas: Number(r.UNIDADES_COMPROM),
      precio: Number(r.PRECIO_UNITARIO),
      descuento: Number(r.PCTJE_DSCTO),
      neto: Number(r.PRECIO_TOTAL_NETO),
      rol: r.ROL,
      posicion: r.POSICION,
      notas: decodeMicrosipText(r.NOTAS),
    }));
  });

const libres = (table: 'LIBRES_PED_VE' | 'LIBRES_COT_VE', id: string) =>
  db(async (q) => (await q.query(`SELECT DOCTO_VE_ID FROM ${table} WHERE DOCTO_VE_ID = ?`, [Number(id)])).length);

const NOTES = 'Entregar en “Bodega Ñuñoa” — pago 5 € al recibir';
const LINE_NOTE = 'Mango “ergonómico”, color ñandú';

function pedido(id: string): OrderToWrite {
  return {
    id,
    ref: `WOPEN-${id}`,
    kind: 'pedido',
    paymentStatus: 'paid',
    createdAt: '2026-11-20T10:00:00-06:00',
    customerKey: '3001',
    currency: 'MXN',
    notes: NOTES,
    freight: 150,
    lines: [
      { articleKey: '1001', quantity: 2, unitPrice: 189.5, notes: LINE_NOTE },
      { articleKey: '1003', quantity: 3, unitPrice: 100, discountPercent: 10 },
      { articleKey: '1004', quantity: 1.5, unitPrice: 20 },
    ],
  };
}

const PEDIDO_SETTINGS: OrderSettings = {
  seriesPedidos: 'WEB',
  seriesCotizaciones: null,
  freightArticleId: '1500',
  warehouseId: '2',
  requireRfc: true,
  branchId: '225490',
};

describe('Microsip order writer (Firebird real)', () => {
  it('formats folios as serie + zero-padded consecutivo in 9 characters', () => {
    expect(formatFolio('P', 3)).toBe('P00000003');
    expect(formatFolio('WEB', 12)).toBe('WEB000012');
    expect(formatFolio('@', 41)).toBe('000000041');
  });

  it('offers the FOLIOS_VENTAS series of each document type', async () => {
    expect(await writer.listSeries('pedido')).toEqual([
      { id: 'P', label: 'Serie P (siguiente folio P00000003)' },
      { id: 'WEB', label: 'Serie WEB (siguiente folio WEB000001)' },
    ]);
    expect(await writer.listSeries('cotizacion')).toEqual([
      { id: 'C', label: 'Serie C (siguiente folio C00000001)' },
      { id: '@', label: 'Sin serie (siguiente folio 000000041)' },
    ]);
  });

  it('writes a pedido with freight, accents and several lines in its series, skipping a used folio', async () => {
    const before = await snapshot();
    const written = await writer.writeOrder(pedido('T-1001'), PEDIDO_SETTINGS);
    // WEB000001 was typed by hand in Microsip: the writer steps over it.
    expect(written.folio).toBe('WEB000002');
    expect(await header(written.documentId)).toEqual({
      tipo: 'P',
      folio: 'WEB000002',
      estatus: 'P',
      aplicado: 'S',
      cliente: 3001,
      almacen: 2,
      moneda: 1,
      ordenCompra: 'WOPEN-T-1001',
      descripcion: NOTES,
      claveCliente: 'C-0001',
      // 2×189.50 + 3×100×0.9 + 1.5×20 + 150 freight
      neto: 829,
      // IVA 16 % on the hammer, the pliers and the freight (the tape has no tax): 799 × 0.16
      impuestos: 127.84,
      origen: 'VE',
    });
    expect(await lines(written.documentId)).toEqual([
      {
        articulo: 1001,
        clave: 'MART-16',
        unidades: 2,
        comprometidas: 2,
        precio: 189.5,
        descuento: 0,
        neto: 379,
        rol: 'N',
        posicion: 1,
        notas: LINE_NOTE,
      },
      {
        articulo: 1003,
        clave: 'PINZ-Ñ',
        unidades: 3,
        comprometidas: 3,
        precio: 100,
        descuento: 10,
        neto: 270,
        rol: 'N',
        posicion: 2,
        notas: null,
      },
      {
        articulo: 1004,
        clave: null,
        unidades: 1.5,
        comprometidas: 1.5,
        precio: 20,
        descuento: 0,
        neto: 30,
        rol: 'N',
        posicion: 3,
        notas: null,
      },
      // The freight article is a service: applying the pedido commits nothing for it.
      {
        articulo: 1500,
        clave: 'FLETE',
        unidades: 1,
        comprometidas: 0,
        precio: 150,
        descuento: 0,
        neto: 150,
        rol: 'N',
        posicion: 4,
        notas: null,
      },
    ]);
    expect(await libres('LIBRES_PED_VE', written.documentId)).toBe(1);
    const after = await snapshot();
    expect(after.documents).toBe(before.documents + 1);
    expect(after.consecutivos).toBe(before.consecutivos.replace('2:1', '2:3'));
    expect(await writer.findDocument('WOPEN-T-1001')).toEqual(written);
  });

  it('writes cotizaciones in the default series and in the no-series row, without committing units', async () => {
    const quote: OrderToWrite = {
      ...pedido('Q-77'),
      kind: 'cotizacion',
      customerKey: '3003',
      freight: 99.9,
      notes: 'Cotización “urgente” — válida 15 días €',
    };
    const first = await writer.writeOrder(quote, { ...BASE_SETTINGS, seriesCotizaciones: null });
    expect(first.folio).toBe('C00000001');
    const h = await header(first.documentId);
    expect(h).toMatchObject({
      tipo: 'C',
      folio: 'C00000001',
      aplicado: 'S',
      estatus: 'P',
      cliente: 3003,
      almacen: 1,
      ordenCompra: 'WOPEN-Q-77',
      descripcion: quote.notes,
    });
    // Customer 3003 is not charged taxes.
    expect(h.neto).toBe(379 + 270 + 30 + 99.9);
    expect(h.impuestos).toBe(0);
    expect((await lines(first.documentId)).map((l) => l.comprometidas)).toEqual([0, 0, 0, 0]);
    expect(await libres('LIBRES_COT_VE', first.documentId)).toBe(1);

    const second = await writer.writeOrder(
      { ...quote, id: 'Q-78', ref: 'WOPEN-Q-78', currency: 'usd' },
      { ...BASE_SETTINGS, seriesCotizaciones: '@' },
    );
    expect(second.folio).toBe('000000041');
    expect(await header(second.documentId)).toMatchObject({ folio: '000000041', moneda: 2 });
    expect(await writer.findDocument('WOPEN-Q-78')).toEqual(second);
    expect(await writer.findDocument('WOPEN-nunca-escrito')).toBeNull();
  });

  it('returns the existing document when the same store order comes again', async () => {
    const first = await writer.writeOrder(pedido('T-dup'), PEDIDO_SETTINGS);
    const before = await snapshot();
    const again = await writer.writeOrder(pedido('T-dup'), PEDIDO_SETTINGS);
    expect(again).toEqual(first);
    expect(await snapshot()).toEqual(before);
  });

  const BAD: Array<{
    name: string;
    code: RejectCode;
    message: RegExp;
    order: (o: OrderToWrite) => OrderToWrite;
    settings?: Partial<OrderSettings>;
  }> = [
    {
      name: 'unknown article',
      code: 'unknown-article',
      message: /Partida 2: el artículo "9999" no existe en Microsip/,
      order: (o) => ({ ...o, lines: [o.lines[0]!, { articleKey: '9999', quantity: 1, unitPrice: 1 }] }),
    },
    {
      name: 'suspended article',
      code: 'unknown-article',
      message: /no está activo/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1002', quantity: 1, unitPrice: 1 }] }),
    },
    {
      name: 'kit',
      code: 'unknown-article',
      message: /juego \(kit\)/,
      order: (o) => ({ ...o, lines: [{ articleKey: '2005', quantity: 1, unitPrice: 1 }] }),
    },
    {
      name: 'unknown customer',
      code: 'unknown-customer',
      message: /El cliente "4242" no existe en Microsip/,
      order: (o) => ({ ...o, customerKey: '4242' }),
    },
    {
      name: 'inactive customer',
      code: 'unknown-customer',
      message: /no puede recibir pedidos: está dado de baja o bloqueado en Microsip \(estatus B\)/,
      order: (o) => ({ ...o, customerKey: '3002' }),
    },
    {
      name: 'zero quantity',
      code: 'bad-quantity',
      message: /la cantidad 0 no es válida/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1001', quantity: 0, unitPrice: 1 }] }),
    },
    {
      name: 'negative quantity',
      code: 'bad-quantity',
      message: /cantidad -3 no es válida/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1001', quantity: -3, unitPrice: 1 }] }),
    },
    {
      name: 'NaN quantity',
      code: 'bad-quantity',
      message: /cantidad NaN/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1001', quantity: Number.NaN, unitPrice: 1 }] }),
    },
    {
      name: 'negative price',
      code: 'bad-price',
      message: /el precio -1 no es válido/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1001', quantity: 1, unitPrice: -1 }] }),
    },
    {
      name: 'absurd price',
      code: 'bad-price',
      message: /el precio 5000000000 no es válido/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1001', quantity: 1, unitPrice: 5e9 }] }),
    },
    {
      name: 'NaN price',
      code: 'bad-price',
      message: /el precio NaN/,
      order: (o) => ({ ...o, lines: [{ articleKey: '1001', quantity: 1, unitPrice: Number.NaN }] }),
    },
    {
      name: 'missing RFC',
      code: 'missing-rfc',
      message: /Falta el RFC del cliente "Público en general “Ñ”"/,
      order: (o) => ({ ...o, customerKey: '3003' }),
      settings: { requireRfc: true },
    },
    {
      name: 'invalid RFC',
      code: 'bad-rfc',
      message: /El RFC "ABC123" .* no es válido/,
      order: (o) => ({ ...o, rfc: 'abc123' }),
      settings: { requireRfc: true },
    },
    {
      name: 'notes too long',
      code: 'text-too-long',
      message: /tienen 201 caracteres; la descripción del documento en Microsip admite 200/,
      order: (o) => ({ ...o, notes: 'ñ'.repeat(200) + '€' }),
    },
    {
      name: 'marker too long',
      code: 'text-too-long',
      message: /ocupa 36 caracteres y la orden de compra de Microsip admite 35/,
      order: (o) => ({ ...o, ref: 'x'.repeat(36) }),
    },
    {
      name: 'unsupported currency',
      code: 'unsupported-currency',
      message: /La moneda "EUR" no está dada de alta en Microsip \(monedas disponibles: MXN, USD\)/,
      order: (o) => ({ ...o, currency: 'EUR' }),
    },
    { name: 'empty order', code: 'empty-order', message: /no tiene partidas/, order: (o) => ({ ...o, lines: [] }) },
    {
      name: 'freight without article',
      code: 'no-freight-article',
      message: /cobra flete, pero no hay un artículo de fletes/,
      order: (o) => ({ ...o, freight: 10 }),
      settings: { freightArticleId: null },
    },
    {
      name: 'unknown series',
      code: 'bad-series',
      message: /La serie "ZZ" configurada para pedidos no existe/,
      order: (o) => o,
      settings: { seriesPedidos: 'ZZ' },
    },
  ];

  it.each(BAD)(
    'rejects a bad order ($name) in Spanish and writes nothing',
    async ({ code, message, order, settings }) => {
      const before = await snapshot();
      const attempt = writer.writeOrder(order({ ...pedido(`BAD-${code}`), freight: 0 }), {
        ...BASE_SETTINGS,
        ...settings,
      });
      await expect(attempt).rejects.toBeInstanceOf(OrderRejected);
      await expect(attempt).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
      expect(await snapshot()).toEqual(before);
    },
  );

  it('rolls the whole document back when Microsip fails half-way', async () => {
    await db((q) => q.query("CREATE EXCEPTION FIXTURE_FAIL 'falla simulada'"));
    await db((q) =>
      q.query('CREATE TRIGGER FAIL_LIBRES FOR LIBRES_PED_VE ACTIVE BEFORE INSERT AS BEGIN EXCEPTION FIXTURE_FAIL; END'),
    );
    try {
      const before = await snapshot();
      await expect(writer.writeOrder(pedido('T-fail'), PEDIDO_SETTINGS)).rejects.toThrow();
      expect(await snapshot()).toEqual(before);
      expect(await writer.findDocument('WOPEN-T-fail')).toBeNull();
    } finally {
      await db((q) => q.query('DROP TRIGGER FAIL_LIBRES'));
    }
    // And once Microsip works again the same order goes in.
    expect((await writer.writeOrder(pedido('T-fail'), PEDIDO_SETTINGS)).folio).toMatch(/^WEB0000\d\d$/);
  });

  it('never gives two racing writers the same folio nor writes one store order twice', async () => {
    const other = await connector.openOrders('1');
    try {
      const settings = { ...PEDIDO_SETTINGS, seriesPedidos: 'P' };
      const race = await Promise.allSettled([
        writer.writeOrder(pedido('R-1'), settings),
        other.writeOrder(pedido('R-2'), settings),
        writer.writeOrder(pedido('R-3'), settings),
        other.writeOrder(pedido('R-3'), settings),
      ]);
      for (const r of race) if (r.status === 'rejected') expect(r.reason).not.toBeInstanceOf(OrderRejected);
      // What lost the race (update conflict on FOLIOS_VENTAS, or the twin check) is retried, as the engine does.
      for (const id of ['R-1', 'R-2', 'R-3'])
        if (!(await writer.findDocument(id))) await writer.writeOrder(pedido(id), settings);
      const rows = await db((q) =>
        q.query<{ OC: Buffer; F: Buffer }>(
          `SELECT CAST(ORDEN_COMPRA AS VARCHAR(35) CHARACTER SET OCTETS) AS OC, CAST(FOLIO AS VARCHAR(9) CHARACTER SET OCTETS) AS F
             FROM DOCTOS_VE WHERE ORDEN_COMPRA STARTING WITH 'WOPEN-R-'`,
        ),
      );
      expect(rows.map((r) => decodeMicrosipText(r.OC)).sort()).toEqual(['WOPEN-R-1', 'WOPEN-R-2', 'WOPEN-R-3']);
      expect(new Set(rows.map((r) => decodeMicrosipText(r.F))).size).toBe(3);
    } finally {
      await other.close();
    }
  });

  it('validateOrder rejects 1,000 generated bad orders with the code of their defect', () => {
    const facts = fixtureLikeFacts();
    // The base order itself is fine.
    expect(validateOrder(baseOrder('ok'), BASE_SETTINGS, facts).lines).toHaveLength(2);
    fc.assert(
      fc.property(badOrders, ({ order, settings, code }) => {
        let thrown: unknown;
        try {
          validateOrder(order, settings, facts);
        } catch (err) {
          thrown = err;
        }
        expect(thrown).toBeInstanceOf(OrderRejected);
        expect((thrown as OrderRejected).code).toBe(code);
        expect((thrown as OrderRejected).message).toMatch(/[a-záéíóúñ]/i);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes nothing for a sample of 30 generated bad orders sent to Firebird', async () => {
    const before = await snapshot();
    const sample = fc.sample(badOrders, { numRuns: 30, seed: 20261126 });
    for (const bad of sample) {
      const attempt = writer.writeOrder(bad.order, bad.settings);
      await expect(attempt, bad.defect).rejects.toBeInstanceOf(OrderRejected);
      await expect(attempt, bad.defect).rejects.toMatchObject({ code: bad.code });
    }
    expect(await snapshot()).toEqual(before);
  }, 60_000);
});
