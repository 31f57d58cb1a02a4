import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../electron/store/port';
import { WopenClient } from '../../electron/store/wopen/wopen-client';

/**
 * The client against a store we do not control (real HTTP, a hand-written server per case): redirects,
 * oversized and malformed answers. Nothing from a refused answer is used, and no credential leaves.
 */

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void;
const servers: http.Server[] = [];

async function serve(handler: Handler): Promise<{ url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      hits.push(`${req.method} ${req.url} ${body}`);
      handler(req, body, res);
    });
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

const json = (res: http.ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** A well-behaved store except for what `route` overrides. */
function store(
  route: (path: string, req: http.IncomingMessage, body: string, res: http.ServerResponse) => boolean,
): Handler {
  return (req, body, res) => {
    const path = req.url ?? '';
    if (route(path, req, body, res)) return;
    if (path === '/api/sync/v1/auth/token') return json(res, 200, { token: 'tok', expiresIn: 3600 });
    if (path === '/api/sync/v1/ping')
      return json(res, 200, { ok: true, storeId: 'tienda-1', store: { name: 'Prueba' } });
    json(res, 404, { error: 'no route' });
  };
}

const client = (url: string) =>
  new WopenClient(
    { url, user: 'integracion', password: 'S3cr3t-Pa55' },
    { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, timeoutMs: 5000, batchTimeoutMs: 5000 },
  );

describe('redirects are never followed with credentials', () => {
  it('a 307 on the token call to another origin: refused, naming the target; the other origin receives nothing', async () => {
    const thief = await serve((_req, _body, res) => json(res, 200, { token: 'robado' }));
    const s = await serve(
      store((path, _req, _body, res) => {
        if (path !== '/api/sync/v1/auth/token') return false;
        res.writeHead(307, { location: `${thief.url}/steal/api/sync/v1/auth/token?x=1` }).end();
        return true;
      }),
    );
    const err = await client(s.url)
      .identify()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(
      /redirección \(HTTP 307\) hacia http:\/\/127\.0\.0\.1:\d+\/steal\/api\/sync\/v1\/auth\/token; no se siguió/,
    );
    expect((err as Error).message).not.toContain('x=1');
    expect(thief.hits).toEqual([]);
    const test = await client(s.url).testConnection();
    expect(test).toMatchObject({ ok: false, message: expect.stringContaining('redirección') });
    expect(thief.hits).toEqual([]);
  });

  it('a 308 on a batch or an order page: the bearer token never reaches the target', async () => {
    const thief = await serve((_req, _body, res) => json(res, 200, { accepted: 1, rejected: [] }));
    const s = await serve(
      store((path, _req, _body, res) => {
        if (!path.startsWith('/api/sync/v1/catalogs/') && !path.startsWith('/api/sync/v1/orders/')) return false;
        res.writeHead(308, { location: `${thief.url}${path}` }).end();
        return true;
      }),
    );
    const c = client(s.url);
    const push = await c
      .pushBatch('taxes', { upserts: [{ key: '1', data: { name: 'IVA' } }], deletes: [] })
      .catch((e: unknown) => e);
    expect(push).toMatchObject({ retryable: false, status: 308 });
    expect(await c.pendingOrders().catch((e: unknown) => e)).toMatchObject({ retryable: false, status: 308 });
    expect(thief.hits).toEqual([]);
  });
});

describe('answers are read strictly and capped', () => {
  it('an order page over 16 MiB is refused whole while streaming: nothing from it is used', async () => {
    let sent = 0;
    const s = await serve(
      store((path, _req, _body, res) => {
        if (!path.startsWith('/api/sync/v1/orders/pending')) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"orders":[{"id":"huge","notes":"');
        const chunk = 'x'.repeat(64 * 1024);
        const pump = () => {
          while (sent < 40 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end('"}],"nextCursor":null}');
        };
        res.on('error', () => undefined);
        pump();
        return true;
      }),
    );
    const err = await client(s.url)
      .pendingOrders()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(
      /con más de 16 MiB, el máximo acordado; se rechazó la respuesta completa y no se usó nada de ella/,
    );
    expect((err as StoreError).retryable).toBe(false);
    // The client stopped reading long before the store finished writing.
    expect(sent).toBeLessThan(40 * 1024 * 1024);
  });

  it.each([
    ['not an object', [] as unknown, /no es un objeto JSON/],
    ['no orders list', { pedidos: [] }, /falta la lista «orders»/],
    [
      'more elements than asked for',
      { orders: Array.from({ length: 3 }, (_, i) => ({ id: `o${i}` })), nextCursor: null },
      /trae 3 elementos y se pidieron a lo más 2/,
    ],
    ['no nextCursor', { orders: [] }, /falta «nextCursor»/],
    ['a numeric cursor', { orders: [], nextCursor: 5 }, /«nextCursor» no es texto ni null/],
  ])('a page that is %s is not the envelope: the pass ends with a message that says so', async (_name, body, why) => {
    const s = await serve(
      store((path, _req, _body, res) =>
        path.startsWith('/api/sync/v1/orders/pending') ? (json(res, 200, body), true) : false,
      ),
    );
    const err = await client(s.url)
      .pendingOrders({ limit: 2 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as Error).message).toMatch(/no es el formato acordado/);
    expect((err as Error).message).toMatch(why);
  });

  it('a page that is not JSON is retried, then refused with a message that says so', async () => {
    const s = await serve(
      store((path, _req, _body, res) =>
        path.startsWith('/api/sync/v1/invoice-requests/pending')
          ? (res.writeHead(200).end('<html>mantenimiento</html>'), true)
          : false,
      ),
    );
    const err = await client(s.url)
      .pendingInvoiceRequests()
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/después de 2 intentos: la respuesta de la tienda no es JSON/);
    expect(s.hits.filter((h) => h.includes('invoice-requests'))).toHaveLength(2);
  });

  it('a batch answer that names a key the batch did not send, or has no accepted count, fails the batch', async () => {
    let answer: unknown = { accepted: 0, rejected: [{ key: 'OTRA', message: 'x' }] };
    const s = await serve(
      store((path, _req, _body, res) =>
        path.startsWith('/api/sync/v1/catalogs/') ? (json(res, 200, answer), true) : false,
      ),
    );
    const batch = { upserts: [{ key: '1', data: { name: 'IVA' } }], deletes: [] };
    expect(
      await client(s.url)
        .pushBatch('taxes', batch)
        .catch((e: unknown) => e),
    ).toMatchObject({ retryable: true, message: expect.stringContaining('no se pudo leer') });
    answer = { rejected: [] };
    expect(
      await client(s.url)
        .pushBatch('taxes', batch)
        .catch((e: unknown) => e),
    ).toBeInstanceOf(StoreError);
    answer = { accepted: 1, rejected: [] };
    expect(await client(s.url).pushBatch('taxes', batch)).toEqual({ rejected: [] });
  });

  it('bytes that are not UTF-8 are a broken answer; an oversized error page is still a retryable 5xx', async () => {
    let ackCalls = 0;
    const s = await serve(
      store((path, _req, _body, res) => {
        if (path.startsWith('/api/sync/v1/orders/pending'))
          return (
            res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from([0x7b, 0xff, 0x7d])),
            true
          );
        if (path.endsWith('/ack')) {
          ackCalls++;
          res.writeHead(502, { 'content-type': 'text/html' }).end(`<html>${'x'.repeat(200 * 1024)}</html>`);
          return true;
        }
        return false;
      }),
    );
    expect(
      (await client(s.url)
        .pendingOrders()
        .catch((e: unknown) => e)) as Error,
    ).toMatchObject({ message: expect.stringContaining('no es texto UTF-8 válido') });
    const ack = await client(s.url)
      .ackOrder('o1', { erpFolio: 'P1', erpDocumentId: '1' })
      .catch((e: unknown) => e);
    expect(ack).toMatchObject({ retryable: true, status: 502 });
    expect(ackCalls).toBe(2);
  });

  it('a ping without storeId: the store cannot be identified, so nothing is synced to it', async () => {
    const s = await serve(
      store((path, _req, _body, res) =>
        path === '/api/sync/v1/ping' ? (json(res, 200, { ok: true, store: { name: 'Sin id' } }), true) : false,
      ),
    );
    const err = await client(s.url)
      .identify()
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/no envió su identificador \(storeId\)/);
    expect(await client(s.url).testConnection()).toMatchObject({
      ok: false,
      message: expect.stringContaining('storeId'),
    });
  });

  it('endpoints are built from the origin: a query or fragment typed in the URL never reaches a call', async () => {
    const s = await serve(store(() => false));
    const id = await client(`${s.url}/?utm=1#inicio`).identify();
    expect(id).toEqual({ origin: s.url, storeId: 'tienda-1', name: 'Prueba' });
    expect(s.hits.map((h) => h.split(' ')[1])).toEqual(['/api/sync/v1/auth/token', '/api/sync/v1/ping']);
  });
});
