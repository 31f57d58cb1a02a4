import type { TestResult } from '../../../shared/ipc-contract';
import type { CatalogName } from '../../../shared/catalogs';
import type { StoreOrder } from '../../erp/order-writer';
import type { InvoiceRequest } from '../../erp/invoice-writer';
import type { BatchResult, CatalogBatch, InvoiceResult, OrderCallOptions, PushBatchOptions, StoreClient, StoreCredentials } from '../port';
import { abortableSleep } from './abortable-sleep';
import { BatchSender } from './batch-sender';
import { describeFetchFailure } from './fetch-errors';
import { OrderCalls } from './order-calls';
import { DEFAULT_RETRY, type RetryOptions } from './retry-policy';
import { type IssuedToken, TokenCache } from './token-cache';
import { StoreAuthError, StoreHttpError, StoreNotWopenError } from './wopen-http-errors';

const API_PREFIX = '/api/sync/v1';

export interface WopenClientOptions {
  /** Authentication and ping. */
  timeoutMs?: number;
  /** Each batch request, response body included (default 30 s). */
  batchTimeoutMs?: number;
  retry?: Partial<RetryOptions>;
  fetchImpl?: typeof fetch;
  /** Tests inject these to make backoff instant and observable. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * The Wopen store adapter (docs/wopen-api.md): authentication, ping, catalog batches and orders (issue 5).
 * Invoices come with their issue.
 */
export class WopenClient implements StoreClient {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sender: BatchSender;
  private readonly orders: OrderCalls;

  constructor(
    private readonly credentials: StoreCredentials,
    options: WopenClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.fetchImpl = options.fetchImpl ?? fetch;
    const shared = {
      endpoint: (path: string) => this.endpoint(path),
      fetchImpl: this.fetchImpl,
      tokens: new TokenCache(() => this.issueToken()),
      timeoutMs: options.batchTimeoutMs ?? 30_000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
    };
    this.sender = new BatchSender(shared);
    this.orders = new OrderCalls(shared);
  }

  pendingOrders(opts: OrderCallOptions & { limit?: number } = {}): Promise<StoreOrder[]> {
    return this.orders.pending(opts.limit ?? 50, opts.signal);
  }

  ackOrder(orderId: string, ack: { erpFolio: string; erpDocumentId: string }, opts: OrderCallOptions = {}): Promise<void> {
    return this.orders.ack(orderId, ack.erpFolio, ack.erpDocumentId, opts.signal);
  }

  rejectOrder(orderId: string, reason: string, opts: OrderCallOptions = {}): Promise<void> {
    return this.orders.reject(orderId, reason, opts.signal);
  }

  pendingInvoiceRequests(opts: OrderCallOptions = {}): Promise<InvoiceRequest[]> {
    return this.orders.pendingInvoices(opts.signal);
  }

  sendInvoiceResult(requestId: string, result: InvoiceResult, opts: OrderCallOptions = {}): Promise<void> {
    return this.orders.invoiceResult(requestId, result, opts.signal);
  }

  pushBatch(catalog: CatalogName, batch: CatalogBatch, opts: PushBatchOptions = {}): Promise<BatchResult> {
    return this.sender.push(catalog, batch, opts);
  }

  private endpoint(path: string): string {
    return `${this.credentials.url.replace(/\/+$/, '')}${API_PREFIX}${path}`;
  }

  async authenticate(): Promise<string> {
    return (await this.issueToken()).token;
  }

  private async issueToken(): Promise<IssuedToken> {
    const res = await this.fetchImpl(this.endpoint('/auth/token'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ usuario: this.credentials.user, contrasena: this.credentials.password }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (res.status === 401 || res.status === 403) throw new StoreAuthError();
    if (res.status === 404) throw new StoreNotWopenError(res.status);
    if (!res.ok) throw new StoreHttpError(res.status);
    const body = (await res.json().catch(() => null)) as { token?: unknown; expiresIn?: unknown } | null;
    if (!body || typeof body.token !== 'string') throw new StoreNotWopenError(res.status);
    return { token: body.token, ...(typeof body.expiresIn === 'number' ? { expiresIn: body.expiresIn } : {}) };
  }

  async testConnection(): Promise<TestResult> {
    const started = Date.now();
    const done = (ok: boolean, message: string, hints: string[] = []): TestResult => ({
      ok,
      message,
      hints,
      elapsedMs: Date.now() - started,
    });
    try {
      const token = await this.authenticate();
      const res = await this.fetchImpl(this.endpoint('/ping'), {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) throw new StoreHttpError(res.status);
      const body = (await res.json().catch(() => null)) as { store?: { name?: unknown } } | null;
      const name = typeof body?.store?.name === 'string' ? ` «${body.store.name}»` : '';
      return done(true, `Conexión exitosa con la tienda Wopen${name}.`);
    } catch (err) {
      if (err instanceof StoreAuthError) {
        return done(false, 'La tienda Wopen rechazó el Usuario o la Contraseña.', [
          'Revise mayúsculas y minúsculas de la contraseña.',
          'Confirme que el usuario tenga permiso de integración en la tienda.',
        ]);
      }
      if (err instanceof StoreNotWopenError) {
        return done(false, 'La URL responde, pero no parece una tienda CONTPAQi Wopen.', [
          'Revise que la URL sea la de su tienda, por ejemplo https://mitienda.wopen.mx',
          'No agregue rutas adicionales después del dominio.',
        ]);
      }
      if (err instanceof StoreHttpError) {
        return done(false, `La tienda Wopen respondió con un error (HTTP ${err.status}).`, [
          'Intente de nuevo en unos minutos; si persiste, contacte al soporte de Wopen.',
        ]);
      }
      const failure = describeFetchFailure(err, this.timeoutMs);
      return done(false, failure.message, failure.hints);
    }
  }
}
