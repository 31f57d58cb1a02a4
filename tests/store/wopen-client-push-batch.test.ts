import { describe, expect, it } from 'vitest';
import { type CatalogBatch, StoreError } from '../../electron/store/port';
import { control, fastClient, fault, PASSWORD, records, sandbox, stats } from './sandbox-fixture';

const BATCH = '/catalogs/article-prices/batch';
const prices = (n: number, price = 10): CatalogBatch => ({
  upserts: Array.from({ length: n }, (_, i) => ({
    key: `P${i}`,
    data: { articleKey: `A${i}`, priceListKey: '1', currencyKey: 'MXN', price },
  })),
  deletes: [],
});

async function storeError(p: Promise<unknown>): Promise<StoreError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

/** Every batch request the sandbox saw, with the Idempotency-Key it carried. */
async function batchLog(sb: Awaited<ReturnType<typeof sandbox>>) {
  const { requests } = await control<{
    requests: { path: string; outcome: number | string; idempotencyKey?: string; fault?: string; replay?: boolean }[];
  }>(sb, '/requests');
  return requests.filter((r) => r.path.endsWith('/batch'));
}

describe('WopenClient.pushBatch against the sandbox', () => {
  it('retries a 500 with backoff and the same Idempotency-Key', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'status', status: 500, path: BATCH });
    const { client, sleeps } = fastClient(sb);
    expect(await client.pushBatch('article-prices', prices(3))).toEqual({ rejected: [] });
    expect(sleeps).toEqual([5]); // random 0.5 × base 10 ms: full jitter on the first retry
    const log = await batchLog(sb);
    expect(log.map((r) => r.outcome)).toEqual([500, 200]);
    expect(log[0]?.idempotencyKey).toMatch(/^[0-9a-f]{64}$/);
    expect(log[1]?.idempotencyKey).toBe(log[0]?.idempotencyKey);
    expect(await records(sb, 'article-prices')).toHaveLength(3);
  });

  it('waits what a 429 Retry-After says, in seconds or as an HTTP date, capped', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'status', status: 429, retryAfter: 7, path: BATCH });
    await fault(sb, {
      kind: 'status',
      status: 503,
      retryAfter: new Date(Date.now() + 3_600_000).toUTCString(),
      path: BATCH,
    });
    const { client, sleeps } = fastClient(sb, {
      retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 30_000 },
    });
    // The 429 is reported, so the engine sends fewer batches at once; a 503 alone is not a request to slow down.
    expect(await client.pushBatch('article-prices', prices(1))).toEqual({ rejected: [], throttled: true });
    expect(sleeps).toEqual([7_000, 30_000]);
    expect((await stats(sb)).batchCalls).toBe(3);
    await fault(sb, { kind: 'status', status: 503, path: BATCH });
    expect(await client.pushBatch('article-prices', prices(1))).toEqual({ rejected: [] });
  });

  it('retries a request that never answers (timeout)', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'hang', path: BATCH });
    const { client, sleeps } = fastClient(sb, { batchTimeoutMs: 500 });
    const started = Date.now();
    await client.pushBatch('article-prices', prices(2));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sleeps).toHaveLength(1);
    expect(await records(sb, 'article-prices')).toHaveLength(2);
  });

  it('applies once when the answer is lost after the store stored the batch (late answer, reset, bad JSON)', async () => {
    for (const spec of [{ kind: 'delay', delayMs: 5_000 }, { kind: 'reset', apply: true }, { kind: 'bad-json' }]) {
      const sb = await sandbox();
      await fault(sb, { ...spec, path: BATCH });
      const { client } = fastClient(sb, { batchTimeoutMs: 800 });
      const batch = prices(2);
      batch.upserts.push({ key: 'NEG', data: { articleKey: 'A', price: -5 } });
      // The replayed first response still carries the per-record rejection.
      expect(await client.pushBatch('article-prices', batch), spec.kind).toEqual({
        rejected: [{ key: 'NEG', message: 'price must be ≥ 0' }],
      });
      expect((await stats(sb)).catalogs['article-prices'], spec.kind).toMatchObject({
        calls: 2,
        applied: 1,
        replays: 1,
      });
      expect((await records(sb, 'article-prices')).map((r) => r.version)).toEqual([1, 1]);
    }
  });

  it('retries a connection reset before anything was stored', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'reset', path: BATCH });
    const { client, sleeps } = fastClient(sb);
    await client.pushBatch('article-prices', prices(1));
    expect(sleeps).toHaveLength(1);
    expect((await batchLog(sb)).map((r) => r.outcome)).toEqual(['reset', 200]);
  });

  it('times out a body that trickles past the timeout and retries', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'slow-body', chunkBytes: 2, chunkDelayMs: 100, path: BATCH });
    const { client, sleeps } = fastClient(sb, { batchTimeoutMs: 800 });
    expect(await client.pushBatch('article-prices', prices(1))).toEqual({ rejected: [] });
    expect(sleeps).toHaveLength(1);
    expect((await batchLog(sb)).map((r) => r.replay ?? false)).toEqual([false, true]);
  });

  it('gives up after the last attempt with a retryable StoreError in Spanish', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'status', status: 500, count: 10, path: BATCH });
    const { client, sleeps } = fastClient(sb);
    const err = await storeError(client.pushBatch('article-prices', prices(1)));
    expect(err).toMatchObject({ retryable: true, status: 500 });
    expect(err.message).toBe(
      'La tienda Wopen no aceptó el lote de Listas de precios del producto después de 4 intentos: la tienda respondió HTTP 500.',
    );
    expect(sleeps).toEqual([5, 10, 20]); // exponential ceilings 10, 20, 40 ms × random 0.5
    expect((await stats(sb)).batchCalls).toBe(4);
    expect(await records(sb, 'article-prices')).toEqual([]);
  });

  it('does not retry a malformed batch (400) or an idempotency conflict (422)', async () => {
    const sb = await sandbox();
    const { client, sleeps } = fastClient(sb);
    const bad = await storeError(client.pushBatch('articles', { upserts: [{ key: '', data: {} }], deletes: [] }));
    expect(bad).toMatchObject({ retryable: false, status: 400 });
    expect(bad.message).toMatch(
      /^La tienda Wopen rechazó el lote de Catálogos de artículos \(HTTP 400\): upserts\[0\]\.key/,
    );

    await fault(sb, { kind: 'status', status: 422, path: BATCH });
    expect(await storeError(client.pushBatch('article-prices', prices(1)))).toMatchObject({
      retryable: false,
      status: 422,
    });
    expect(sleeps).toEqual([]);
    expect((await stats(sb)).batchCalls).toBe(2);
  });

  it('authenticates again once when the token expires mid-session', async () => {
    const sb = await sandbox();
    const { client, sleeps } = fastClient(sb);
    await client.pushBatch('article-prices', prices(1));
    await control(sb, '/tokens/expire', {});
    await client.pushBatch('article-prices', prices(2));
    expect(sleeps).toEqual([]);
    expect((await stats(sb)).authCalls).toBe(2);
    expect((await batchLog(sb)).map((r) => r.outcome)).toEqual([200, 401, 200]);

    // A store that keeps answering 401 is not retried forever.
    await fault(sb, { kind: 'status', status: 401, count: 5, path: BATCH });
    expect(await storeError(client.pushBatch('article-prices', prices(3)))).toMatchObject({
      retryable: false,
      status: 401,
    });
    expect((await stats(sb)).authCalls).toBe(3);
  });

  it('shares one token between parallel pushes', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    await Promise.all(
      ['taxes', 'currencies', 'warehouses', 'salespeople'].map((c) =>
        client.pushBatch(c as 'taxes', { upserts: [{ key: '1', data: {} }], deletes: [] }),
      ),
    );
    expect((await stats(sb)).authCalls).toBe(1);
  });

  it('fails a wrong password at once, never echoing the password or the token', async () => {
    const sb = await sandbox();
    const { client, sleeps } = fastClient(sb, {}, 'mala-123');
    const err = await storeError(client.pushBatch('article-prices', prices(1)));
    expect(err).toMatchObject({
      retryable: false,
      status: 401,
      message: 'La tienda Wopen rechazó el Usuario o la Contraseña.',
    });
    expect(sleeps).toEqual([]);

    const ok = fastClient(sb).client;
    await fault(sb, { kind: 'status', status: 503, count: 10, path: BATCH });
    const failed = await storeError(ok.pushBatch('article-prices', prices(1)));
    const log = JSON.stringify(await control(sb, '/requests'));
    for (const text of [err.message, failed.message, String(err.stack), String(failed.stack)]) {
      expect(text).not.toContain('mala-123');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toMatch(/Bearer/);
    }
    expect(log).not.toContain(PASSWORD);
  });

  it('splits a batch the store finds too large (413) into halves', async () => {
    const sb = await sandbox({ maxBodyBytes: 2_500 });
    const { client } = fastClient(sb);
    const batch = prices(40);
    batch.deletes.push('OLD-1', 'OLD-2');
    expect(await client.pushBatch('article-prices', batch)).toEqual({ rejected: [] });
    expect(await records(sb, 'article-prices')).toHaveLength(40);
    const outcomes = (await batchLog(sb)).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 413).length).toBeGreaterThan(0);
    expect((await stats(sb)).recordsApplied).toBe(42);

    const tiny = await sandbox({ maxBodyBytes: 100 }); // fits the login, not one price record
    const err = await storeError(fastClient(tiny).client.pushBatch('article-prices', prices(1)));
    expect(err).toMatchObject({ retryable: false, status: 413 });
    expect(err.message).toMatch(/clave «P0»/);
  });

  it('sends more than 1,000 records as several batches', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    const batch = prices(2_300);
    batch.deletes.push('X1', 'X2');
    await client.pushBatch('article-prices', batch);
    expect((await stats(sb)).catalogs['article-prices']).toMatchObject({ calls: 3, upserts: 2_300, deletes: 2 });
  });

  it('applies identical content pushed again later (A → B → A is not answered with an old replay)', async () => {
    const sb = await sandbox();
    const { client } = fastClient(sb);
    await client.pushBatch('article-prices', prices(1, 10));
    await client.pushBatch('article-prices', prices(1, 11));
    await client.pushBatch('article-prices', prices(1, 10));
    expect((await records(sb, 'article-prices'))[0]?.data.price).toBe(10);
    // A caller that wants cross-call deduplication passes its own scope.
    await client.pushBatch('article-prices', prices(1, 12), { idempotencyScope: 'run-7/lote-1' });
    await client.pushBatch('article-prices', prices(1, 12), { idempotencyScope: 'run-7/lote-1' });
    expect((await stats(sb)).catalogs['article-prices']).toMatchObject({ applied: 4, replays: 1 });
  });

  it('stops at once when the caller cancels, even while waiting', async () => {
    const sb = await sandbox();
    await fault(sb, { kind: 'hang', path: BATCH });
    const { client } = fastClient(sb, { batchTimeoutMs: 10_000 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 100);
    const started = Date.now();
    await expect(client.pushBatch('article-prices', prices(1), { signal: ac.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(Date.now() - started).toBeLessThan(2_000);

    // Real (default) sleep, interrupted by the signal during a long Retry-After.
    await fault(sb, { kind: 'status', status: 429, retryAfter: 60, path: BATCH });
    const real = fastClient(sb, { sleep: undefined }).client;
    const ac2 = new AbortController();
    setTimeout(() => ac2.abort(), 100);
    await expect(real.pushBatch('article-prices', prices(1), { signal: ac2.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
