import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { engineHostDeps, openConsole } from '../../electron/hosting/compose';
import { EngineHost } from '../../electron/hosting/engine-host';
import type { RunView } from '../../shared/ipc-contract';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { ServiceProcess, wopenSync } from '../helpers/service-process';
import { settingsWithMicrosipCompany } from '../helpers/service-settings';
import { control, fault, records, sandbox, stats } from '../store/sandbox-fixture';
import { tempDir } from '../helpers/temp-dir';

/**
 * Issue 6 with real processes: the built `wopen-sync run` as the service, against real Firebird and the
 * sandbox over HTTP, sharing one settings database with other processes.
 */

const COMPANIES: FixtureCompany[] = [
  { id: 4, shortName: 'SERVICIO “ÑANDÚ”', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const microsip = useMicrosipFixture('service-processes', COMPANIES);

const children: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop('SIGKILL')));
});

function service(db: string, ...args: string[]): ServiceProcess {
  const child = new ServiceProcess(['--db', db, 'run', ...args]);
  children.push(child);
  return child;
}

/** A settings database with the Microsip company configured for the sandbox, through the built CLI. */
async function setup(period = 30) {
  const store = await sandbox();
  const db = await settingsWithMicrosipCompany({ microsip, storeUrl: store.url, companyId: '4', period: period });
  const sql = (q: string, ...p: unknown[]) => {
    const h = new Database(db, { readonly: true });
    try {
      return h.prepare(q).all(...p) as Record<string, unknown>[];
    } finally {
      h.close();
    }
  };
  return { store, db, sql };
}

