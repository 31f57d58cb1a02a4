import type { StoreOrder, StoreOrderLine } from '../../erp/order-writer';
import { StoreError } from '../port';
import { describeFetchFailure } from './fetch-errors';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, type RetryOptions } from './retry-policy';
import type { TokenCache } from './token-cache';
import { StoreAuthError, StoreHttpError, StoreNotWopenError } from './wopen-http-errors';

export interface OrderCallsDeps {
  endpoint: (path: string) => string;
  fetchImpl: typeof fetch;
  tokens: TokenCache;
  timeoutMs: number;
  retry: RetryOptions;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

type Attempt =
  | { kind: 'done'; status: number; body: unknown }
  | { kind: 'unauthorized'; token: string }
  | { kind: 'transient'; reason: string; status?: number; retryAfterMs?: number };

/**
 * The order endpoints of docs/wopen-api.md (pending, ack, reject) with the same retry and re-authentication
 * rules as the catalog batches. Ack and reject are idempotent in the store, so retrying them is safe.
 */
export class OrderCalls {
  constructor(private readonly deps: OrderCallsDeps) {}

  async pending(limit: number, signal?: AbortSignal): Promise<StoreOrder[]> {
    const body = await this.call('GET', `/orders/pending?limit=${limit}`, undefined, 'leer los pedidos pendientes', signal);
    const orders = (body as { orders?: unknown } | null)?.orders;
    if (!Array.isArray(orders)) throw new StoreError('La tienda Wopen respondió a los pedidos pendientes con un formato desconocido.', true, 200);
    return orders.map(toStoreOrder);
  }

  async ack(orderId: string, erpFolio: string, erpDocumentId: string, signal?: AbortSignal): Promise<void> {
    await this.call('POST', `/orders/${encodeURIComponent(orderId)}/ack`, { erpFolio, erpDocumentId }, `confirmar el pedido ${orderId}`, signal);
  }

  async reject(orderId: string, reason: string, signal?: AbortSignal): Promise<void> {
    await this.call('POST', `/orders/${encodeURIComponent(orderId)}/reject`, { reason }, `rechazar el pedido ${orderId}`, signal);
  }

  private async call(method: 'GET' | 'POST', path: string, body: unknown, what: string, signal?: AbortSignal): Promise<unknown> {
    const { attempts } = this.deps.retry;
    let reauthenticated = false;
    let last: Extract<Attempt, { kind: 'transient' }> = { kind: 'transient', reason: 'sin respuesta' };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.attempt(method, path, body, what, signal);
      if (outcome.kind === 'done') return outcome.body;
      if (outcome.kind === 'unauthorized') {
        if (reauthenticated) throw new StoreError(`La tienda Wopen rechazó la sesión al ${what} (HTTP 401).`, false, 401);
        reauthenticated = true;
        this.deps.tokens.invalidate(outcome.token);
        attempt--;
        continue;
      }
      last = outcome;
      if (attempt < attempts) {
        await this.deps.sleep(outcome.retryAfterMs ?? backoffDelayMs(attempt, this.deps.retry, this.deps.random), signal);
        if (signal?.aborted) throw signal.reason;
      }
    }
    throw new StoreError(`La tienda Wopen no respondió al ${what} después de ${attempts} intentos: ${last.reason}.`, true, last.status);
  }

  private async attempt(method: string, path: string, body: unknown, what: string, signal?: AbortSignal): Promise<Attempt> {
    if (signal?.aborted) throw signal.reason;
    let token: string;
    try {
      token = await this.deps.tokens.get();
    } catch (err) {
      if (err instanceof StoreAuthError) throw new StoreError('La tienda Wopen rechazó el Usuario o la Contraseña.', false, 401);
      if (err instanceof StoreNotWopenError) throw new StoreError('La URL responde, pero no parece una tienda CONTPAQi Wopen.', false, err.status);
      if (err instanceof StoreHttpError && !isRetryableStatus(err.status)) {
        throw new StoreError(`La tienda Wopen respondió con un error al iniciar sesión (HTTP ${err.status}).`, false, err.status);
      }
      if (signal?.aborted) throw signal.reason;
      return { kind: 'transient', reason: err instanceof StoreHttpError ? `HTTP ${err.status} al iniciar sesión` : describeFetchFailure(err, this.deps.timeoutMs).message };
    }
    const timeout = AbortSignal.timeout(this.deps.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.deps.fetchImpl(this.deps.endpoint(path), {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await res.text();
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      return { kind: 'transient', reason: describeFetchFailure(err, this.deps.timeoutMs).message.replace(/\.$/, '') };
    }
    if (res.status === 401) return { kind: 'unauthorized', token };
    if (res.ok) {
      try {
        return { kind: 'done', status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
      } catch {
        return { kind: 'transient', reason: 'la respuesta de la tienda no se pudo leer', status: res.status };
      }
    }
    if (isRetryableStatus(res.status)) {
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), this.deps.retry.maxRetryAfterMs);
      return { kind: 'transient', reason: `la tienda respondió HTTP ${res.status}`, status: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    const detail = serverMessage(text);
    throw new StoreError(`La tienda Wopen no permitió ${what} (HTTP ${res.status})${detail ? `: ${detail}` : ''}.`, false, res.status);
  }
}

function serverMessage(text: string): string | undefined {
  try {
    const e = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return typeof e === 'string' && e !== '' ? e.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The store's JSON as a StoreOrder; values are passed as sent (the ERP writer validates and rejects). */
function toStoreOrder(raw: unknown): StoreOrder {
  const o = (raw ?? {}) as Record<string, unknown>;
  const lines = Array.isArray(o.lines) ? (o.lines as Record<string, unknown>[]) : [];
  return {
    id: str(o.id),
    kind: o.kind === 'cotizacion' ? 'cotizacion' : 'pedido',
    createdAt: str(o.createdAt),
    customerKey: str(o.customerKey),
    currency: str(o.currency) || 'MXN',
    lines: lines.map((l): StoreOrderLine => ({
      articleKey: str(l.articleKey),
      quantity: num(l.quantity),
      unitPrice: num(l.unitPrice),
      ...(l.discountPercent == null ? {} : { discountPercent: num(l.discountPercent) }),
      ...(typeof l.notes === 'string' && l.notes !== '' ? { notes: l.notes } : {}),
    })),
    freight: o.freight == null ? 0 : num(o.freight),
    ...(typeof o.notes === 'string' && o.notes !== '' ? { notes: o.notes } : {}),
    ...(typeof o.rfc === 'string' && o.rfc !== '' ? { rfc: o.rfc } : {}),
  };
}
