import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { DbFaultReporter, describeDbFault, isDbFault } from '../../electron/settings/db-faults';
import { tempDir } from '../helpers/temp-dir';

/**
 * Real SQLite failures: SQLITE_READONLY from a connection opened read-only (these tests run as root, where chmod 0444
 * does not stop writes) and SQLITE_FULL from max_page_count.
 */
function realFaults() {
  const file = path.join(tempDir(), 'settings.sqlite');
  openSettingsDatabase(file).close();
  const readonly = new Database(file, { readonly: true });
  const capped = new Database(file);
  capped.pragma('max_page_count = 1');
  const fail = (db: Database.Database, sql: string): unknown => {
    try {
      db.exec(sql);
    } catch (err) {
      return err;
    }
    throw new Error('did not fail');
  };
  const ro = fail(readonly, `INSERT INTO app_settings (Key, Value, UpdatedOn) VALUES ('a', 'b', 'c')`);
  const full = fail(
    capped,
    `CREATE TABLE relleno (x); INSERT INTO relleno SELECT randomblob(4000) FROM (SELECT 1 UNION ALL SELECT 2)`,
  );
  readonly.close();
  capped.close();
  return { ro, full };
}

describe('settings database faults', () => {
  it('tells a full or read-only disk from other errors, in Spanish', () => {
    const { ro, full } = realFaults();
    expect((ro as { code: string }).code).toMatch(/^SQLITE_READONLY/);
    expect((full as { code: string }).code).toBe('SQLITE_FULL');
    expect(isDbFault(ro)).toBe(true);
    expect(isDbFault(full)).toBe(true);
    expect(isDbFault(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }))).toBe(false);
    expect(isDbFault(new Error('database or disk is full'))).toBe(false);
    expect(describeDbFault(full)).toBe(
      'No se pudo escribir en la base de datos de configuración (disco lleno o sin permiso): database or disk is full (SQLITE_FULL). Libere espacio en el disco o revise los permisos de la carpeta de datos; la sincronización se reanuda sola.',
    );
  });

  it('reports once per episode, survives a failing event log, and reports again after a recovery', async () => {
    const { ro, full } = realFaults();
    const logs: string[] = [];
    const alerts: string[] = [];
    let diskFull = true;
    const r = new DbFaultReporter({
      log: (e) => logs.push(e),
      event: () => {
        if (diskFull) throw full; // the event log is in the failing database
      },
      alert: async (m) => {
        alerts.push(m);
      },
    });
    expect(r.report(new Error('otra cosa'))).toBe(false);
    expect(r.report(full)).toBe(true);
    expect(r.report(full)).toBe(true);
    expect(r.report(ro)).toBe(true);
    expect(logs).toEqual(['db.fault']);
    // A run got through, but the recovery event still cannot be written: the episode goes on.
    r.clear();
    expect(r.faulted).toBe(true);
    expect(logs).toEqual(['db.fault']);
    diskFull = false;
    r.clear();
    r.clear();
    expect(r.faulted).toBe(false);
    expect(r.report(ro)).toBe(true);
    await Promise.resolve();
    expect(logs).toEqual(['db.fault', 'db.recovered', 'db.fault']);
    expect(alerts).toHaveLength(2);
    expect(alerts[1]).toMatch(/SQLITE_READONLY/);
  });
});
