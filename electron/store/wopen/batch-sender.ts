import { randomUUID } from 'node:crypto';
import { CATALOG_LABELS, type CatalogName } from '../../../shared/catalogs';
import { type BatchResult, type CatalogBatch, StoreError } from '../port';
import { describeFetchFailure } from './fetch-errors';
import { batchIdempotencyKey } from './idempotency-key';
import { backoffDelayMs, isRetryableStatus, parseRetryAfterMs, type RetryOptions } from './retry-policy';
import type { TokenCache } from './token-cache';
import { StoreAuthError, StoreHttpError, StoreNotWopenError } from './wopen-http-errors';

export const MAX_BATCH_RECORDS = 1000;

export interface BatchSenderDeps {
  endpoint: (path: string) => string;
  fetchImpl: typeof fetch;
  tokens: TokenCache;
  /** Per HTTP request, response body included. */
  timeoutMs: number;
  retry: RetryOptions;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

/** What one HTTP try ended in. */
type Attempt =
  | { kind: 'done'; result: BatchResult }
  | { kind: 'too-large' }
  | { kind: 'unauthorized'; token: string }
  | { kind: 'transient'; reason: string; status?: number; retryAfterMs?: number };

/** `POST /catalogs/{catalog}/batch` with the retry rules of docs/wopen-api.md. */
export class BatchSender {
  constructor(private readonly deps: BatchSenderDeps) {}

  async push(catalog: CatalogName, batch: CatalogBatch, opts: { signal?: AbortSignal; idempotencyScope?: string }): Promise<BatchResult> {
    // One scope for the whole call: its retries and 413 halves reuse keys, a later call never replays this one.
    const scope = opts.idempotencyScope ?? randomUUID();
    const rejected: BatchResult['rejected'] = [];
    for (const chunk of chunks(batch, MAX_BATCH_RECORDS)) {
      rejected.push(...(await this.pushChunk(catalog, chunk, scope, opts.signal)).rejected);
    }
    return { rejected };
  }

  private async pushChunk(catalog: CatalogName, batch: CatalogBatch, scope: string, signal?: AbortSignal): Promise<BatchResult> {
    const label = CATALOG_LABELS[catalog];
    const body = JSON.stringify({ upserts: batch.upserts, deletes: batch.deletes });
    const key = batchIdempotencyKey(catalog, scope, body);
    const { attempts } = this.deps.retry;
    let reauthenticated = false;
    let last: Extract<Attempt, { kind: 'transient' }> = { kind: 'transient', reason: 'sin respuesta' };

    for (let attempt = 1; attempt <= attempts; attempt++) {
      const outcome = await this.attempt(catalog, label, body, key, signal);
      if (outcome.kind === 'done') return outcome.result;
      if (outcome.kind === 'too-large') return this.pushHalves(catalog, batch, scope, signal, label);
      if (outcome.kind === 'unauthorized') {
        // The token expired mid-session: authenticate again once, without spending an attempt.
        if (reauthenticated) throw new StoreError(`La tienda Wopen rechazó la sesión al enviar ${label} (HTTP 401).`, false, 401);
        reauthenticated = true;
        this.deps.tokens.invalidate(outcome.token);
        attempt--;
        continue;
      }
      last = outcome;
      if (attempt < attempts) {
        const wait = outcome.retryAfterMs ?? backoffDelayMs(attempt, this.deps.retry, this.deps.random);
        await this.deps.sleep(wait, signal);
        throwIfAborted(signal);
      }
    }
    throw new StoreError(
      `La tienda Wopen no aceptó el lote de ${label} después de ${attempts} intentos: ${last.reason}.`,
      true,
      last.status,
    );
  }

  private async attempt(catalog: CatalogName, label: string, body: string, key: string, signal?: AbortSignal): Promise<Attempt> {
    throwIfAborted(signal);
    let token: string;
    try {
      token = await this.deps.tokens.get();
    } catch (err) {
      return this.authFailure(err, signal);
    }
    const requestSignal = signal ? AbortSignal.any([signal, AbortSignal.timeout(this.deps.timeoutMs)]) : AbortSignal.timeout(this.deps.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.deps.fetchImpl(this.deps.endpoint(`/catalogs/${encodeURIComponent(catalog)}/batch`), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json',
          'idempotency-key': key,
        },
        body,
        signal: requestSignal,
      });
      text = await res.text(); // inside the try: a body that trickles past the timeout is a timeout too
    } catch (err) {
      throwIfAborted(signal);
      return { kind: 'transient', reason: lowerFirst(describeFetchFailure(err, this.deps.timeoutMs).message) };
    }

