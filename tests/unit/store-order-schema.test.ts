import { describe, expect, it } from 'vitest';
import { OrderSchema } from '../../electron/store/wopen/schemas/order-schema';
import { InvoiceRequestSchema } from '../../electron/store/wopen/schemas/invoice-request-schema';
import { parseElement } from '../../electron/store/wopen/schemas/parse-element';
import { ORDER_HASH_IGNORES } from '../../electron/store/document-hash';
import { invoiceRequestFromWire, orderFromWire } from '../../electron/store/wopen/schemas/to-domain';
import type { StoreOrder } from '../../electron/erp/order-writer';
import type { Incoming } from '../../electron/store/port';

/** What a real store may send (docs/wopen-api.md "Orders and quotes"), parsed exactly as the client does. */
const parseOrder = (raw: unknown): Incoming<StoreOrder> =>
  parseElement(raw, OrderSchema, 'El pedido', orderFromWire, ORDER_HASH_IGNORES);

const good = () => ({
  id: 'W-100',
  kind: 'pedido',
  paymentStatus: 'paid',
  createdAt: '2026-11-20T10:00:00Z',
  customerKey: 'C1',
  currency: 'MXN',
  lines: [
    { articleKey: 'A1', quantity: 2, unitPrice: 189.5, discountPercent: 10, notes: 'Caja “sellada” — ñ €' },
    { articleKey: 'A2', quantity: 1.5, unitPrice: 0 },
  ],
  freight: 150,
  notes: 'Entregar en Mérida',
  shipTo: { street: 'Calle 60' },
  unknownFutureField: { anything: true },
});

type Raw = ReturnType<typeof good>;
const withLine = (i: number, patch: Record<string, unknown>) => (o: Raw) => ({
  ...o,
  lines: o.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)),
});

