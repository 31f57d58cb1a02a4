import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import type { FirebirdQueryable } from '../../electron/erp/microsip/firebird-client';
import { decodeMicrosipText } from '../../electron/erp/microsip/win1252-text';
import { readOrderSchema } from '../../electron/erp/microsip/orders/load-order-facts';
import {
  OrderRejected,
  type OrderSettings,
  type OrderToWrite,
  type OrderWriter,
} from '../../electron/erp/order-writer';
import { ErpError } from '../../electron/erp/port';
import { ORDER_SAMPLE, SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';

/**
 * The Microsip writer on a database shaped like 2020+ installations (real-installations.md §1.2–§1.6, §1.10):
 * DOCTOS_VE.SUCURSAL_ID NOT NULL checked by a `_BEFINSUPD_RI` trigger, FOLIOS_VENTAS per system and branch,
 * CALC_TOTALES_DOCTO_VE with only NUM_RENGLONES / DSCTO_ARTS / DSCTO_EXTRA_IMPORTE, domains, the status mix.
 */
const full = { catalogs: { schema: 'full', data: 'sample' }, warehouses: SAMPLE_WAREHOUSES } as const;
const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'SUCURSALES 2020', ...full, orders: true },
  { id: 2, shortName: 'CAMPOS EXTRA', ...full, orders: true },
  { id: 3, shortName: 'ANTES DE 2020', ...full, orders: 'pre-2020', branches: null },
];
const microsip = useMicrosipFixture('microsip-orders-2020', COMPANIES);
const { matriz, norte } = ORDER_SAMPLE.branches;

let connector: MicrosipConnector;
const writers: OrderWriter[] = [];
beforeAll(async () => {
  connector = new MicrosipConnector(microsip.config(), microsip.env.password);
});
afterAll(async () => {
  for (const w of writers) await w.close().catch(() => undefined);
  await connector?.close();
});
const open = async (company: string) => {
  const w = await connector.openOrders(company);
  writers.push(w);
  return w;
};
const db = <T>(index: number, work: (q: FirebirdQueryable) => Promise<T>) => microsip.companyDb(index, work);

const order = (id: string, over: Partial<OrderToWrite> = {}): OrderToWrite => ({
  id,
  ref: `WOPEN-TEST00-${id}`,
  kind: 'pedido',
  paymentStatus: 'paid',
  createdAt: '2026-11-20T10:00:00Z',
  customerKey: String(ORDER_SAMPLE.customer),
  currency: 'MXN',
  lines: [
    { articleKey: '1001', quantity: 2, unitPrice: 100 },
    { articleKey: '1003', quantity: 1, unitPrice: 50 },
  ],
  freight: 0,
  ...over,
});
const settings = (over: Partial<OrderSettings> = {}): OrderSettings => ({
  seriesPedidos: null,
  seriesCotizaciones: null,
  freightArticleId: null,
  warehouseId: null,
  requireRfc: false,
  branchId: String(matriz),
  ...over,
});

const consecutivos = (index: number) =>
  db(index, async (q) => {
    const rows = await q.query<{ ID: number; C: number }>(
      'SELECT FOLIO_VENTAS_ID AS ID, CONSECUTIVO AS C FROM FOLIOS_VENTAS ORDER BY 1',
    );
    return Object.fromEntries(rows.map((r) => [Number(r.ID), Number(r.C)]));
  });
const header = (index: number, id: string) =>
  db(index, async (q) => {
    const [r] = await q.query<Record<string, unknown>>(
      `SELECT SUCURSAL_ID, CAST(FOLIO AS VARCHAR(9) CHARACTER SET OCTETS) AS FOLIO, IMPORTE_NETO, TOTAL_IMPUESTOS, APLICADO FROM DOCTOS_VE WHERE DOCTO_VE_ID = ?`,
      [Number(id)],
    );
    return {
      sucursal: r?.SUCURSAL_ID,
      folio: decodeMicrosipText(r?.FOLIO),
      neto: Number(r?.IMPORTE_NETO),
      impuestos: Number(r?.TOTAL_IMPUESTOS),
      aplicado: r?.APLICADO,
    };
  });
const documents = (index: number) =>
  db(index, async (q) => Number((await q.query<{ N: number }>('SELECT COUNT(*) AS N FROM DOCTOS_VE'))[0]?.N));

