import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { ServiceProcess, wopenSync } from '../helpers/service-process';
import { settingsWithMicrosipCompany } from '../helpers/service-settings';
import { sandbox } from '../store/sandbox-fixture';

/**
 * *Pausar sincronización* across real processes: the built `wopen-sync run` as the service (real Firebird, the
 * sandbox over HTTP), paused and resumed by other `wopen-sync` processes on the same settings database.
 */

const COMPANIES: FixtureCompany[] = [
  { id: 4, shortName: 'PAUSA “ÑANDÚ”', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const microsip = useMicrosipFixture('service-pause', COMPANIES);

const children: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop('SIGKILL')));
});

async function setup() {
  const store = await sandbox();
  const db = await settingsWithMicrosipCompany({ microsip, storeUrl: store.url, companyId: '4', period: 5 });
  const runsSince = (iso: string) => {
    const h = new Database(db, { readonly: true });
    try {
      return (h.prepare('SELECT COUNT(*) AS n FROM sync_runs WHERE StartedAt > ?').get(iso) as { n: number }).n;
    } finally {
      h.close();
    }
  };
  return { db, runsSince };
}

describe('Pausar sincronización with the service in another process', () => {
  it('a pause saved by another process stops the running service from starting runs; resume lets it run', async () => {
    const t = await setup();
    // --minute 100: the 5-minute period lasts 500 ms, so an unpaused service starts a run every half second.
    const svc = new ServiceProcess(['--db', t.db, 'run', '--tick', '0.1', '--minute', '100']);
    children.push(svc);
    await svc.waitForEvent('run.finished', 60_000);

    const paused = await wopenSync(['--db', t.db, 'pause', '--connection', '1', '--company', '4', '--for', '2h']);
    expect(paused.code, paused.stderr).toBe(0);
    expect(paused.stdout).toMatch(/^Sincronización de «PAUSA “ÑANDÚ”» pausada hasta el /);
    const pausedAt = new Date().toISOString();
    // A run the service had started before the pause reached it is let finish (docs/pause.md).
    const before = svc.lines.filter((l) => l.event === 'run.finished').length;
    await new Promise((r) => setTimeout(r, 3000));
    expect(t.runsSince(pausedAt)).toBe(0);
    expect(svc.lines.filter((l) => l.event === 'run.finished').length).toBeLessThanOrEqual(before + 1);

    const status = await wopenSync(['--db', t.db, 'status']);
    expect(status.stdout).toMatch(/La sincronización la ejecuta el servicio \(proceso \d+/);
    expect(status.stdout).toMatch(/1\t4\tPausada hasta el /);
    const resumed = await wopenSync(['--db', t.db, 'resume', '--connection', '1', '--company', '4']);
    expect(resumed.code, resumed.stderr).toBe(0);
    const resumedAt = new Date().toISOString();
    await svc.waitFor((l) => l.event === 'run.finished' && l.at > resumedAt, 60_000, 'a run after resume');
    expect(t.runsSince(resumedAt)).toBeGreaterThan(0);
  }, 120_000);
});
