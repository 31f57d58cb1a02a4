import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { engineHostDeps, openConsole } from '../../electron/hosting/compose';
import { EngineHost } from '../../electron/hosting/engine-host';
import { EngineLease } from '../../electron/hosting/engine-lease';
import { withLease } from '../../electron/cli/commands-sync';
import { CliError, EXIT } from '../../electron/cli/cli-io';
import { FakeErp } from '../helpers/fake-erp';
import { tempDir } from '../helpers/temp-dir';
import { consoleWithOneCompany } from '../helpers/fake-console';
import { RecordingStore } from '../helpers/memory-catalog-source';
import type { CatalogName } from '../../shared/catalogs';
import type { CatalogBatch } from '../../electron/store/port';

/** A store whose first batch waits until the test opens the gate (a slow store mid-run). */
class GatedStore extends RecordingStore {
  waiting = false;
  private release: () => void = () => undefined;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  open(): void {
    this.release();
  }
  override async pushBatch(catalog: CatalogName, batch: CatalogBatch) {
    this.waiting = true;
    await this.gate;
    return super.pushBatch(catalog, batch);
  }
}

const consoleAt = () =>
  openConsole({ databasePath: path.join(tempDir(), 'w.sqlite'), version: 't', erpFactory: new FakeErp().factory });

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the engine lease when the settings database misbehaves', () => {
  it('a console that loses the lease stops its manual runs after the current batch', async () => {
    const { c, scope, erp, store } = await consoleWithOneCompany({ store: new GatedStore() });
    // Taxes go first: the run is held in their batch, so the articles come after the stop.
    erp.source('1').set('taxes', 1, { name: 'IVA 16%', rate: 16 });
    for (let i = 1; i <= 30; i++) erp.source('1').set('articles', i, { code: `A${i}`, name: `Artículo ${i}` });
    const finished: string[] = [];
    c.sync.onRunFinished((v) => finished.push(v.state));
    expect(c.sync.syncNow(scope).started).toBe(true);
    await vi.waitFor(() => expect(store.waiting).toBe(true));
    const stopping = c.sync.stopManualRuns();
    store.open();
    await stopping;
    expect(finished).toHaveLength(1);
    expect(finished[0]).not.toBe('success');
    expect(store.active('taxes')).toEqual(['1']);
    expect(store.active('articles')).toEqual([]);
    expect(c.engine.isRunning(scope)).toBe(false);
    c.close();
  });

  it('a console whose first lease attempt fails (SQLITE_BUSY) keeps polling and becomes the owner', async () => {
    const c = consoleAt();
    vi.spyOn(EngineLease.prototype, 'tryAcquire').mockImplementationOnce(() => {
      throw new Error('SQLITE_BUSY: database is locked');
    });
    const logged: string[] = [];
    const host = new EngineHost({
      ...engineHostDeps(c),
      kind: 'console',
      version: 't',
      standby: true,
      pollMs: 20,
      log: (e) => logged.push(e),
    });
    expect(host.start()).toBeNull();
    expect(host.role).toBe('none');
    await vi.waitFor(() => expect(host.role).toBe('owner'), { timeout: 2000 });
    expect(logged).toContain('host.error');
    await host.stop();
    c.close();
  });

  it('a service (no standby) whose first attempt fails says so instead of running without the lease', () => {
    const c = consoleAt();
    vi.spyOn(EngineLease.prototype, 'tryAcquire').mockImplementationOnce(() => {
      throw new Error('SQLITE_BUSY: database is locked');
    });
    const host = new EngineHost({ ...engineHostDeps(c), kind: 'service', version: 't', standby: false });
    expect(() => host.start()).toThrow('SQLITE_BUSY');
    c.close();
  });

  it('sync --once stops and exits 3 when another process takes its lease during the pass', async () => {
    const c = consoleAt();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    vi.spyOn(EngineLease.prototype, 'renew').mockReturnValue(false);
    let sawAbort = false;
    const pass = withLease(c, async (signal) => {
      vi.advanceTimersByTime(60 * 60_000);
      sawAbort = signal.aborted;
    });
    await expect(pass).rejects.toEqual(
      new CliError(
        'Otro proceso tomó la sincronización de esta base de datos durante la pasada; esta se detuvo.',
        EXIT.busy,
      ),
    );
    expect(sawAbort).toBe(true);
    c.close();
  });
});