    if (res.status === 200) {
      const result = parseBatchResult(text);
      // A 200 we cannot read may or may not have been stored; the same key makes the retry safe.
      return result ? { kind: 'done', result } : { kind: 'transient', reason: 'la respuesta de la tienda no se pudo leer', status: 200 };
    }
    if (res.status === 401) return { kind: 'unauthorized', token };
    if (res.status === 413) return { kind: 'too-large' };
    if (isRetryableStatus(res.status)) {
      const retryAfterMs = parseRetryAfterMs(res.headers.get('retry-after'), this.deps.retry.maxRetryAfterMs);
      return { kind: 'transient', reason: `la tienda respondió HTTP ${res.status}`, status: res.status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
    }
    const detail = serverMessage(text);
    throw new StoreError(
      `La tienda Wopen rechazó el lote de ${label} (HTTP ${res.status})${detail ? `: ${detail}` : ''}. El lote no se reintentará.`,
      false,
      res.status,
    );
  }

  private authFailure(err: unknown, signal?: AbortSignal): Attempt {
    throwIfAborted(signal);
    if (err instanceof StoreAuthError) throw new StoreError('La tienda Wopen rechazó el Usuario o la Contraseña.', false, 401);
    if (err instanceof StoreNotWopenError) throw new StoreError('La URL responde, pero no parece una tienda CONTPAQi Wopen.', false, err.status);
    if (err instanceof StoreHttpError) {
      if (!isRetryableStatus(err.status)) throw new StoreError(`La tienda Wopen respondió con un error al iniciar sesión (HTTP ${err.status}).`, false, err.status);
      return { kind: 'transient', reason: `la tienda respondió HTTP ${err.status} al iniciar sesión`, status: err.status };
    }
    return { kind: 'transient', reason: lowerFirst(describeFetchFailure(err, this.deps.timeoutMs).message) };
  }

  /** 413: the store wants smaller batches; each half goes on its own (and may split again). */
  private async pushHalves(catalog: CatalogName, batch: CatalogBatch, scope: string, signal: AbortSignal | undefined, label: string): Promise<BatchResult> {
    const size = batch.upserts.length + batch.deletes.length;
    if (size <= 1) {
      const key = batch.upserts[0]?.key ?? batch.deletes[0] ?? '';
      throw new StoreError(`Un registro de ${label} (clave «${key}») es demasiado grande para la tienda Wopen (HTTP 413).`, false, 413);
    }
    const rejected: BatchResult['rejected'] = [];
    for (const half of chunks(batch, Math.ceil(size / 2))) {
      rejected.push(...(await this.pushChunk(catalog, half, scope, signal)).rejected);
    }
    return { rejected };
  }
}

/** Consecutive slices of at most `size` records, upserts first, keeping the caller's order. */
function* chunks(batch: CatalogBatch, size: number): Generator<CatalogBatch> {
  const total = batch.upserts.length + batch.deletes.length;
  if (total <= size) {
    yield batch;
    return;
  }
  for (let start = 0; start < total; start += size) {
    const end = start + size;
    const upserts = batch.upserts.slice(start, end);
    const deletes = batch.deletes.slice(Math.max(0, start - batch.upserts.length), Math.max(0, end - batch.upserts.length));
    yield { upserts, deletes };
  }
}

function parseBatchResult(text: string): BatchResult | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const rejected = (body as { rejected?: unknown } | null)?.rejected;
  if (!Array.isArray(rejected)) return undefined;
  const valid = rejected.every(
    (r: unknown) => typeof r === 'object' && r !== null && typeof (r as { key?: unknown }).key === 'string',
  );
  if (!valid) return undefined;
  return {
    rejected: (rejected as { key: string; message?: unknown }[]).map((r) => ({
      key: r.key,
      message: typeof r.message === 'string' ? r.message : 'rechazado por la tienda',
    })),
  };
}

/** The store's own `error` text, short: it helps support without dumping the body. */
function serverMessage(text: string): string | undefined {
  try {
    const e = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return typeof e === 'string' && e !== '' ? e.slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason;
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');
