import { describe, expect, it } from 'vitest';
import { BatchPusher, MAX_IN_FLIGHT } from '../../electron/engine/batch-pusher';
import { SyncStateRepo } from '../../electron/engine/sync-state-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import { StoreError, type BatchResult, type CatalogBatch, type StoreClient } from '../../electron/store/port';

/**
 * The window of batches in flight: several at once to hide a distant store's latency, never more than the window,
 * halved by a 429 and grown back by calm answers; only what the store accepted is recorded as pushed.
 */
interface Pending {
  batch: CatalogBatch;
  answer: (r: BatchResult) => void;
  fail: (e: unknown) => void;
}

/** A store whose answers the test gives by hand, counting how many batches it holds at once. */
function handStore() {
  const pending: Pending[] = [];
  let open = 0;
  let most = 0;
  const store = {
    pushBatch: (_catalog: string, batch: CatalogBatch) =>
      new Promise<BatchResult>((resolve, reject) => {
        open++;
        most = Math.max(most, open);
        const settle =
          <T>(f: (v: T) => void) =>
          (v: T) => {
            open--;
            f(v);
          };
        pending.push({ batch, answer: settle(resolve), fail: settle(reject) });
      }),
  } as unknown as StoreClient;
  return { store, pending, open: () => open, most: () => most };
}

function setup(maxInFlight?: number) {
  const db = openSettingsDatabase(':memory:');
  db.prepare(
    "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
  ).run();
  const state = new SyncStateRepo(db);
  const hand = handStore();
  const scope = { connectionId: 1, companyId: '1' };
  const pusher = new BatchPusher({
    scope,
    catalog: 'articles',
    store: hand.store,
    state,
    batchSize: 2,
    onRecordError: () => undefined,
    ...(maxInFlight ? { maxInFlight } : {}),
  });
  const recorded = () => [...state.blockHashes(scope, 'articles', 0).keys()].sort();
  return { pusher, hand, recorded };
}

const tick = () => new Promise((r) => setImmediate(r));

/** Queues `n` records (two per batch) without waiting: returns the promise of the whole queueing. */
function queue(pusher: BatchPusher, from: number, n: number) {
  return (async () => {
    for (let i = from; i < from + n; i++) await pusher.upsert({ key: `k${i}`, block: 0, data: { i }, hash: `h${i}` });
  })();
}

describe('BatchPusher window', () => {
  it(`keeps up to ${MAX_IN_FLIGHT} batches in flight, never more, and waits for all of them at the end`, async () => {
    const t = setup();
    const queued = queue(t.pusher, 0, 20); // 10 batches
    await tick();
    expect(t.hand.open()).toBe(MAX_IN_FLIGHT);
    // The reader waits: the next batch is held until one answer comes back.
    expect(t.hand.pending).toHaveLength(MAX_IN_FLIGHT);
    for (let i = 0; i < 10; i++) {
      const next = t.hand.pending[i];
      if (!next) throw new Error(`batch ${i} was never sent`);
      next.answer({ rejected: [] });
      await tick();
    }
    await queued;
    await t.pusher.finish();
    expect(t.hand.most()).toBe(MAX_IN_FLIGHT);
    expect(t.pusher.counts.pushed).toBe(20);
    expect(t.recorded()).toHaveLength(20);
  });

  it('a 429 halves the window down to one; calm answers grow it back', async () => {
    const t = setup(4);
    const queued = queue(t.pusher, 0, 80); // 40 batches
    const answered = new Set<Pending>();
    const answerOldest = async (r: BatchResult) => {
      const p = t.hand.pending.find((x) => !answered.has(x));
      if (!p) throw new Error('nothing in flight');
      answered.add(p);
      p.answer(r);
      await tick();
    };
    await tick();
    expect(t.hand.open()).toBe(4);
    await answerOldest({ rejected: [], throttled: true });
    expect(t.pusher.window).toBe(2);
    // The other batches sent before the halving report the same slowdown: no second halving for them.
    await answerOldest({ rejected: [], throttled: true });
    await answerOldest({ rejected: [], throttled: true });
    await answerOldest({ rejected: [], throttled: true });
    expect(t.pusher.window).toBe(2);
    // A batch sent after the halving that still gets a 429 halves again.
    await answerOldest({ rejected: [], throttled: true });
    expect(t.pusher.window).toBe(1);
    await answerOldest({ rejected: [], throttled: true });
    expect(t.pusher.window).toBe(1);
    // The ones already sent drain; no new one goes out while one is in flight.
    while (t.hand.open() > 1) await answerOldest({ rejected: [] });
    expect(t.hand.open()).toBe(1);
    // Calm answers: back to 4, one step at a time.
    for (let i = 0; i < 40 && t.pusher.window < 4; i++) await answerOldest({ rejected: [] });
    expect(t.pusher.window).toBe(4);
    while (answered.size < 40) await answerOldest({ rejected: [] });
    await queued;
    await t.pusher.finish();
    expect(t.pusher.counts.pushed).toBe(80);
  });

  it('a failed batch: nothing more is sent, the others in flight still count, only accepted records are recorded', async () => {
    const t = setup(3);
    const queued = queue(t.pusher, 0, 12).catch((e: unknown) => e);
    await tick();
    expect(t.hand.open()).toBe(3);
    const [first, second, third] = t.hand.pending;
    second!.fail(new StoreError('La tienda no respondió.', true, 503));
    await tick();
    expect(await queued).toBeInstanceOf(StoreError);
    // finish() waits for the batches still in flight, so nothing is recorded after the outcome is built.
    let settled = false;
    const finished = t.pusher.finish().then(
      () => (settled = true),
      (e: unknown) => {
        settled = true;
        return e;
      },
    );
    await tick();
    expect(settled).toBe(false);
    first!.answer({ rejected: [] });
    third!.answer({ rejected: [{ key: 'k5', message: 'precio inválido' }] });
    expect(String(await finished)).toContain('La tienda no respondió.');
    expect(t.hand.pending).toHaveLength(3);
    expect(t.recorded()).toEqual(['k0', 'k1', 'k4']);
    expect(t.pusher.counts).toEqual({ pushed: 3, deleted: 0, failed: 3 });
  });
});
