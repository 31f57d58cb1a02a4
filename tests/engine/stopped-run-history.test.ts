import { describe, expect, it } from 'vitest';
import { consoleWithOneCompany } from '../helpers/fake-console';
import { RecordingStore } from '../helpers/memory-catalog-source';
import type { StoreIdentity } from '../../electron/store/port';

/** A store that answers its identification only when the run's signal aborts (the service stopping then). */
class SlowToIdentify extends RecordingStore {
  override async identify(o?: { signal?: AbortSignal }): Promise<StoreIdentity> {
    await new Promise<void>((_, reject) =>
      o?.signal?.addEventListener('abort', () => reject(new Error('The operation was aborted')), { once: true }),
    );
    throw new Error('unreachable');
  }
}

describe('a run stopped before its first catalog', () => {
  it('is closed in the history as Fallida, never left «En progreso»', async () => {
    const { c, scope } = await consoleWithOneCompany({ store: new SlowToIdentify() });
    const stop = new AbortController();
    const run = c.engine.run(scope, { trigger: 'automatic', signal: stop.signal });
    await new Promise((r) => setTimeout(r, 50));
    stop.abort();
    await expect(run).rejects.toThrow();
    expect(c.engine.lastRun(scope)).toMatchObject({
      state: 'failed',
      message: 'Fallida: la sincronización se detuvo.',
    });
    expect(c.engine.history.runningIds()).toEqual([]);
  });
});
