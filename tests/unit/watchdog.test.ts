import { describe, expect, it } from 'vitest';
import { eachUntilAborted, RunStalledError, untilAborted, Watchdog } from '../../electron/engine/watchdog';
import { watchedStore } from '../../electron/engine/watched-store';
import { RecordingStore } from '../helpers/memory-catalog-source';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Watchdog', () => {
  it('aborts with RunStalledError only after stallMs without a touch', async () => {
    const stalls: RunStalledError[] = [];
    const dog = new Watchdog(300, undefined, (e) => stalls.push(e));
    for (let i = 0; i < 6; i++) {
      await sleep(100);
      dog.touch(); // 600 ms in all, never 300 ms idle
    }
    expect(dog.signal.aborted).toBe(false);
    await sleep(450);
    expect(dog.signal.aborted).toBe(true);
    expect(dog.stalled).toBeInstanceOf(RunStalledError);
    expect(stalls).toHaveLength(1);
    expect(dog.stalled?.message).toMatch(/^La sincronización se detuvo porque no avanzó en 1 s /);
    expect(new RunStalledError(15 * 60_000).message).toContain('no avanzó en 15 min.');
  });

  it("passes the caller's own abort through, and is not a stall", async () => {
    const parent = new AbortController();
    const dog = new Watchdog(10_000, parent.signal);
    parent.abort(new Error('detenido'));
    expect(dog.signal.aborted).toBe(true);
    expect((dog.signal.reason as Error).message).toBe('detenido');
    expect(dog.stalled).toBeNull();
  });

  it('untilAborted stops waiting at once; eachUntilAborted abandons a step that never ends', async () => {
    const never = new Promise<number>(() => undefined);
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(new RunStalledError(1000)), 50);
    await expect(untilAborted(never, ctrl.signal)).rejects.toBeInstanceOf(RunStalledError);

    async function* rows() {
      yield 1;
      await never;
      yield 2;
    }
    const ctrl2 = new AbortController();
    const seen: number[] = [];
    setTimeout(() => ctrl2.abort(new RunStalledError(1000)), 50);
    await expect(
      (async () => {
        for await (const r of eachUntilAborted(rows(), ctrl2.signal)) seen.push(r);
      })(),
    ).rejects.toBeInstanceOf(RunStalledError);
    expect(seen).toEqual([1]);
  });

  it('a store that answers counts as progress, accepted or refused', async () => {
    const store = new RecordingStore();
    let touches = 0;
    const watched = watchedStore(store, () => touches++);
    await watched.pushBatch('taxes', { upserts: [{ key: '1', data: { name: 'IVA' } }], deletes: [] });
    store.failBatchesFrom = 0;
    await expect(watched.pushBatch('taxes', { upserts: [], deletes: ['1'] })).rejects.toThrow(/503/);
    expect(touches).toBe(2);
  });
});
