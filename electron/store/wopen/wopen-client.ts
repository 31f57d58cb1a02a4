import type { TestResult } from '../../../shared/test-result';
import type { CatalogName } from '../../../shared/catalogs';
import type { StoreOrder } from '../../erp/order-writer';
import type { InvoiceRequest } from '../../erp/invoice-writer';
import type {
  BatchResult,
  CatalogBatch,
  InvoiceResult,
  OrderCallOptions,
  PageOptions,
  PushBatchOptions,
  StoreClient,
  StoreCredentials,
  StoreIdentity,
  StorePage,
} from '../port';
import { StoreError } from '../port';
import { storeOrigin } from '../../../shared/store-url';
import { readCappedText } from './read-capped';
import { isRedirect, redirectMessage } from './redirects';
import { LIMITS } from './schemas/bounds';
import { PingSchema, TokenSchema } from './schemas/answer-schemas';
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
 * The Wopen store adapter (docs/wopen-api.md): authentication, ping, catalog batches and orders.
 * Invoices come with their issue.
 */
export class WopenClient implements StoreClient {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sender: BatchSender;
  private readonly orders: OrderCalls;
  /** Scheme, host and port of the store, normalized; every endpoint is built from it. */
  private readonly base: URL;

  constructor(
    private readonly credentials: StoreCredentials,
    options: WopenClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.base = apiBase(credentials.url);
    this.fetchImpl = options.fetchImpl ?? fetch;
    const shared = {
      endpoint: (path: string, query?: Record<string, string>) => this.endpoint(path, query),
      fetchImpl: this.fetchImpl,
      tokens: new TokenCache(() => this.issueToken()),
      timeoutMs: options.batchTimeoutMs ?? 30_000,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
    };
    this.sender = new BatchSender(shared, () => this.identityScope);
    this.orders = new OrderCalls(shared);
  }

  /** Part of every batch's Idempotency-Key: the origin, and the storeId once the store has said it. */
  private identityScope = '';

  async identify(opts: OrderCallOptions = {}): Promise<StoreIdentity> {
    const token = await this.authenticateOrThrow();
    const ping = await this.ping(token, opts.signal);
    const identity = { origin: this.base.origin, storeId: ping.storeId, name: ping.store?.name ?? null };
    this.identityScope = `${identity.origin}#${identity.storeId}`;
    return identity;
  }

  pendingOrders(opts: PageOptions = {}): Promise<StorePage<StoreOrder>> {
    return this.orders.pending(opts.limit ?? 50, opts.cursor, opts.signal);
  }

  ackOrder(
    orderId: string,
    ack: { erpFolio: string; erpDocumentId: string },
    opts: OrderCallOptions = {},
  ): Promise<void> {
    return this.orders.ack(orderId, ack.erpFolio, ack.erpDocumentId, opts.signal);
  }

  rejectOrder(orderId: string, reason: string, opts: OrderCallOptions = {}): Promise<void> {
    return this.orders.reject(orderId, reason, opts.signal);
  }

  pendingInvoiceRequests(opts: PageOptions = {}): Promise<StorePage<InvoiceRequest>> {
    return this.orders.pendingInvoices(opts.limit ?? 50, opts.cursor, opts.signal);
  }

  sendInvoiceResult(requestId: string, result: InvoiceResult, opts: OrderCallOptions = {}): Promise<void> {
    return this.orders.invoiceResult(requestId, result, opts.signal);
  }

  pushBatch(catalog: CatalogName, batch: CatalogBatch, opts: PushBatchOptions = {}): Promise<BatchResult> {
    return this.sender.push(catalog, batch, opts);
  }

  private endpoint(path: string, query?: Record<string, string>): URL {
    const url = new URL(this.base);
    url.pathname = `${this.base.pathname.replace(/\/+$/, '')}${API_PREFIX}${path}`;
    for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
    return url;
  }

