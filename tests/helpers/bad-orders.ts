import fc from 'fast-check';
import { Rfc } from '@nodecfdi/rfc';
import type { OrderRejected, OrderSettings, OrderToWrite, StoreOrder } from '../../electron/erp/order-writer';
import type { OrderFacts } from '../../electron/erp/microsip/orders';

/**
 * Generated bad store orders for the Microsip order writer: a valid order (for the orders fixture) with exactly one
 * defect, and the OrderRejected code that defect must produce.
 */

export type RejectCode = OrderRejected['code'];

export interface BadOrder {
  order: OrderToWrite;
  settings: OrderSettings;
  code: RejectCode;
  defect: string;
}

/** Keys the orders fixture knows (scripts/fixtures/microsip/orders-fixture-schema.ts). */
export const KNOWN_ARTICLES = ['1001', '1003', '1004', '1500'];
export const KNOWN_CUSTOMER = '3001';
export const CUSTOMER_WITHOUT_RFC = '3003';
export const INACTIVE_CUSTOMER = '3002';

export const BASE_SETTINGS: OrderSettings = {
  seriesPedidos: null,
  seriesCotizaciones: null,
  freightArticleId: '1500',
  warehouseId: null,
  requireRfc: false,
  branchId: '225490',
};

/** A valid order as the writer gets it (with the legacy marker, so ORDEN_COMPRA assertions stay readable). */
export function baseOrder(id: string, kind: StoreOrder['kind'] = 'pedido'): OrderToWrite {
  return {
    id,
    ref: `WOPEN-${id}`,
    kind,
    paymentStatus: 'paid',
    createdAt: '2026-11-20T10:00:00Z',
    customerKey: KNOWN_CUSTOMER,
    currency: 'MXN',
    lines: [
      { articleKey: '1001', quantity: 2, unitPrice: 189.5 },
      { articleKey: '1003', quantity: 1, unitPrice: 100, discountPercent: 5, notes: 'Ñ “bien” €' },
    ],
    freight: 0,
    notes: 'Pedido de prueba',
  };
}

/** The same customers, articles, currencies and series as the orders fixture, without Firebird. */
export function fixtureLikeFacts(): OrderFacts {
  const article = (id: number, name: string, extra: Partial<{ status: string; isKit: boolean }> = {}) => ({
    id,
    name,
    status: extra.status ?? 'A',
    isKit: extra.isKit ?? false,
    principalKey: `K${id}`,
  });
  const customer = (id: number, status: string, rfc: string | null) => ({
    id,
    name: `Cliente ${id}`,
    status,
    principalKey: `C-${id}`,
    rfc,
    addressId: null,
    paymentTermId: null,
    salespersonId: null,
  });
  return {
    customers: new Map([
      ['3001', customer(3001, 'A', 'FEN010101AB1')],
      ['3002', customer(3002, 'B', 'XAXX010101000')],
      ['3003', customer(3003, 'A', null)],
    ]),
    articles: new Map([
      ['1001', article(1001, 'Martillo')],
      ['1002', article(1002, 'Cable', { status: 'S' })],
      ['1003', article(1003, 'Pinzas')],
      ['1004', article(1004, 'Cinta')],
      ['1500', article(1500, 'Flete')],
      ['2005', article(2005, 'Kit', { isKit: true })],
    ]),
    currencies: new Map([
      ['MXN', 1],
      ['USD', 2],
    ]),
    series: [
      { id: 1, tipoDocto: 'P', serie: 'P', consecutivo: 3, branchId: null },
      { id: 2, tipoDocto: 'P', serie: 'WEB', consecutivo: 1, branchId: null },
      { id: 3, tipoDocto: 'C', serie: 'C', consecutivo: 1, branchId: null },
      { id: 4, tipoDocto: 'C', serie: '@', consecutivo: 41, branchId: null },
    ],
    limits: { ordenCompra: 35, descripcion: 200, lineNotes: null },
    branches: null,
  };
}

const storeId = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
const lineIndex = fc.nat({ max: 1 });
const notFinite = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
const badQuantity = fc.oneof(
  fc.constant(0),
  fc.constant(-0),
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  notFinite,
  fc.double({ min: 1.000001e9, noNaN: true, noDefaultInfinity: true }),
);
const badPrice = fc.oneof(
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  notFinite,
  fc.double({ min: 1.000001e9, noNaN: true, noDefaultInfinity: true }),
);
const badDiscount = fc.oneof(
  fc.double({ max: -Number.MIN_VALUE, noNaN: true }),
  fc.double({ min: 100.0001, noNaN: true }),
  fc.constant(Number.NaN),
);
const unknownKey = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 1, max: 99_999_999 }).map(String),
    fc.constantFrom('1002', '2005', '0', '-1', '1001.5', ' '),
  )
  .filter((k) => !KNOWN_ARTICLES.includes(k.trim()));
const unknownCustomer = fc
  .oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: 1, max: 99_999_999 }).map(String),
    fc.constant(INACTIVE_CUSTOMER),
  )
  .filter((k) => k.trim() !== KNOWN_CUSTOMER && k.trim() !== CUSTOMER_WITHOUT_RFC);