describe('store orders are parsed strictly, one element at a time', () => {
  it('a well-formed order becomes the domain value, unknown fields ignored, with a stable content hash', () => {
    const a = parseOrder(good());
    expect(a).toMatchObject({
      ok: true,
      value: { id: 'W-100', kind: 'pedido', paymentStatus: 'paid', freight: 150, notes: 'Entregar en Mérida' },
    });
    if (!a.ok) throw new Error('unreachable');
    expect(a.value).not.toHaveProperty('unknownFutureField');
    expect(a.value.lines[0]).toEqual({
      articleKey: 'A1',
      quantity: 2,
      unitPrice: 189.5,
      discountPercent: 10,
      notes: 'Caja “sellada” — ñ €',
    });
    // Key order, unknown fields and the payment status do not change the hash; the content does.
    const shuffled = Object.fromEntries(Object.entries(good()).reverse());
    const b = parseOrder({ ...shuffled, unknownFutureField: 2, paymentStatus: 'pending' });
    const c = parseOrder(withLine(0, { quantity: 3 })(good()));
    expect(b.ok && b.contentHash).toBe(a.contentHash);
    expect(c.ok && c.contentHash).not.toBe(a.contentHash);
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  const malformed: [string, (o: Raw) => unknown, string][] = [
    ['a null line', (o) => ({ ...o, lines: [null, o.lines[1]] }), 'La partida 1 no es un objeto.'],
    [
      'a line without unitPrice',
      (o) => ({ ...o, lines: [{ articleKey: 'A1', quantity: 1 }] }),
      'La partida 1 no tiene precio unitario numérico.',
    ],
    [
      'a line without articleKey',
      (o) => ({ ...o, lines: [{ quantity: 1, unitPrice: 2 }] }),
      'La partida 1 no tiene clave de artículo (se esperaba texto).',
    ],
    ['an empty-string price', withLine(0, { unitPrice: '' }), 'La partida 1 no tiene precio unitario numérico.'],
    ['a string price', withLine(1, { unitPrice: '12.5' }), 'La partida 2 no tiene precio unitario numérico.'],
    ['a hex string price', withLine(0, { unitPrice: ' 0x10 ' }), 'La partida 1 no tiene precio unitario numérico.'],
    ['a boolean quantity', withLine(0, { quantity: true }), 'La partida 1 no tiene cantidad numérica.'],
    ['an array quantity', withLine(0, { quantity: [7] }), 'La partida 1 no tiene cantidad numérica.'],
    ['a null quantity', withLine(0, { quantity: null }), 'La partida 1 no tiene cantidad numérica.'],
    [
      'a NaN price (not JSON, but a JS store double may send it)',
      withLine(0, { unitPrice: Number.NaN }),
      'La partida 1 no tiene precio unitario numérico.',
    ],
    [
      'an infinite quantity',
      withLine(0, { quantity: Number.POSITIVE_INFINITY }),
      'La partida 1 no tiene cantidad numérica.',
    ],
    ['a negative quantity', withLine(0, { quantity: -1 }), 'La partida 1 tiene una cantidad que no es mayor que cero.'],
    ['a zero quantity', withLine(0, { quantity: 0 }), 'La partida 1 tiene una cantidad que no es mayor que cero.'],
    ['a negative price', withLine(0, { unitPrice: -0.01 }), 'La partida 1 tiene un precio unitario negativo.'],
    ['a huge quantity', withLine(0, { quantity: 1e12 }), 'La partida 1 tiene una cantidad mayor que 10,000,000.'],
    ['a huge price', withLine(0, { unitPrice: 5e9 }), 'La partida 1 tiene un precio unitario mayor que 1,000,000,000.'],
    ['a discount over 100', withLine(0, { discountPercent: 150 }), 'La partida 1 tiene un descuento mayor que 100 %.'],
    ['a string discount', withLine(0, { discountPercent: '10' }), 'La partida 1 no tiene descuento numérico.'],
    [
      'an unknown kind',
      (o) => ({ ...o, kind: 'factura' }),
      'El pedido tiene un tipo que no es «pedido» ni «cotizacion».',
    ],
    [
      'a kind with a typo',
      (o) => ({ ...o, kind: 'pedidoX' }),
      'El pedido tiene un tipo que no es «pedido» ni «cotizacion».',
    ],
    [
      'no paymentStatus',
      (o) => ({ ...o, paymentStatus: undefined }),
      'El pedido no tiene estado de pago «paid» o «pending».',
    ],
    [
      'another paymentStatus',
      (o) => ({ ...o, paymentStatus: 'refunded' }),
      'El pedido no tiene estado de pago «paid» o «pending».',
    ],
    ['an empty freight', (o) => ({ ...o, freight: '' }), 'El pedido no tiene flete numérico.'],
    ['no freight', (o) => ({ ...o, freight: undefined }), 'El pedido no tiene flete numérico.'],
    ['a negative freight', (o) => ({ ...o, freight: -5 }), 'El pedido tiene un flete negativo.'],
    ['no lines', (o) => ({ ...o, lines: [] }), 'El pedido no tiene partidas.'],
    [
      'lines that are not a list',
      (o) => ({ ...o, lines: { 0: o.lines[0] } }),
      'El pedido no tiene partidas (se esperaba una lista).',
    ],
    [
      'more lines than the limit',
      (o) => ({ ...o, lines: Array.from({ length: 1001 }, () => o.lines[1]) }),
      'El pedido tiene más de 1,000 partidas.',
    ],
    [
      'a lower-case currency',
      (o) => ({ ...o, currency: 'mxn' }),
      'El pedido tiene una moneda que no es una clave ISO 4217 de tres letras mayúsculas.',
    ],
    ['no customer', (o) => ({ ...o, customerKey: '' }), 'El pedido no tiene clave de cliente.'],
    [
      'a numeric customer',
      (o) => ({ ...o, customerKey: 3001 }),
      'El pedido no tiene clave de cliente (se esperaba texto).',
    ],
    [
      'a date that is not ISO 8601',
      (o) => ({ ...o, createdAt: 'ayer' }),
      'El pedido no tiene fecha de creación ISO 8601.',
    ],
    ['notes that are not text', (o) => ({ ...o, notes: 42 }), 'El pedido tiene observaciones que no es texto.'],
    [
      'a line note that is too long',
      withLine(0, { notes: 'x'.repeat(1001) }),
      'La partida 1 tiene observaciones de más de 1,000 caracteres.',
    ],
  ];

  it.each(malformed)(
    '%s is malformed, with a Spanish reason that names the field, and keeps its id',
    (_name, mutate, reason) => {
      const r = parseOrder(mutate(good()));
      expect(r).toMatchObject({ ok: false, id: 'W-100', reason });
      if (r.ok) throw new Error('unreachable');
      expect(r.excerpt.length).toBeLessThanOrEqual(4096);
    },
  );

  const noId: [string, unknown][] = [
    ['null', null],
    ['a number', 7],
    ['an array', [{ id: 'W-1' }]],
    ['an object without id', { ...good(), id: undefined }],
    ['a numeric id', { ...good(), id: 100 }],
    ['an empty id', { ...good(), id: '' }],
    ['an id over 64 characters', { ...good(), id: 'x'.repeat(65) }],
    ['an id with a control character', { ...good(), id: 'W\n100' }],
  ];

  it.each(noId)('%s has no usable id: malformed, and nothing to reject it by', (_name, raw) => {
    expect(parseOrder(raw)).toMatchObject({ ok: false, id: null });
  });
});

describe('invoice requests are parsed the same way', () => {
  const request = () => ({
    id: 'F-1',
    orderId: null,
    customerKey: 'C1',
    rfc: 'XAXX010101000',
    usoCfdi: 'G03',
    currency: 'MXN',
    formaPago: '03',
    lines: [{ articleKey: 'A1', description: 'Taza “Mérida”', quantity: 2, unitPrice: 100 }],
  });
  const parse = (raw: unknown) =>
    parseElement(raw, InvoiceRequestSchema, 'La solicitud de factura', invoiceRequestFromWire);

  it('a well-formed request becomes the domain value', () => {
    expect(parse(request())).toMatchObject({
      ok: true,
      value: { id: 'F-1', orderId: null, formaPago: '03', lines: [{ description: 'Taza “Mérida”' }] },
    });
  });

  it.each([
    ['a null line', { lines: [null] }, 'La partida 1 no es un objeto.'],
    [
      'a string price',
      { lines: [{ articleKey: 'A1', quantity: 1, unitPrice: '10' }] },
      'La partida 1 no tiene precio unitario numérico.',
    ],
    [
      'no orderId key',
      { orderId: undefined },
      'La solicitud de factura no tiene pedido de origen (se esperaba texto).',
    ],
    ['no RFC', { rfc: '' }, 'La solicitud de factura no tiene RFC.'],
    [
      'a long forma de pago',
      { formaPago: '0301' },
      'La solicitud de factura tiene forma de pago de más de 3 caracteres.',
    ],
  ])('%s is malformed with its reason', (_name, patch, reason) => {
    expect(parse({ ...request(), ...patch })).toMatchObject({ ok: false, id: 'F-1', reason });
  });
});
