import type { ApiResponse } from './api-response';
import type { BatchHandler } from './batch-handler';
import { type Page, pageText } from './inbox-table';
import type { InvoiceRequestsStore } from './invoice-requests-store';
import type { OrdersStore } from './orders-store';
import { decodeCursor, type Position } from './paging';
import type { TokensStore } from './tokens-store';

export interface ApiRequest {
  method: string;
  /** Path below /api/sync/v1, without the query. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
}

export interface ApiDeps {
  user: string;
  password: string;
  storeName: string;
  /** Read on every ping: the control API may change it (another store at the same URL). */
  storeId: () => string;
  tokenTtlSeconds: number;
  tokens: TokensStore;
  batches: BatchHandler;
  orders: OrdersStore;
  invoices: InvoiceRequestsStore;
  onAuth: () => void;
}

const BATCH_PATH = /^\/catalogs\/([^/]+)\/batch$/;

/** The store API of docs/wopen-api.md. */
export function routeApi(req: ApiRequest, deps: ApiDeps): ApiResponse & { records?: number; replay?: boolean } {
  const { method, path } = req;
  if (method === 'POST' && path === '/auth/token') return authenticate(req, deps);

  const auth = req.headers.authorization;
  const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : '';
  if (!token || !deps.tokens.isValid(token)) return { status: 401, body: { error: 'invalid or expired token' } };

  if (method === 'GET' && path === '/ping') {
    return {
      status: 200,
      body: {
        ok: true,
        storeId: deps.storeId(),
        store: { name: deps.storeName },
        serverTime: new Date().toISOString(),
      },
    };
  }
  const batch = method === 'POST' ? BATCH_PATH.exec(path) : null;
  if (batch) {
    const key = req.headers['idempotency-key'];
    return deps.batches.handle(
      decodeURIComponent(batch[1] ?? ''),
      typeof key === 'string' ? key : undefined,
      req.rawBody,
    );
  }
  if (method === 'GET' && path === '/orders/pending') {
    return pendingPage(req.query, 'orders', (limit, after) => deps.orders.pending(limit, after));
  }
  if (method === 'GET' && path === '/invoice-requests/pending') {
    return pendingPage(req.query, 'requests', (limit, after) => deps.invoices.pending(limit, after));
  }
  const action = method === 'POST' ? /^\/(orders|invoice-requests)\/([^/]+)\/(ack|reject|result)$/.exec(path) : null;
  if (action) {
    const body = jsonObject(req.rawBody);
    if (!body) return { status: 400, body: { error: 'body must be a JSON object' } };
    const id = decodeURIComponent(action[2] ?? '');
    const route = `${action[1]}/${action[3]}`;
    if (route === 'orders/ack') return deps.orders.ack(id, body);
    if (route === 'orders/reject') return deps.orders.reject(id, body);
    if (route === 'invoice-requests/result') return deps.invoices.setResult(id, body);
  }
  return { status: 404, body: { error: `no route for ${method} ${path}` } };
}

/** `?limit=N[&cursor=C]` → the envelope `{orders | requests, nextCursor}`; a cursor we never handed out is 400. */
function pendingPage(
  query: URLSearchParams,
  key: 'orders' | 'requests',
  read: (limit: number, after: Position | undefined) => Page,
): ApiResponse {
  const cursor = query.get('cursor');
  const after = cursor === null ? undefined : decodeCursor(cursor);
  if (cursor !== null && !after) return { status: 400, body: { error: 'invalid cursor' } };
  const limit = clampInt(query.get('limit'), 50, 1, 500);
  return { status: 200, rawBody: pageText(key, read(limit, after)) };
}

function authenticate(req: ApiRequest, deps: ApiDeps): ApiResponse {
  deps.onAuth();
  const body = jsonObject(req.rawBody);
  if (!body || typeof body.usuario !== 'string' || typeof body.contrasena !== 'string') {
    return { status: 400, body: { error: 'usuario and contrasena are required' } };
  }
  if (body.usuario !== deps.user || body.contrasena !== deps.password)
    return { status: 401, body: { error: 'invalid credentials' } };
  return { status: 200, body: { token: deps.tokens.issue(deps.tokenTtlSeconds), expiresIn: deps.tokenTtlSeconds } };
}

export function jsonObject(raw: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function clampInt(raw: string | null, fallback: number, min: number, max: number): number {
  const n = raw === null ? NaN : Number.parseInt(raw, 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : fallback;
}
