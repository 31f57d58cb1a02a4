import { randomUUID } from 'node:crypto';
import { CATALOG_LABELS, type CatalogName } from '../../../shared/catalogs';
import { type BatchResult, type CatalogBatch, StoreError } from '../port';
import { batchIdempotencyKey } from './idempotency-key';
import { BatchResultSchema } from './schemas/answer-schemas';
import { LIMITS } from './schemas/bounds';
import {
  sendWithToken,
  serverMessage,
  transientStatus,
  withRetries,
  type CallDeps,
  type Outcome,
} from './authorized-call';

export const MAX_BATCH_RECORDS = 1000;

export type BatchSenderDeps = CallDeps;

/** `POST /catalogs/{catalog}/batch` with the retry rules of docs/wopen-api.md. */
export class BatchSender {
  constructor(
    private readonly deps: BatchSenderDeps,
    /** The store identity (origin#storeId) once known: keys never collide across stores. */
    private readonly identityScope: () => string = () => '',
  ) {}

  async push(
    catalog: CatalogName,
    batch: CatalogBatch,
    opts: { signal?: AbortSignal; idempotencyScope?: string },
  ): Promise<BatchResult> {
    // One scope for the whole call: its retries and 413 halves reuse keys, a later call never replays this one.
    const scope = opts.idempotencyScope ?? randomUUID();
    const rejected: BatchResult['rejected'] = [];
    let throttled = false;
    for (const chunk of chunks(batch, MAX_BATCH_RECORDS)) {
      const result = await this.pushChunk(catalog, chunk, scope, opts.signal);
      rejected.push(...result.rejected);
      throttled ||= result.throttled === true;
    }
    return throttled ? { rejected, throttled } : { rejected };
  }

  private async pushChunk(
    catalog: CatalogName,
    batch: CatalogBatch,
    scope: string,
    signal?: AbortSignal,
  ): Promise<BatchResult> {
    const label = CATALOG_LABELS[catalog];
    const body = JSON.stringify({ upserts: batch.upserts, deletes: batch.deletes });
    const key = batchIdempotencyKey(catalog, `${this.identityScope()}\n${scope}`, body);
    let throttled = false;
    const result = await withRetries<BatchResult | 'too-large'>(
      this.deps,
      async () => {
        const outcome = await this.attempt(catalog, label, body, key, signal);
        if (outcome.kind === 'transient' && outcome.status === 429) throttled = true;
        return outcome;
      },
      {
        sessionRejected: `La tienda Wopen rechazó la sesión al enviar ${label} (HTTP 401).`,
        gaveUp: (attempts, last) =>
          `La tienda Wopen no aceptó el lote de ${label} después de ${attempts} intentos: ${last.reason}.`,
      },
      signal,
    );
    const done = result === 'too-large' ? await this.pushHalves(catalog, batch, scope, signal, label) : result;
    return throttled ? { ...done, throttled: true } : done;
  }

  private async attempt(
    catalog: CatalogName,
    label: string,
    body: string,
    key: string,
    signal?: AbortSignal,
  ): Promise<Outcome<BatchResult | 'too-large'>> {
    const sent = await sendWithToken(
      this.deps,
      {
        method: 'POST',
        path: `/catalogs/${encodeURIComponent(catalog)}/batch`,
        body,
        headers: { 'idempotency-key': key },
        maxBytes: LIMITS.batchResultBytes,
      },
      signal,
    );
    if (sent.kind === 'transient') return sent;
    const { res, text, token } = sent;
    if (res.status === 200) {
      const result = parseBatchResult(text, body);
      // A 200 we cannot read may or may not have been stored; the same key makes the retry safe.
      return result
        ? { kind: 'done', value: result }
        : { kind: 'transient', reason: 'la respuesta de la tienda no se pudo leer', status: 200 };
    }
    if (res.status === 401) return { kind: 'unauthorized', token };
    if (res.status === 413) return { kind: 'done', value: 'too-large' };
    const transient = transientStatus(this.deps, res);
    if (transient) return transient;
    const detail = serverMessage(text);
    throw new StoreError(
      `La tienda Wopen rechazó el lote de ${label} (HTTP ${res.status})${detail ? `: ${detail}` : ''}. El lote no se reintentará.`,
      false,
      res.status,
    );
  }

  /** 413: the store wants smaller batches; each half goes on its own (and may split again). */
  private async pushHalves(
    catalog: CatalogName,
    batch: CatalogBatch,
    scope: string,
    signal: AbortSignal | undefined,
    label: string,
  ): Promise<BatchResult> {
    const size = batch.upserts.length + batch.deletes.length;
    if (size <= 1) {
      const key = batch.upserts[0]?.key ?? batch.deletes[0] ?? '';
      throw new StoreError(
        `Un registro de ${label} (clave «${key}») es demasiado grande para la tienda Wopen (HTTP 413).`,
        false,
        413,
      );
    }
    const rejected: BatchResult['rejected'] = [];
    let throttled = false;
    for (const half of chunks(batch, Math.ceil(size / 2))) {
      const result = await this.pushChunk(catalog, half, scope, signal);
      rejected.push(...result.rejected);
      throttled ||= result.throttled === true;
    }
    return throttled ? { rejected, throttled } : { rejected };
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
    const deletes = batch.deletes.slice(
      Math.max(0, start - batch.upserts.length),
      Math.max(0, end - batch.upserts.length),
    );
    yield { upserts, deletes };
  }
}

/** The 200 answer, strictly (docs/wopen-api.md): every rejected key must be one the batch sent. */
function parseBatchResult(text: string, sentBody: string): BatchResult | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = BatchResultSchema.safeParse(body);
  if (!parsed.success) return undefined;
  if (parsed.data.rejected.length > 0) {
    const sent = JSON.parse(sentBody) as CatalogBatch;
    const keys = new Set([...sent.upserts.map((u) => u.key), ...sent.deletes]);
    if (!parsed.data.rejected.every((r) => keys.has(r.key))) return undefined;
  }
  return { rejected: parsed.data.rejected };
}
