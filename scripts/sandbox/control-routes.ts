import type { Database } from 'better-sqlite3';
import type { ApiResponse } from './api-response';
import { clampInt } from './api-routes';
import { createElements } from './control-create';
import { FaultSpecSchema, type FaultQueue } from './fault-queue';
import { isObject } from './inbox-table';
import type { InvoiceRequestsStore } from './invoice-requests-store';
import type { OrdersStore } from './orders-store';
import type { RecordsStore } from './records-store';
import { isStoreId, readStoreId, STORE_ID_RULE, wipeSandboxDatabase, writeStoreId } from './sandbox-database';
import type { SandboxStats } from './sandbox-stats';
import type { TokensStore } from './tokens-store';

export interface ControlDeps {
  db: Database;
  storeName: string;
  faults: FaultQueue;
  records: RecordsStore;
  tokens: TokensStore;
  orders: OrdersStore;
  invoices: InvoiceRequestsStore;
  stats: () => SandboxStats;
  resetStats: () => void;
}

/** The test-only API under /__control/ (scripts/sandbox/README.md). No auth: bind to 127.0.0.1. */
export function routeControl(
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: string,
  deps: ControlDeps,
): ApiResponse {
  const route = `${method} ${path}`;
  const raw = query.get('raw') === '1' || query.get('raw') === 'true';
  const pay = method === 'POST' ? /^\/orders\/([^/]+)\/pay$/.exec(path) : null;
  if (pay) return deps.orders.pay(decodeURIComponent(pay[1] ?? ''));
  switch (route) {
    case 'GET /health':
      return ok({ ok: true });
    case 'GET /faults':
      return ok({ faults: deps.faults.list() });
    case 'POST /faults': {
      const body = parseJson(rawBody);
      const specs = FaultSpecSchema.array().safeParse(Array.isArray(body) ? body : [body]);
      if (!specs.success)
        return {
          status: 400,
          body: { error: specs.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') },
        };
      return { status: 201, body: { faults: specs.data.map((s) => deps.faults.add(s)) } };
    }
    case 'DELETE /faults':
      return ok({ cleared: deps.faults.clear() });
    case 'GET /records': {
      const catalog = query.get('catalog');
      if (!catalog) return { status: 400, body: { error: 'catalog is required' } };
      const active = query.get('active');
      const key = query.get('key');
      return ok({
        records: deps.records.list(catalog, {
          ...(key !== null ? { key } : {}),
          ...(active !== null ? { active: active === 'true' || active === '1' } : {}),
          limit: clampInt(query.get('limit'), 1000, 1, 1_000_000),
          offset: clampInt(query.get('offset'), 0, 0, Number.MAX_SAFE_INTEGER),
        }),
      });
    }
    case 'GET /counts':
      return ok({ catalogs: deps.records.counts() });
    case 'GET /stats':
      return ok(deps.stats());
    case 'GET /requests':
      return ok({ requests: deps.stats().recent(clampInt(query.get('limit'), 100, 1, 2000)) });
    case 'POST /stats/reset':
      deps.resetStats();
      return ok({ ok: true });
    case 'POST /orders':
      return createElements(deps.db, rawBody, raw, deps.orders);
    case 'GET /orders':
      return ok({ orders: deps.orders.all() });
    case 'POST /invoice-requests':
      return createElements(deps.db, rawBody, raw, deps.invoices);
    case 'GET /invoice-requests':
      return ok({ requests: deps.invoices.all() });
    case 'POST /tokens/expire':
      return ok({ expired: deps.tokens.expireAll() });
    case 'GET /store':
      return ok({ storeId: readStoreId(deps.db), name: deps.storeName });
    case 'POST /store-id': {
      const body = parseJson(rawBody);
      const storeId = isObject(body) ? body.storeId : undefined;
      if (!isStoreId(storeId)) return { status: 400, body: { error: STORE_ID_RULE } };
      // Only the identity changes, the data stays: to a client, another store now answers at this URL.
      writeStoreId(deps.db, storeId);
      return ok({ storeId, name: deps.storeName });
    }
    case 'POST /reset':
      wipeSandboxDatabase(deps.db);
      deps.faults.clear();
      deps.resetStats();
      return ok({ ok: true, storeId: readStoreId(deps.db) });
    default:
      return { status: 404, body: { error: `no control route for ${route}` } };
  }
}

const ok = (body: unknown): ApiResponse => ({ status: 200, body });

function parseJson(raw: string): unknown {
  try {
    return raw ? (JSON.parse(raw) as unknown) : {};
  } catch {
    return undefined;
  }
}
