import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiText, authHeaders, control, fault, rawApi, sandbox } from './sandbox-fixture';

type Sandbox = Awaited<ReturnType<typeof sandbox>>;
interface Page {
  ids: unknown[];
  nextCursor: unknown;
}

/** One page of a pending list, by element id. */
async function page(
  sb: Sandbox,
  auth: Record<string, string>,
  what: 'orders' | 'invoice-requests',
  limit: number,
  cursor?: unknown,
): Promise<Page> {
  const query = `?limit=${limit}${typeof cursor === 'string' ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  const r = await rawApi(sb, `/${what}/pending${query}`, { headers: auth });
  expect(r.status).toBe(200);
  const elements = r.body[what === 'orders' ? 'orders' : 'requests'] as ({ id?: unknown } | null)[];
  return { ids: elements.map((e) => e?.id), nextCursor: r.body.nextCursor };
}

const ids = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

describe('Wopen sandbox: cursor paging of pending orders', () => {
  it('pages 7 orders 3 at a time: 3 + 3 + 1, the last page ending with a null cursor', async () => {
    const sb = await sandbox();
    await control(
      sb,
      '/orders',
      ids(7, 'o').map((id, i) => ({ id, createdAt: `2025-01-0${i + 1}T00:00:00Z` })),
    );
    const auth = await authHeaders(sb);

    const first = await page(sb, auth, 'orders', 3);
    expect(first.ids).toEqual(['o1', 'o2', 'o3']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await page(sb, auth, 'orders', 3, first.nextCursor);
    expect(second.ids).toEqual(['o4', 'o5', 'o6']);
    const last = await page(sb, auth, 'orders', 3, second.nextCursor);
    expect(last).toEqual({ ids: ['o7'], nextCursor: null });

    // A page that happens to end exactly at the end says so too.
    expect((await page(sb, auth, 'orders', 7)).nextCursor).toBeNull();
    expect((await page(sb, auth, 'orders', 6)).nextCursor).toEqual(expect.any(String));
  });

  it('neither skips nor repeats an order when others are answered between pages', async () => {
    const sb = await sandbox();
    await control(
      sb,
      '/orders',
      ids(7, 'o').map((id) => ({ id })),
    );
    const auth = await authHeaders(sb);
    const first = await page(sb, auth, 'orders', 3);
    expect(first.ids).toEqual(['o1', 'o2', 'o3']);

    // The element the cursor points at, and one of the next page, leave the list.
    expect((await rawApi(sb, '/orders/o3/ack', { body: { erpFolio: 'F-3' }, headers: auth })).status).toBe(200);
    expect((await rawApi(sb, '/orders/o5/reject', { body: { reason: 'sin crédito' }, headers: auth })).status).toBe(
      200,
    );
    const second = await page(sb, auth, 'orders', 3, first.nextCursor);
    expect(second).toEqual({ ids: ['o4', 'o6', 'o7'], nextCursor: null });
    expect((await page(sb, auth, 'orders', 50)).ids).toEqual(['o1', 'o2', 'o4', 'o6', 'o7']);
  });

  it('orders by createdAt, then by creation, and places raw elements at their insertion time', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', [
      { id: 'late', createdAt: '2999-01-01T00:00:00Z' },
      { id: 'tie-1', createdAt: '2025-01-01T00:00:00Z' },
      { id: 'tie-2', createdAt: '2025-01-01T00:00:00Z' },
      { id: 'early', createdAt: '2024-01-01T00:00:00Z' },
    ]);
    await control(sb, '/orders?raw=1', [{ id: 'raw-now', createdAt: '1999-01-01T00:00:00Z' }, null]);
    const auth = await authHeaders(sb);
    const seen: unknown[] = [];
    let cursor: unknown;
    do {
      const p = await page(sb, auth, 'orders', 1, cursor);
      seen.push(...p.ids);
      cursor = p.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual(['early', 'tie-1', 'tie-2', 'raw-now', undefined, 'late']);
  });

  it('answers 400 to a cursor it never handed out, and keeps limit within 1..500', async () => {
    const sb = await sandbox();
    await control(
      sb,
      '/orders',
      ids(3, 'o').map((id) => ({ id })),
    );
    const auth = await authHeaders(sb);
    const good = (await page(sb, auth, 'orders', 1)).nextCursor as string;
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    for (const cursor of ['', 'nope!', b64('no-separator'), b64('2025|0'), b64('2025|x'), `${good}=`, `${good}A`]) {
      const r = await rawApi(sb, `/orders/pending?cursor=${encodeURIComponent(cursor)}`, { headers: auth });
      expect(r, cursor).toEqual({ status: 400, body: { error: 'invalid cursor' } });
      expect(
        (await rawApi(sb, `/invoice-requests/pending?cursor=${encodeURIComponent(cursor)}`, { headers: auth })).status,
        cursor,
      ).toBe(400);
    }
    expect((await page(sb, auth, 'orders', 0)).ids).toHaveLength(1);
    await control(
      sb,
      '/orders',
      ids(501, 'x').map((id) => ({ id })),
    );
    expect((await page(sb, auth, 'orders', 9999)).ids).toHaveLength(500);
    expect((await rawApi(sb, '/orders/pending', { headers: auth })).body.orders).toHaveLength(50);
  });
});

describe('Wopen sandbox: cursor paging of invoice requests', () => {
  it('pages requests like orders, and a result between pages skips nothing', async () => {
    const sb = await sandbox();
    await control(
      sb,
      '/invoice-requests',
      ids(5, 'f').map((id) => ({ id })),
    );
    const auth = await authHeaders(sb);
    const first = await page(sb, auth, 'invoice-requests', 2);
    expect(first.ids).toEqual(['f1', 'f2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(
      (await rawApi(sb, '/invoice-requests/f2/result', { body: { status: 'stamped' }, headers: auth })).status,
    ).toBe(200);
    const second = await page(sb, auth, 'invoice-requests', 2, first.nextCursor);
    expect(second.ids).toEqual(['f3', 'f4']);
    expect(await page(sb, auth, 'invoice-requests', 2, second.nextCursor)).toEqual({ ids: ['f5'], nextCursor: null });
    expect((await rawApi(sb, '/invoice-requests/pending', { headers: auth })).body.requests).toHaveLength(4);
  });
});

describe('Wopen sandbox: broken and oversized pages', () => {
  it('still breaks the JSON of both pending lists with bad-json', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', { id: 'W-1' });
    await control(sb, '/invoice-requests', { id: 'F-1' });
    const auth = await authHeaders(sb);
    for (const path of ['/orders/pending', '/invoice-requests/pending']) {
      await fault(sb, { kind: 'bad-json', path });
      const r = await apiText(sb, path, auth);
      expect(r.status).toBe(200);
      expect(r.text).toMatch(/<html>$/);
      expect(() => JSON.parse(r.text) as unknown).toThrow();
      const next = await apiText(sb, path, auth); // the fault was for one request only
      expect(() => JSON.parse(next.text) as unknown).not.toThrow();
    }
  });

  it('answers an oversize fault with at least the bytes asked for, of valid JSON shaped like the page', async () => {
    const sb = await sandbox();
    const auth = await authHeaders(sb);
    await fault(sb, { kind: 'oversize', path: '/orders/pending', bytes: 1_000_000 });
    const orders = await apiText(sb, '/orders/pending?limit=10', auth);
    expect(orders.status).toBe(200);
    expect(Buffer.byteLength(orders.text)).toBeGreaterThanOrEqual(1_000_000);
    const body = JSON.parse(orders.text) as { orders: { id: string; notes: string }[]; nextCursor: unknown };
    expect(Object.keys(body)).toEqual(['orders', 'nextCursor']);
    expect(body.orders).toHaveLength(1);
    expect(body.orders[0]?.id).toBe('huge');
    expect(body.nextCursor).toBeNull();

    // 20 MiB by default, past the client's 16 MiB cap.
    await fault(sb, { kind: 'oversize', path: '/invoice-requests/' });
    const requests = await apiText(sb, '/invoice-requests/pending', auth);
    expect(Buffer.byteLength(requests.text)).toBeGreaterThanOrEqual(20 * 1024 * 1024);
    expect((JSON.parse(requests.text) as { requests: { id: string }[]; nextCursor: unknown }).requests[0]?.id).toBe(
      'huge',
    );

    await fault(sb, { kind: 'oversize', path: '/ping', bytes: 100_000 });
    const ping = await apiText(sb, '/ping', auth);
    expect(JSON.parse(ping.text)).toMatchObject({ ok: true, storeId: 'huge' });
    expect(ping.text.length).toBeGreaterThanOrEqual(100_000);

    const log = await control<{ requests: { path: string; outcome: unknown; fault?: string }[] }>(sb, '/requests');
    expect(log.requests.filter((r) => r.fault === 'oversize').map((r) => r.outcome)).toEqual([200, 200, 200]);
  });

  it('survives a client that hangs up in the middle of an oversized body', async () => {
    const sb = await sandbox();
    const auth = await authHeaders(sb);
    await fault(sb, { kind: 'oversize', path: '/orders/pending', count: 2, bytes: 50 * 1024 * 1024 });

    // Hang up after the first chunk…
    const url = new URL(`${sb.url}/api/sync/v1/orders/pending`);
    const received = await new Promise<number>((resolve, reject) => {
      const req = http.get(url, { headers: auth }, (res) => {
        res.once('data', (chunk: Buffer) => {
          req.destroy();
          resolve(chunk.length);
        });
      });
      req.on('error', (err) => (req.destroyed ? undefined : reject(err)));
    });
    expect(received).toBeGreaterThan(0);
    // …and through fetch's own abort, mid-read.
    const abort = new AbortController();
    const res = await fetch(url, { headers: auth, signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    abort.abort();
    await expect(reader.read()).rejects.toThrow();

    // The sandbox goes on answering.
    await control(sb, '/orders', { id: 'W-1' });
    expect((await rawApi(sb, '/orders/pending', { headers: auth })).body).toEqual({
      orders: [expect.objectContaining({ id: 'W-1' })],
      nextCursor: null,
    });
    expect(await control(sb, '/health')).toEqual({ ok: true });
  });
});