describe('one engine per settings database (two real processes)', () => {
  it('refuses a second engine, then takes over at once when the holder is killed', async () => {
    const t = await setup();
    const first = service(t.db, '--tick', '0.2');
    await first.waitForEvent('lease.acquired');

    const second = await wopenSync(['--db', t.db, 'run', '--tick', '0.2']);
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(
      `La sincronización la ejecuta el servicio (proceso ${first.pid} en ${os.hostname()})`,
    );
    expect(second.stdout).toContain('"event":"service.refused"');

    const oneShot = await wopenSync(['--db', t.db, 'sync', '--once']);
    expect(oneShot.code).toBe(3);
    expect(oneShot.stderr).toMatch(/^No se sincronizó: La sincronización la ejecuta el servicio/);

    const standby = service(t.db, '--tick', '0.2', '--standby');
    await standby.waitForEvent('service.standby');
    await first.waitForEvent('run.finished', 60_000);

    await first.stop('SIGKILL');
    const took = await standby.waitForEvent('lease.acquired', 10_000);
    expect(took.tookOverFrom).toMatchObject({ kind: 'service', pid: first.pid });
    expect(t.sql('SELECT Kind, Pid FROM engine_lease')).toEqual([{ Kind: 'service', Pid: standby.pid }]);
    expect(t.sql("SELECT Message FROM events WHERE Message LIKE 'El servicio tomó la sincronización%'")).toHaveLength(
      1,
    );

    expect(await standby.stop()).toEqual({ code: 0, signal: null });
    expect(t.sql('SELECT * FROM engine_lease')).toEqual([]);
  }, 120_000);

  it('a standby service replaces a holder that stops cleanly, without waiting out the lease', async () => {
    const t = await setup();
    const first = service(t.db, '--tick', '0.2', '--lease-ttl', '600000');
    await first.waitForEvent('lease.acquired');
    const standby = service(t.db, '--tick', '0.2', '--standby', '--lease-ttl', '600000');
    await standby.waitForEvent('service.standby');
    expect(await first.stop()).toEqual({ code: 0, signal: null });
    // A run caught by the stop ends (and logs run.finished) between stopping and the release.
    expect(
      first
        .events()
        .filter((e) => e !== 'run.finished')
        .slice(-3),
    ).toEqual(['service.stopping', 'lease.released', 'service.stopped']);
    const took = await standby.waitForEvent('lease.acquired', 10_000);
    expect(took.tookOverFrom).toBeUndefined();
    await standby.stop();
  }, 120_000);

  it('runs the company on schedule, with a heartbeat file, and stops cleanly', async () => {
    const t = await setup(5);
    const heartbeat = path.join(tempDir(), 'latido.json');
    // --minute 150: the 5-minute period lasts 750 ms.
    const svc = service(t.db, '--tick', '0.1', '--minute', '150', '--heartbeat-file', heartbeat, '--lease-ttl', '900');
    await svc.waitFor(
      (l) => l.event === 'run.finished' && svc.lines.filter((x) => x.event === 'run.finished').length >= 3,
      60_000,
      '3 runs',
    );
    const finished = svc.lines.filter((l) => l.event === 'run.finished');
    expect(finished.every((l) => l.trigger === 'automatic' && l.state === 'success')).toBe(true);
    const beat = JSON.parse(fs.readFileSync(heartbeat, 'utf8')) as {
      at: string;
      pid: number;
      role: string;
      version: string;
    };
    expect(beat).toMatchObject({ pid: svc.pid, role: 'owner' });
    expect(Date.now() - Date.parse(beat.at)).toBeLessThan(5_000);
    // The lease's heartbeat moves on too.
    const [before] = t.sql('SELECT HeartbeatAt FROM engine_lease') as { HeartbeatAt: string }[];
    await new Promise((r) => setTimeout(r, 700));
    const [after] = t.sql('SELECT HeartbeatAt FROM engine_lease') as { HeartbeatAt: string }[];
    expect(after!.HeartbeatAt > before!.HeartbeatAt).toBe(true);

    expect(await svc.stop()).toEqual({ code: 0, signal: null });
    const runs = t.sql('SELECT Trigger, State, StartedAt FROM sync_runs ORDER BY RunID') as {
      Trigger: string;
      State: string;
      StartedAt: string;
    }[];
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.filter((r) => r.State === 'running')).toEqual([]);
    // Each automatic run started at least one period after the previous one.
    for (let i = 1; i < runs.length; i++)
      expect(Date.parse(runs[i]!.StartedAt) - Date.parse(runs[i - 1]!.StartedAt)).toBeGreaterThanOrEqual(700);
    expect((await records(t.store, 'articles')).length).toBe(3);
  }, 120_000);

  it('SIGTERM during a run: exits 0, abandons the batch in flight without recording it, and the next run completes', async () => {
    const t = await setup();
    // The first batch (taxes) is applied by the store but its answer takes 30 s: the service is stopped meanwhile.
    await fault(t.store, { kind: 'delay', path: '/catalogs/', delayMs: 30_000, count: 1, apply: true });
    const svc = service(t.db, '--tick', '0.2');
    await svc.waitForEvent('lease.acquired');
    await waitUntil(async () => (await stats(t.store)).batchCalls >= 1, 30_000);
    const stopAt = Date.now();
    expect(await svc.stop()).toEqual({ code: 0, signal: null });
    expect(Date.now() - stopAt).toBeLessThan(15_000); // did not wait for the held answer
    expect(svc.lines.find((l) => l.event === 'service.stopping')).toMatchObject({ running: 1 });

    const [run] = t.sql('SELECT State, Message, EndedAt FROM sync_runs') as {
      State: string;
      Message: string;
      EndedAt: string | null;
    }[];
    expect(run!.State).not.toBe('running');
    expect(run!.EndedAt).not.toBeNull();
    // Nothing recorded as accepted that the store did not confirm: the abandoned batch left no sync state.
    expect(t.sql('SELECT COUNT(*) AS n FROM sync_records')).toEqual([{ n: 0 }]);
    expect(t.sql('SELECT COUNT(*) AS n FROM sync_blocks')).toEqual([{ n: 0 }]);
    expect(t.sql('SELECT * FROM engine_lease')).toEqual([]);

    const next = await wopenSync(['--db', t.db, 'sync', '--once', '--json']);
    expect(next.code, next.stderr).toBe(0);
    const [summary] = JSON.parse(next.stdout) as {
      state: string;
      catalogs: Record<string, { pushed: number; failed: number }>;
    }[];
    expect(summary!.state).toBe('success');
    expect((await records(t.store, 'articles')).length).toBe(3);
    const taxes = await records(t.store, 'taxes');
    expect(taxes.length).toBe(summary!.catalogs.taxes!.pushed);
    await control(t.store, '/faults', undefined, 'DELETE');
  }, 120_000);

  it('a console that finds the service running monitors it and asks it for Sincronizar ahora', async () => {
    const t = await setup();
    const svc = service(t.db, '--tick', '0.2');
    await svc.waitForEvent('run.finished', 60_000);

    const relayed: { event: string; payload: unknown }[] = [];
    const opened = openConsole({
      databasePath: t.db,
      version: 'test',
      broadcast: (event, payload) => relayed.push({ event, payload }),
    });
    const host = new EngineHost({
      ...engineHostDeps(opened),
      kind: 'console',
      version: 'test',
      standby: true,
      pollMs: 100,
    });
    try {
      expect(host.start()).toMatchObject({ kind: 'service', pid: svc.pid });
      expect(opened.role.info()).toMatchObject({ role: 'monitor', holder: { kind: 'service', pid: svc.pid } });
      const scope = { connectionId: 1, companyId: '4' };
      const asked = opened.sync.syncNow(scope);
      expect(asked).toEqual({
        started: true,
        message: 'Sincronización solicitada al servicio que sincroniza esta base de datos.',
      });
      const handled = await svc.waitForEvent('request.handled', 10_000);
      expect(handled).toMatchObject({ connectionId: 1, companyId: '4', result: 'Sincronización iniciada.' });
      const manual = await svc.waitFor(
        (l) => l.event === 'run.finished' && l.trigger === 'manual',
        60_000,
        'manual run',
      );
      await waitUntil(
        () => relayed.some((r) => r.event === 'syncFinished' && (r.payload as RunView).runId === manual.runId),
        10_000,
      );
      expect(opened.sync.status(scope).lastRun).toMatchObject({
        runId: manual.runId,
        trigger: 'manual',
        state: 'success',
      });
      // The console did not run the engine itself.
      expect(opened.engine.runningCount()).toBe(0);
      expect(t.sql('SELECT Kind, Pid FROM engine_lease')).toEqual([{ Kind: 'service', Pid: svc.pid }]);
    } finally {
      await host.stop();
      opened.close();
    }
    await svc.stop();
  }, 120_000);
});

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('Timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
