import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { DB_FAULT_PREFIX } from '../../electron/settings/db-faults';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { ServiceProcess, wopenSync } from '../helpers/service-process';
import { settingsWithMicrosipCompany } from '../helpers/service-settings';
import { sandbox } from '../store/sandbox-fixture';

/**
 * A full settings database under the built `wopen-sync`, against real Firebird and the sandbox over HTTP. The disk
 * is "full" for real: SQLite's max_page_count caps the file at its current size (set by the CLI's test seam
 * WOPEN_SYNC_TEST_MAX_DB_PAGES), so every write that needs a new page fails with SQLITE_FULL; space "returns" when
 * this test deletes rows from its own connection (their pages go to the freelist and are reused). These tests run
 * as root here, where chmod cannot make a file read-only, so SQLITE_READONLY is covered by the unit test.
 */

const COMPANIES: FixtureCompany[] = [
  { id: 4, shortName: 'DISCO LLENO', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const microsip = useMicrosipFixture('settings-db-faults', COMPANIES);
const FULL = { WOPEN_SYNC_TEST_MAX_DB_PAGES: '1' };

const children: ServiceProcess[] = [];
afterEach(async () => {
  await Promise.all(children.splice(0).map((c) => c.stop('SIGKILL')));
});

/**
 * The Microsip company configured for the sandbox, then padded with recent events (old ones would be purged at
 * start) and compacted: no free page left.
 */
async function setup() {
  const store = await sandbox();
  const db = await settingsWithMicrosipCompany({ microsip, storeUrl: store.url, companyId: '4', period: 5 });
  const h = new Database(db);
  const pad = h.prepare(
    `INSERT INTO events (At, Level, Category, Message, Details) VALUES (?, 'info', 'Relleno', 'relleno', ?)`,
  );
  h.transaction(() => {
    for (let i = 0; i < 2000; i++) pad.run(new Date().toISOString(), 'x'.repeat(1500));
  })();
  h.exec('VACUUM');
  h.close();
  const sql = (q: string, ...p: unknown[]) => {
    const r = new Database(db, { readonly: true });
    try {
      return r.prepare(q).all(...p) as Record<string, unknown>[];
    } finally {
      r.close();
    }
  };
  /** Space returns: the padding goes, its pages are free for the capped connection. */
  const freeSpace = () => {
    const w = new Database(db);
    w.exec(`DELETE FROM events WHERE Category = 'Relleno'`);
    w.close();
  };
  /**
   * The last free byte goes too: events shaped like the run's first one («…iniciada.»), written through a capped
   * connection until SQLITE_FULL, so the next such event needs a page the file cannot get.
   */
  const fillToTheBrim = () => {
    const w = new Database(db);
    w.pragma('max_page_count = 1');
    const put = w.prepare(
      `INSERT INTO events (At, Level, Category, ConnectionID, CompanyID, CompanyName, Message, RunID, Trigger)
       VALUES (?, 'info', 'Relleno', 1, '4', 'DISCO LLENO', 'Sincronización manual iniciada.', 1, 'manual')`,
    );
    let code: unknown;
    for (let i = 0; i < 100_000 && code === undefined; i++) {
      try {
        put.run(new Date().toISOString());
      } catch (err) {
        code = (err as { code?: string }).code;
      }
    }
    w.close();
    expect(code).toBe('SQLITE_FULL');
  };
  return { db, sql, freeSpace, fillToTheBrim };
}

/** Attachments to the company's database opened by `pid` (MON$ATTACHMENTS, as SYSDBA). */
const attachmentsOf = (pid: number): Promise<number> =>
  microsip.companyDb(0, async (fb) => {
    const rows = await fb.query('SELECT COUNT(*) AS N FROM MON$ATTACHMENTS WHERE MON$REMOTE_PID = ?', [pid]);
    return Number(Object.values(rows[0] ?? {})[0] ?? 0);
  });

describe('a full settings database (real SQLITE_FULL, built CLI, Firebird, sandbox)', () => {
  it('sync --once exits 1 within seconds with a clear Spanish message and releases the lease', async () => {
    const t = await setup();
    t.fillToTheBrim();
    const started = Date.now();
    const r = await wopenSync(['--db', t.db, 'sync', '--once'], FULL);
    const took = Date.now() - started;
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toContain(`${DB_FAULT_PREFIX}: database or disk is full (SQLITE_FULL).`);
    expect(r.stderr).not.toContain('Error inesperado');
    expect(took).toBeLessThan(20_000);
    expect(t.sql('SELECT * FROM engine_lease')).toEqual([]);

    t.freeSpace();
    const ok = await wopenSync(['--db', t.db, 'sync', '--once'], FULL);
    expect(ok.code, ok.stderr).toBe(0);
  }, 120_000);

  it('the service keeps running, reports once, closes its Firebird attachment and recovers when space returns', async () => {
    const t = await setup();
    const svc = new ServiceProcess(['--db', t.db, 'run', '--tick', '0.3', '--minute', '60'], FULL);
    children.push(svc);
    const fault = await svc.waitForEvent('db.fault', 60_000);
    expect(fault).toMatchObject({ code: 'SQLITE_FULL' });
    expect(String(fault.message)).toMatch(/^No se pudo escribir en la base de datos de configuración/);
    // Several more ticks fail the same way: still alive, still one report, no attachment left behind per attempt.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(svc.child.exitCode).toBeNull();
    expect(svc.lines.filter((l) => l.event === 'db.fault')).toHaveLength(1);
    expect(svc.events()).not.toContain('host.error');
    expect(await attachmentsOf(svc.pid)).toBeLessThanOrEqual(1);
    expect(svc.stderr).not.toMatch(/Unhandled|SqliteError/);

    t.freeSpace();
    const recovered = await svc.waitForEvent('db.recovered', 60_000);
    expect(Number(recovered.failures)).toBeGreaterThan(1);
    await svc.waitFor((l) => l.event === 'run.finished' && l.state === 'success', 60_000, 'a successful run');
    expect(
      t.sql(`SELECT Level FROM events WHERE Message LIKE 'La base de datos de configuración vuelve a aceptar%'`),
    ).toEqual([{ Level: 'info' }]);

    expect(await svc.stop()).toEqual({ code: 0, signal: null });
    expect(await attachmentsOf(svc.pid)).toBe(0);
    expect(t.sql('SELECT * FROM engine_lease')).toEqual([]);
  }, 180_000);
});