  /** authenticate() with the same Spanish errors as the calls (identify runs before any other call). */
  private async authenticateOrThrow(): Promise<string> {
    try {
      return await this.authenticate();
    } catch (err) {
      if (err instanceof StoreError) throw err;
      if (err instanceof StoreAuthError)
        throw new StoreError('La tienda Wopen rechazó el Usuario o la Contraseña.', false, 401);
      if (err instanceof StoreNotWopenError)
        throw new StoreError('La URL responde, pero no parece una tienda CONTPAQi Wopen.', false, err.status);
      if (err instanceof StoreHttpError)
        throw new StoreError(
          `La tienda Wopen respondió con un error al iniciar sesión (HTTP ${err.status}).`,
          err.status >= 500 || err.status === 429,
          err.status,
        );
      throw new StoreError(describeFetchFailure(err, this.timeoutMs).message, true);
    }
  }

  private async ping(token: string, signal?: AbortSignal) {
    let res: Response;
    try {
      res = await this.fetchImpl(this.endpoint('/ping'), {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        redirect: 'manual',
        signal: signal
          ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)])
          : AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      throw new StoreError(describeFetchFailure(err, this.timeoutMs).message, true);
    }
    if (isRedirect(res.status) || !res.ok) await res.body?.cancel().catch(() => undefined);
    if (isRedirect(res.status)) throw new StoreError(redirectMessage(res), false, res.status);
    if (!res.ok)
      throw new StoreError(
        `La tienda Wopen respondió con un error a la verificación (HTTP ${res.status}).`,
        res.status >= 500 || res.status === 429,
        res.status,
      );
    const parsed = PingSchema.safeParse(await readJson(res, LIMITS.smallAnswerBytes));
    if (!parsed.success) {
      throw new StoreError(
        'La tienda Wopen no envió su identificador (storeId) al verificar la conexión; sin él no se puede saber a qué tienda se envían los datos.',
        false,
        res.status,
      );
    }
    return parsed.data;
  }

  async authenticate(): Promise<string> {
    return (await this.issueToken()).token;
  }

  private async issueToken(): Promise<IssuedToken> {
    const res = await this.fetchImpl(this.endpoint('/auth/token'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ usuario: this.credentials.user, contrasena: this.credentials.password }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) await res.body?.cancel().catch(() => undefined);
    if (isRedirect(res.status)) throw new StoreError(redirectMessage(res), false, res.status);
    if (res.status === 401 || res.status === 403) throw new StoreAuthError();
    if (res.status === 404) throw new StoreNotWopenError(res.status);
    if (!res.ok) throw new StoreHttpError(res.status);
    const body = TokenSchema.safeParse(await readJson(res, LIMITS.smallAnswerBytes));
    if (!body.success) throw new StoreNotWopenError(res.status);
    const { token, expiresIn } = body.data;
    return { token, ...(typeof expiresIn === 'number' ? { expiresIn } : {}) };
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
      const ping = await this.ping(token);
      const name = ping.store?.name ? ` «${ping.store.name}»` : '';
      return done(true, `Conexión exitosa con la tienda Wopen${name}.`);
    } catch (err) {
      if (err instanceof StoreError) return done(false, err.message);
      if (err instanceof StoreAuthError) {
        return done(false, 'La tienda Wopen rechazó el Usuario o la Contraseña.', [
          'Revise mayúsculas y minúsculas de la contraseña.',
          'Confirme que el usuario tenga permiso de integración en la tienda.',
        ]);
      }
      if (err instanceof StoreNotWopenError) {
        return done(false, 'La URL responde, pero no parece una tienda CONTPAQi Wopen.', [
          'Revise que la URL sea la de su tienda, por ejemplo https://mitienda.wopen.com.mx',
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

/** The stored URL without query, fragment or userinfo; its path is kept (a store may live under one). */
function apiBase(raw: string): URL {
  const url = new URL(storeOrigin(raw) ?? raw);
  const typed = new URL(raw);
  url.pathname = typed.pathname;
  return url;
}

/** JSON of a small answer, capped; null when it is not JSON or too large (the schema then refuses it). */
async function readJson(res: Response, maxBytes: number): Promise<unknown> {
  const text = await readCappedText(res, maxBytes).catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