const badCurrency = fc
  .oneof(fc.string({ maxLength: 5 }), fc.constantFrom('EUR', 'XYZ', 'mx', 'US$', '', 'MXN '))
  .filter((c) => !['MXN', 'USD'].includes(c.trim().toUpperCase()));
const badRfc = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 14 }),
    fc.stringMatching(/^[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}$/),
    fc.constantFrom('ABC991332XX1', 'GODE561231GR9', 'XAXX01010100'),
  )
  .filter((r) => r.trim() !== '' && !Rfc.isValid(r.trim().toUpperCase()));
const longText = (min: number) =>
  fc.string({ minLength: min, maxLength: min + 40, unit: fc.constantFrom('a', 'ñ', 'é', '€', '“', ' ', '😀') });

type Mutation = (order: OrderToWrite, settings: OrderSettings) => { order: OrderToWrite; settings: OrderSettings };

function defect(
  code: RejectCode,
  name: string,
  arb: fc.Arbitrary<Mutation>,
): fc.Arbitrary<{ code: RejectCode; defect: string; mutate: Mutation }> {
  return arb.map((mutate) => ({ code, defect: name, mutate }));
}

const withLine =
  (i: number, patch: Partial<StoreOrder['lines'][number]>): Mutation =>
  (o, s) => ({
    order: { ...o, lines: o.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) },
    settings: s,
  });

const defects = fc.oneof(
  defect(
    'unknown-article',
    'artículo desconocido',
    fc.tuple(lineIndex, unknownKey).map(([i, k]) => withLine(i, { articleKey: k })),
  ),
  defect(
    'unknown-customer',
    'cliente desconocido o inactivo',
    unknownCustomer.map((k): Mutation => (o, s) => ({ order: { ...o, customerKey: k }, settings: s })),
  ),
  defect(
    'bad-quantity',
    'cantidad',
    fc.tuple(lineIndex, badQuantity).map(([i, q]) => withLine(i, { quantity: q })),
  ),
  defect(
    'bad-price',
    'precio',
    fc.tuple(lineIndex, badPrice).map(([i, p]) => withLine(i, { unitPrice: p })),
  ),
  defect(
    'bad-price',
    'descuento',
    fc.tuple(lineIndex, badDiscount).map(([i, p]) => withLine(i, { discountPercent: p })),
  ),
  defect(
    'bad-price',
    'flete',
    badPrice.map((f): Mutation => (o, s) => ({ order: { ...o, freight: f }, settings: s })),
  ),
  defect(
    'missing-rfc',
    'falta RFC',
    fc.constantFrom(undefined, '', '   ').map((r): Mutation => (o, s) => ({
      order: { ...o, customerKey: CUSTOMER_WITHOUT_RFC, rfc: r },
      settings: { ...s, requireRfc: true },
    })),
  ),
  defect(
    'bad-rfc',
    'RFC inválido',
    badRfc.map((r): Mutation => (o, s) => ({ order: { ...o, rfc: r }, settings: { ...s, requireRfc: true } })),
  ),
  defect(
    'text-too-long',
    'notas largas',
    longText(201).map((t): Mutation => (o, s) => ({ order: { ...o, notes: t }, settings: s })),
  ),
  defect(
    'text-too-long',
    'referencia larga',
    longText(36)
      .filter((t) => t.trim() !== '')
      .map((t): Mutation => (o, s) => ({ order: { ...o, ref: t }, settings: s })),
  ),
  defect(
    'unsupported-currency',
    'moneda',
    badCurrency.map((c): Mutation => (o, s) => ({ order: { ...o, currency: c }, settings: s })),
  ),
  defect(
    'empty-order',
    'sin partidas',
    fc.constant<Mutation>((o, s) => ({ order: { ...o, lines: [] }, settings: s })),
  ),
  defect(
    'no-freight-article',
    'flete sin artículo',
    fc
      .double({ min: 0.01, max: 1e6, noNaN: true })
      .map((f): Mutation => (o, s) => ({ order: { ...o, freight: f }, settings: { ...s, freightArticleId: null } })),
  ),
  defect(
    'bad-series',
    'serie inexistente',
    fc
      .stringMatching(/^[A-Z]{1,3}$/)
      .filter((x) => !['P', 'WEB', 'C'].includes(x))
      .map((x): Mutation => (o, s) => ({ order: o, settings: { ...s, seriesPedidos: x, seriesCotizaciones: x } })),
  ),
);

/** One valid order with exactly one defect. */
export const badOrders: fc.Arbitrary<BadOrder> = fc
  .tuple(storeId, fc.constantFrom<StoreOrder['kind']>('pedido', 'cotizacion'), defects)
  .map(([id, kind, d]) => {
    const { order, settings } = d.mutate(baseOrder(`bad-${id}`, kind), { ...BASE_SETTINGS });
    return { order, settings, code: d.code, defect: d.defect };
  });