describe('Microsip 2020+ orders (Firebird real, real-installations constraints)', () => {
  it('the fixture behaves like a real 2020+ database: NULL SUCURSAL_ID and an unknown branch are refused by Firebird itself', async () => {
    await db(0, async (q) => {
      const insert = (sucursal: number | null) =>
        q.query(
          "INSERT INTO DOCTOS_VE (DOCTO_VE_ID, TIPO_DOCTO, FOLIO, FECHA, CLIENTE_ID, ALMACEN_ID, MONEDA_ID, ESTATUS, APLICADO, SUCURSAL_ID) VALUES (-1, 'P', 'X00000001', CURRENT_DATE, 3001, 1, 1, 'P', 'N', ?)",
          [sucursal],
        );
      await expect(insert(null)).rejects.toThrow(/SUCURSAL_ID/);
      await expect(insert(999)).rejects.toThrow(/La sucursal 999 no existe/);
    });
  });

  it('an order of the second branch lands with its SUCURSAL_ID and the next folio of its own FOLIOS_VENTAS row; totals by Microsip', async () => {
    const before = await consecutivos(0);
    const writer = await open('1');
    const doc = await writer.writeOrder(order('NORTE-1'), settings({ branchId: String(norte) }));
    expect(doc.folio).toBe('P00000070');
    const h = await header(0, doc.documentId);
    // 2 × 100 + 50 net; customer 3001 pays 16 % on the hammer (1001) and the pliers (1003).
    expect(h).toMatchObject({ sucursal: norte, folio: 'P00000070', neto: 250, impuestos: 40, aplicado: 'S' });
    const after = await consecutivos(0);
    expect(after).toEqual({ ...before, 6: before[6]! + 1 });
    // The Matriz row and the Punto de Venta row of the same type are untouched.
    expect(after[1]).toBe(before[1]);
    expect(after[8]).toBe(before[8]);

    const matrizDoc = await writer.writeOrder(order('MATRIZ-1'), settings());
    expect(matrizDoc.folio).toBe(`P${String(before[1]).padStart(8, '0')}`);
    expect((await header(0, matrizDoc.documentId)).sucursal).toBe(matriz);
  });

  it('the series offered are those of the chosen branch', async () => {
    const writer = await open('1');
    expect(await writer.listSeries('pedido', String(norte))).toEqual([
      { id: 'P', label: expect.stringMatching(/^Serie P \(siguiente folio P0000007\d\)$/) },
    ]);
    expect((await writer.listSeries('pedido', String(matriz))).map((s) => s.id)).toEqual(['P', 'WEB']);
    expect((await writer.listSeries('cotizacion', String(norte))).map((s) => s.id)).toEqual(['C']);
  });

  it('without a Sucursal, or with one that no longer exists, nothing is written and the order stays pending (setup, not the order)', async () => {
    const writer = await open('1');
    const before = { docs: await documents(0), folios: await consecutivos(0) };
    const none = await writer.writeOrder(order('SIN-SUC'), settings({ branchId: null })).catch((e: unknown) => e);
    expect(none).toBeInstanceOf(ErpError);
    expect(none).not.toBeInstanceOf(OrderRejected);
    expect((none as Error).message).toMatch(/no tiene Sucursal en Opciones > Wopen/);
    const gone = await writer.writeOrder(order('SUC-999'), settings({ branchId: '999' })).catch((e: unknown) => e);
    expect((gone as Error).message).toMatch(/La Sucursal 999 configurada para la empresa ya no existe/);
    expect({ docs: await documents(0), folios: await consecutivos(0) }).toEqual(before);
  });

  it("customer status letters: 'V' buyers take orders, 'B' and 'C' are refused with the reason", async () => {
    const writer = await open('1');
    expect(
      (await writer.writeOrder(order('V-1', { customerKey: String(ORDER_SAMPLE.buyerCustomer) }), settings())).folio,
    ).toMatch(/^P\d{8}$/);
    await expect(
      writer.writeOrder(order('B-1', { customerKey: String(ORDER_SAMPLE.inactiveCustomer) }), settings()),
    ).rejects.toThrow(/dado de baja o bloqueado en Microsip \(estatus B\)/);
    await expect(
      writer.writeOrder(order('C-1', { customerKey: String(ORDER_SAMPLE.cancelledCustomer) }), settings()),
    ).rejects.toThrow(/cancelado en Microsip \(estatus C\)/);
  });

  it('reads NOT NULL from the column and from its domain; a default (column or domain) makes it optional', async () => {
    const schema = await db(0, (q) => readOrderSchema(q));
    expect(schema.tables.get('LIBRES_PED_VE')?.get('URGENTE')).toMatchObject({ notNull: true, hasDefault: true });
    expect(schema.required('LIBRES_PED_VE')).toEqual(['DOCTO_VE_ID']);
    expect(schema.required('DOCTOS_VE')).toEqual(expect.arrayContaining(['DOCTO_VE_ID', 'SUCURSAL_ID']));
    expect(schema.totals?.outputs).toEqual(['NUM_RENGLONES', 'DSCTO_ARTS', 'DSCTO_EXTRA_IMPORTE']);
    expect(schema.branches).toBe(true);
  });

  it('an unknown NOT NULL column without default keeps orders pending with one message naming the table and column', async () => {
    await db(1, async (q) => {
      await q.query('ALTER TABLE DOCTOS_VE ADD CANAL_OBLIGATORIO VARCHAR(10)');
    });
    await db(1, async (q) => {
      await q.query("UPDATE DOCTOS_VE SET CANAL_OBLIGATORIO = 'MOSTRADOR'");
      await q.query('ALTER TABLE DOCTOS_VE ALTER COLUMN CANAL_OBLIGATORIO SET NOT NULL');
    });
    const before = { docs: await documents(1), folios: await consecutivos(1) };
    const writer = await open('2');
    const err = await writer.writeOrder(order('EXTRA-1'), settings()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErpError);
    expect((err as Error).message).toBe(
      'Esta base de Microsip exige DOCTOS_VE.CANAL_OBLIGATORIO (obligatorio y sin valor predeterminado) y el conector no sabe qué valor poner; los pedidos quedan pendientes.',
    );
    expect({ docs: await documents(1), folios: await consecutivos(1) }).toEqual(before);
  });

  it('an older (pre-2020) database: no branch needed, totals read from the procedure', async () => {
    const writer = await open('3');
    const doc = await writer.writeOrder(order('ANTIGUO-1'), settings({ branchId: null }));
    const [r] = await db(2, (q) =>
      q.query<Record<string, unknown>>('SELECT IMPORTE_NETO, TOTAL_IMPUESTOS FROM DOCTOS_VE WHERE DOCTO_VE_ID = ?', [
        Number(doc.documentId),
      ]),
    );
    expect({ neto: Number(r?.IMPORTE_NETO), impuestos: Number(r?.TOTAL_IMPUESTOS) }).toEqual({
      neto: 250,
      impuestos: 40,
    });
  });
});
