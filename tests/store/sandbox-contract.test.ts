import { describe, expect, it } from 'vitest';
import {
  apiText,
  authHeaders,
  control,
  controlStatus,
  fastClient,
  login,
  PASSWORD,
  rawApi,
  records,
  sandbox,
  stats,
} from './sandbox-fixture';

describe('Wopen sandbox: authentication and ping', () => {
  it('passes "Probar conexión" with the right credentials and names the store', async () => {
    const sb = await sandbox({ storeName: 'Ferretería Ñandú' });
    const r = await fastClient(sb).client.testConnection();
    expect(r).toMatchObject({ ok: true, message: 'Conexión exitosa con la tienda Wopen «Ferretería Ñandú».' });
  });

  it('refuses a wrong password, and calls without a valid token', async () => {
    const sb = await sandbox();
    const r = await fastClient(sb, {}, 'otra').client.testConnection();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Usuario o la Contraseña/);
    expect((await rawApi(sb, '/ping')).status).toBe(401);
    expect((await rawApi(sb, '/ping', { headers: { authorization: 'Bearer inventado' } })).status).toBe(401);
  });

  it('reports its storeId in the ping, and the control API reads and changes it', async () => {
    const sb = await sandbox({ storeName: 'Ferretería Ñandú' });
    const auth = await authHeaders(sb);
    const ping = await rawApi(sb, '/ping', { headers: auth });
    expect(ping).toMatchObject({
      status: 200,
      body: { ok: true, storeId: expect.stringMatching(/^[0-9a-f-]{36}$/), store: { name: 'Ferretería Ñandú' } },
    });
    expect(Date.parse(ping.body.serverTime as string)).not.toBeNaN();
    expect(await control(sb, '/store')).toEqual({ storeId: ping.body.storeId, name: 'Ferretería Ñandú' });

    // Another store answers at the same URL: same data, another identity.
    await control(sb, '/orders', { id: 'W-1' });
    expect(await control(sb, '/store-id', { storeId: 'tienda-2' })).toEqual({
      storeId: 'tienda-2',
      name: 'Ferretería Ñandú',
    });
    expect((await rawApi(sb, '/ping', { headers: auth })).body.storeId).toBe('tienda-2');
    expect((await control<{ orders: unknown[] }>(sb, '/orders')).orders).toHaveLength(1);
    for (const bad of ['{}', '{"storeId":""}', `{"storeId":"${'x'.repeat(129)}"}`, '{"storeId":7}', 'null', '{nope']) {
      expect((await controlStatus(sb, '/store-id', bad)).status, bad).toBe(400);
    }
    expect((await control(sb, '/store')).storeId).toBe('tienda-2');
  });

  it('is a new store after a reset: new storeId, nothing kept', async () => {
    const sb = await sandbox({ storeId: 'antes' });
    await control(sb, '/orders', { id: 'W-1' });
    const reset = await control(sb, '/reset', {});
    expect(reset).toEqual({ ok: true, storeId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(reset.storeId).not.toBe('antes');
    expect((await rawApi(sb, '/ping', { headers: await authHeaders(sb) })).body.storeId).toBe(reset.storeId);
    expect((await control<{ orders: unknown[] }>(sb, '/orders')).orders).toEqual([]);
    // Every reset is another store.
    expect((await control(sb, '/reset', {})).storeId).not.toBe(reset.storeId);
  });

  it('refuses a storeId option outside the contract', async () => {
    await expect(sandbox({ storeId: '' })).rejects.toThrow(/storeId/);
  });
});

describe('Wopen sandbox: catalog batches', () => {
  it('merges upserts field by field: absent fields keep the store value', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    await client.pushBatch('articles', {
      upserts: [{ key: 'A1', data: { code: 'A1', name: 'Martillo de uña', unit: 'PZA', status: 'active' } }],
      deletes: [],
    });
    // The engine leaves the name to the store by omitting it.
    await client.pushBatch('articles', {
      upserts: [{ key: 'A1', data: { code: 'A1', unit: 'CAJA', description: null } }],
      deletes: [],
    });
    const [a1] = await records(sb, 'articles');
    expect(a1).toMatchObject({
      key: 'A1',
      active: true,
      version: 2,
      data: { code: 'A1', name: 'Martillo de uña', unit: 'CAJA', status: 'active', description: null },
    });

    // Same data again: nothing changes, not even the version.
    await client.pushBatch('articles', { upserts: [{ key: 'A1', data: { unit: 'CAJA' } }], deletes: [] });
    expect((await records(sb, 'articles'))[0]?.version).toBe(2);
  });

  it('deactivates on delete, keeps the record, and reactivates on a later upsert', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    await client.pushBatch('customers', {
      upserts: [
        { key: 'C1', data: { name: 'Abarrotes La Güera' } },
        { key: 'C2', data: { name: 'Otro' } },
      ],
      deletes: [],
    });
    await client.pushBatch('customers', { upserts: [], deletes: ['C1', 'NO-EXISTE'] });
    expect((await records(sb, 'customers')).map((r) => [r.key, r.active])).toEqual([
      ['C1', false],
      ['C2', true],
    ]);
    expect((await records(sb, 'customers'))[0]?.data).toEqual({ name: 'Abarrotes La Güera' });
    expect(await control(sb, '/counts')).toEqual({ catalogs: { customers: { total: 2, active: 1, inactive: 1 } } });
    const inactive = await control<{ records: unknown[] }>(sb, '/records?catalog=customers&active=false');
    expect(inactive.records).toHaveLength(1);

    await client.pushBatch('customers', { upserts: [{ key: 'C1', data: { phone: '555' } }], deletes: [] });
    expect((await records(sb, 'customers'))[0]).toMatchObject({
      active: true,
      data: { name: 'Abarrotes La Güera', phone: '555' },
    });
  });

  it('rejects clearly wrong records one by one and stores the rest', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    const prices = await client.pushBatch('article-prices', {
      upserts: [
        { key: 'P1', data: { articleKey: 'A1', priceListKey: '1', currencyKey: 'MXN', price: 10.5 } },
        { key: 'P2', data: { articleKey: 'A2', price: -1 } },
        { key: 'P3', data: { articleKey: 'A3', price: '12' } },
      ],
      deletes: [],
    });
    expect(prices.rejected).toEqual([
      { key: 'P2', message: 'price must be ≥ 0' },
      { key: 'P3', message: 'price must be a number' },
    ]);
    expect((await records(sb, 'article-prices')).map((r) => r.key)).toEqual(['P1']);

    // Negative availability is real life (committed above on hand), not an error.
    const stock = await client.pushBatch('stock', {
      upserts: [{ key: 'A1|1', data: { onHand: 2, committed: 5, available: -3 } }],
      deletes: [],
    });
    expect(stock.rejected).toEqual([]);
  });

  it('answers 400 to malformed batches', async () => {
    const sb = await sandbox();
    const token = await login(sb);
    const post = (catalog: string, body: unknown) =>
      rawApi(sb, `/catalogs/${catalog}/batch`, {
        body,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k-${Math.random()}` },
      });
    const many = Array.from({ length: 1001 }, (_, i) => String(i));
    const cases: [string, unknown][] = [
      ['no-such-catalog', { upserts: [], deletes: [] }],
      ['articles', '{not json'],
      ['articles', { upserts: [] }],
      ['articles', { upserts: [{ key: '', data: {} }], deletes: [] }],
      ['articles', { upserts: [{ key: 7, data: {} }], deletes: [] }],
      ['articles', { upserts: [{ key: 'A', data: [1] }], deletes: [] }],
      ['articles', { upserts: [], deletes: [''] }],
      ['articles', { upserts: [], deletes: many }],
    ];
    for (const [catalog, body] of cases)
      expect((await post(catalog, body)).status, JSON.stringify(body).slice(0, 60)).toBe(400);
    expect(
      (
        await rawApi(sb, '/catalogs/articles/batch', {
          body: { upserts: [], deletes: [] },
          headers: { authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(400);
    expect((await stats(sb)).recordsApplied).toBe(0);
  });

  it('replays an Idempotency-Key instead of applying twice, and answers 422 to the same key with another body', async () => {
    const sb = await sandbox();
    const token = await login(sb);
    const send = (body: unknown) =>
      rawApi(sb, '/catalogs/taxes/batch', {
        body,
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'lote-1' },
      });
    const batch = {
      upserts: [
        { key: 'IVA16', data: { name: 'IVA 16 %', kind: 'IVA', rate: 16 } },
        { key: 'X', data: { rate: -2 } },
      ],
      deletes: [],
    };
    const first = await send(batch);
    const again = await send(batch);
    expect(first).toEqual({
      status: 200,
      body: { accepted: 1, rejected: [{ key: 'X', message: 'rate must be ≥ 0' }] },
    });
    expect(again).toEqual(first);
    expect((await records(sb, 'taxes'))[0]?.version).toBe(1);
    expect((await stats(sb)).catalogs.taxes).toMatchObject({ calls: 2, applied: 1, replays: 1 });

    expect((await send({ upserts: [{ key: 'IVA16', data: { rate: 8 } }], deletes: [] })).status).toBe(422);
    // The same key on another catalog is another request too.
    const other = await rawApi(sb, '/catalogs/currencies/batch', {
      body: batch,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'lote-1' },
    });
    expect(other.status).toBe(422);
    expect((await records(sb, 'taxes'))[0]?.data.rate).toBe(16);
  });

  it('counts batch calls and records for the benchmark, and logs requests', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    await client.pushBatch('warehouses', { upserts: [{ key: '1', data: { name: 'Matriz' } }], deletes: ['2'] });
    await client.pushBatch('warehouses', { upserts: [{ key: '3', data: { name: 'Sucursal' } }], deletes: [] });
    expect(await stats(sb)).toMatchObject({ authCalls: 1, batchCalls: 2, recordsReceived: 3, recordsApplied: 3 });
    const log = await control<{ requests: { method: string; path: string; outcome: number; records?: number }[] }>(
      sb,
      '/requests?limit=10',
    );
    expect(log.requests.map((r) => `${r.method} ${r.path} ${r.outcome}`)).toEqual([
      'POST /api/sync/v1/auth/token 200',
      'POST /api/sync/v1/catalogs/warehouses/batch 200',
      'POST /api/sync/v1/catalogs/warehouses/batch 200',
    ]);
    await control(sb, '/reset', {});
    expect(await control(sb, '/counts')).toEqual({ catalogs: {} });
    expect((await stats(sb)).batchCalls).toBe(0);
  });
});

describe('Wopen sandbox: orders and invoice requests', () => {
  it('lists pending orders oldest first and handles ack / reject per the contract', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', {
      id: 'W-2',
      createdAt: '2025-01-02T00:00:00Z',
      customerKey: 'C1',
      lines: [{ articleKey: 'A1', quantity: 2, unitPrice: 10 }],
    });
    await control(sb, '/orders', {
      id: 'W-1',
      createdAt: '2025-01-01T00:00:00Z',
      kind: 'cotizacion',
      customerKey: 'C1',
    });
    await control(sb, '/orders', { id: 'W-3', createdAt: '2025-01-03T00:00:00Z' });
    const auth = { authorization: `Bearer ${await login(sb)}` };

    const pending = await rawApi(sb, '/orders/pending?limit=2', { headers: auth });
    expect((pending.body.orders as { id: string }[]).map((o) => o.id)).toEqual(['W-1', 'W-2']);
    expect(pending.body.nextCursor).toEqual(expect.any(String));
    expect((pending.body.orders as Record<string, unknown>[])[1]).toMatchObject({
      kind: 'pedido',
      customerKey: 'C1',
      currency: 'MXN',
    });

    const ack = (id: string, erpFolio: string) =>
      rawApi(sb, `/orders/${id}/ack`, { body: { erpFolio, erpDocumentId: '99' }, headers: auth });
    expect((await ack('W-1', 'F-10')).status).toBe(200);
    expect((await ack('W-1', 'F-10')).status).toBe(200); // the same folio again is a no-op
    expect((await ack('W-1', 'F-11')).status).toBe(409);
    expect((await ack('NOPE', 'F-1')).status).toBe(404);
    expect(
      (await rawApi(sb, '/orders/W-2/reject', { body: { reason: 'Cliente sin crédito' }, headers: auth })).status,
    ).toBe(200);
    expect((await ack('W-2', 'F-12')).status).toBe(409);

    const left = await rawApi(sb, '/orders/pending', { headers: auth });
    expect(left.body).toEqual({ orders: [expect.objectContaining({ id: 'W-3' })], nextCursor: null });
    const all = await control<{ orders: Record<string, unknown>[] }>(sb, '/orders');
    expect(all.orders.map((o) => [o.id, o.status, o.erpFolio ?? o.rejectReason])).toEqual([
      ['W-1', 'acked', 'F-10'],
      ['W-2', 'rejected', 'Cliente sin crédito'],
      ['W-3', 'pending', null],
    ]);
  });

  it('serves invoice requests until they get a result', async () => {
    const sb = await sandbox();
    await control(sb, '/invoice-requests', {
      id: 'F-1',
      orderId: 'W-1',
      customerKey: 'C1',
      rfc: 'AAA010101AAA',
      usoCfdi: 'G01',
    });
    const auth = { authorization: `Bearer ${await login(sb)}` };
    const pending = await rawApi(sb, '/invoice-requests/pending', { headers: auth });
    expect(pending.body).toEqual({
      requests: [expect.objectContaining({ id: 'F-1', rfc: 'AAA010101AAA', usoCfdi: 'G01' })],
      nextCursor: null,
    });
    expect(
      (await rawApi(sb, '/invoice-requests/F-1/result', { body: { status: 'timbrada' }, headers: auth })).status,
    ).toBe(400);
    expect(
      (
        await rawApi(sb, '/invoice-requests/F-1/result', {
          body: { status: 'stamped', erpFolio: 'A-7', uuid: 'u-1' },
          headers: auth,
        })
      ).status,
    ).toBe(200);
    expect((await rawApi(sb, '/invoice-requests/pending', { headers: auth })).body).toEqual({
      requests: [],
      nextCursor: null,
    });
    const all = await control<{ requests: Record<string, unknown>[] }>(sb, '/invoice-requests');
    expect(all.requests[0]).toMatchObject({ status: 'stamped', result: { erpFolio: 'A-7', uuid: 'u-1' } });
    expect(JSON.stringify(all)).not.toContain(PASSWORD);
  });
});

describe('Wopen sandbox: creating orders and requests (control API)', () => {
  it('makes an order paid unless the body names its paymentStatus, and pays it later', async () => {
    const sb = await sandbox();
    expect(await control(sb, '/orders', { id: 'W-1' })).toMatchObject({
      id: 'W-1',
      paymentStatus: 'paid',
      kind: 'pedido',
      currency: 'MXN',
      lines: [],
    });
    expect((await control(sb, '/orders', { id: 'W-2', paymentStatus: 'pending' })).paymentStatus).toBe('pending');
    // Whatever the body says is kept, so tests can send what the contract forbids.
    expect((await control(sb, '/orders', { id: 'W-3', paymentStatus: 'pagado' })).paymentStatus).toBe('pagado');
    expect((await control(sb, '/orders', { id: 'W-4', paymentStatus: null })).paymentStatus).toBeNull();

    const auth = await authHeaders(sb);
    const listed = async () =>
      (
        (await rawApi(sb, '/orders/pending', { headers: auth })).body.orders as { id: string; paymentStatus: unknown }[]
      ).map((o) => [o.id, o.paymentStatus]);
    // Pending means unanswered by the ERP, paid or not.
    expect(await listed()).toEqual([
      ['W-1', 'paid'],
      ['W-2', 'pending'],
      ['W-3', 'pagado'],
      ['W-4', null],
    ]);

    expect(await control(sb, '/orders/W-2/pay', {})).toMatchObject({ id: 'W-2', paymentStatus: 'paid' });
    expect(await listed()).toEqual([
      ['W-1', 'paid'],
      ['W-2', 'paid'],
      ['W-3', 'pagado'],
      ['W-4', null],
    ]);
    expect((await controlStatus(sb, '/orders/NOPE/pay', '{}')).status).toBe(404);
  });

  it('creates many from an array, all or none', async () => {
    const sb = await sandbox();
    const made = await control<Record<string, unknown>[]>(sb, '/orders', [
      { id: 'A' },
      { id: 'B', kind: 'cotizacion' },
    ]);
    expect(made).toEqual([
      expect.objectContaining({ id: 'A', paymentStatus: 'paid' }),
      expect.objectContaining({ id: 'B', kind: 'cotizacion' }),
    ]);
    expect(await control<unknown[]>(sb, '/invoice-requests', [{ id: 'F-1' }, { id: 'F-2' }])).toHaveLength(2);

    expect((await controlStatus(sb, '/orders', '[{"id":"C"},7]')).status).toBe(400);
    expect((await controlStatus(sb, '/orders', '[{"id":"D"},{"id":"A"}]')).status).toBe(409); // A exists
    expect((await controlStatus(sb, '/orders', '{nope')).status).toBe(400);
    expect((await control<{ orders: { id: string }[] }>(sb, '/orders')).orders.map((o) => o.id)).toEqual(['A', 'B']);
  });

  it('stores raw elements exactly as sent and lists them verbatim, in order with the others', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', { id: 'W-1' });
    const raw = await control<{ id: string; raw: unknown }[]>(sb, '/orders?raw=1', [
      null,
      42,
      { customerKey: 'C1' },
      { id: 7 },
      { id: 'R-1', lines: 'muchas' },
      [1, 2],
    ]);
    expect(raw.map((r) => r.raw)).toEqual([
      null,
      42,
      { customerKey: 'C1' },
      { id: 7 },
      { id: 'R-1', lines: 'muchas' },
      [1, 2],
    ]);
    expect(raw[4]?.id).toBe('R-1');
    const internal = raw.filter((_, i) => i !== 4).map((r) => r.id);
    for (const key of internal) expect(key).toMatch(/^raw-\d+$/);
    // A single raw body is one element, whatever it is, kept byte for byte.
    expect(await control(sb, '/orders?raw=1', null)).toEqual({ id: expect.stringMatching(/^raw-/), raw: null });
    await fetch(`${sb.controlUrl}/orders?raw=1`, {
      method: 'POST',
      body: '{"id":"R-2","freight":1.50,"notes":"a","notes":"b","q":1e400}',
    });

    const auth = await authHeaders(sb);
    const page = await apiText(sb, '/orders/pending', auth);
    expect(page.status).toBe(200);
    expect(page.text).toContain('{"id":"R-2","freight":1.50,"notes":"a","notes":"b","q":1e400}');
    expect((JSON.parse(page.text) as { orders: unknown[] }).orders.slice(0, 8)).toEqual([
      expect.objectContaining({ id: 'W-1', paymentStatus: 'paid' }),
      null,
      42,
      { customerKey: 'C1' },
      { id: 7 },
      { id: 'R-1', lines: 'muchas' },
      [1, 2],
      null,
    ]);

    // The store API addresses a raw element only by the string id it carries.
    expect((await rawApi(sb, '/orders/R-1/reject', { body: { reason: 'malformado' }, headers: auth })).status).toBe(
      200,
    );
    expect((await rawApi(sb, `/orders/${internal[0]}/reject`, { body: { reason: 'x' }, headers: auth })).status).toBe(
      404,
    );
    const all = await control<{ orders: Record<string, unknown>[] }>(sb, '/orders');
    expect(all.orders.find((o) => o.id === 'R-1')).toMatchObject({ lines: 'muchas', status: 'rejected' });
    expect(all.orders.find((o) => o.id === internal[0])).toMatchObject({ raw: null, status: 'pending' });
    expect(all.orders.find((o) => o.id === internal[3])).toMatchObject({ raw: { id: 7 }, status: 'pending' });

    expect((await controlStatus(sb, '/orders?raw=1', '')).status).toBe(400);
    expect((await controlStatus(sb, '/orders?raw=1', '{"id":"R-1"}')).status).toBe(409);
  });

  it('stores raw invoice requests too, and gives a result only to an id the store knows', async () => {
    const sb = await sandbox();
    const made = await control<{ id: string }[]>(sb, '/invoice-requests?raw=1', [
      'texto',
      { id: 'F-9', lines: [] },
      { rfc: 'AAA010101AAA' },
    ]);
    const auth = await authHeaders(sb);
    expect((await rawApi(sb, '/invoice-requests/pending', { headers: auth })).body).toEqual({
      requests: ['texto', { id: 'F-9', lines: [] }, { rfc: 'AAA010101AAA' }],
      nextCursor: null,
    });
    expect(
      (await rawApi(sb, `/invoice-requests/${made[0]?.id}/result`, { body: { status: 'failed' }, headers: auth }))
        .status,
    ).toBe(404);
    expect(
      (
        await rawApi(sb, '/invoice-requests/F-9/result', {
          body: { status: 'failed', message: 'sin partidas' },
          headers: auth,
        })
      ).status,
    ).toBe(200);
    expect((await rawApi(sb, '/invoice-requests/pending', { headers: auth })).body.requests as unknown[]).toEqual([
      'texto',
      { rfc: 'AAA010101AAA' },
    ]);
  });
});
