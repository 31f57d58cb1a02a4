import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApiDeps, routeApi } from './api-routes';
import { BatchHandler } from './batch-handler';
import { routeControl, type ControlDeps } from './control-routes';
import { deliverFault, type Outcome, send } from './fault-delivery';
import { API_PREFIX, FaultQueue } from './fault-queue';
import { InvoiceRequestsStore } from './invoice-requests-store';
import { OrdersStore } from './orders-store';
import { RecordsStore } from './records-store';
import { isStoreId, openSandboxDatabase, readStoreId, STORE_ID_RULE } from './sandbox-database';
import { SandboxStats } from './sandbox-stats';
import { TokensStore } from './tokens-store';

export interface SandboxOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** SQLite file; ':memory:' for a throwaway store. */
  dataFile: string;
  user?: string;
  password?: string;
  storeName?: string;
  /** The storeId of a new file (a file that has one keeps it); a random UUID by default. */
  storeId?: string;
  tokenTtlSeconds?: number;
  /** Bodies above this size get 413 (the contract's 10 MB; tests lower it to exercise the client's split). */
  maxBodyBytes?: number;
}

export interface RunningSandbox {
  /** The store URL a company would type (the client appends /api/sync/v1). */
  url: string;
  /** Base of the control API, e.g. `${controlUrl}/faults`. */
  controlUrl: string;
  close(): Promise<void>;
}

const CONTROL_PREFIX = '/__control';

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  if (options.storeId !== undefined && !isStoreId(options.storeId)) throw new Error(STORE_ID_RULE);
  const db = openSandboxDatabase(options.dataFile, options.storeId);
  let stats = new SandboxStats();
  const records = new RecordsStore(db);
  const tokens = new TokensStore(db);
  const orders = new OrdersStore(db);
  const invoices = new InvoiceRequestsStore(db);
  const faults = new FaultQueue();
  const maxBodyBytes = options.maxBodyBytes ?? 10 * 1024 * 1024;
  const storeName = options.storeName ?? 'Tienda Sandbox';
  const api: ApiDeps = {
    user: options.user ?? 'sandbox',
    password: options.password ?? 'sandbox',
    storeName,
    storeId: () => readStoreId(db),
    tokenTtlSeconds: options.tokenTtlSeconds ?? 3600,
    tokens,
    orders,
    invoices,
    batches: new BatchHandler(db, records, () => stats),
    onAuth: () => stats.authCalls++,
  };
  const resetStats = (): void => {
    stats = new SandboxStats();
  };
  const control: ControlDeps = {
    db,
    storeName,
    faults,
    records,
    tokens,
    orders,
    invoices,
    stats: () => stats,
    resetStats,
  };

  const server = http.createServer((req, res) => {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    readBody(req, maxBodyBytes)
      .then((rawBody) => {
        if (url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
          send(
            res,
            routeControl(method, url.pathname.slice(CONTROL_PREFIX.length), url.searchParams, rawBody ?? '', control),
          );
          return;
        }
        stats.requests++;
        const batchCatalog = method === 'POST' ? /\/catalogs\/([^/]+)\/batch$/.exec(url.pathname)?.[1] : undefined;
        if (batchCatalog) {
          stats.batchCalls++;
          stats.catalog(decodeURIComponent(batchCatalog)).calls++;
        }
        const log = (outcome: Outcome, extra: { fault?: string; records?: number; replay?: boolean } = {}): void => {
          const key = req.headers['idempotency-key'];
          stats.record({
            at: new Date().toISOString(),
            method,
            path: url.pathname,
            outcome,
            ms: Math.round(performance.now() - started),
            ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
            ...extra,
          });
        };
        if (rawBody === undefined)
          return log(
            send(res, {
              status: 413,
              body: { error: `body larger than ${maxBodyBytes} bytes` },
              headers: { connection: 'close' },
            }),
          );
        if (!url.pathname.startsWith(`${API_PREFIX}/`))
          return log(send(res, { status: 404, body: { error: 'not found' } }));

        const apiRequest = {
          method,
          path: url.pathname.slice(API_PREFIX.length),
          query: url.searchParams,
          headers: req.headers,
          rawBody,
        };
        const fault = faults.take(method, url.pathname);
        if (!fault) {
          const r = routeApi(apiRequest, api);
          return log(send(res, r), pick(r));
        }
        stats.faultsServed++;
        const real = fault.apply ? routeApi(apiRequest, api) : undefined;
        log(deliverFault(req, res, fault, real), { fault: fault.kind, ...(real ? pick(real) : {}) });
      })
      // A route that throws answers 500 instead of leaving the request hanging and the rejection unhandled.
      .catch((err: unknown) => {
        console.error('sandbox: request failed', err);
        if (!res.headersSent) send(res, { status: 500, body: { error: 'sandbox internal error' } });
      });
  });
  server.keepAliveTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port, address, family } = server.address() as AddressInfo;
  const host = family === 'IPv6' ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  return {
    url,
    controlUrl: `${url}${CONTROL_PREFIX}`,
    close: async () => {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections(); // hung requests would otherwise keep the server open
      await closed;
      db.close();
    },
  };
}

const pick = (r: { records?: number; replay?: boolean }): { records?: number; replay?: boolean } => ({
  ...(r.records !== undefined ? { records: r.records } : {}),
  ...(r.replay ? { replay: true } : {}),
});

/** The whole body as text, or undefined when it exceeds the limit (the rest is drained, not kept). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks, size).toString('utf8')));
    req.on('error', reject);
  });
}
