import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { EventLog } from '../../electron/events/event-log';
import { EventQueries } from '../../electron/events/event-query';
import { eventsCsv } from '../../electron/events/events-csv';
import { writeEventsCsv } from '../../electron/events/csv-export';
import { RUN_ERROR_CAP, RunHistoryRepo } from '../../electron/engine/run-history-repo';
import { JournalService } from '../../electron/app/journal-service';
import { tempDir } from '../helpers/temp-dir';

/** Run history retention, the per-run error cap and the paged CSV export, on real SQLite files. */

const DAY = 86_400_000;
const NOW = new Date('2026-03-31T18:00:00.000Z');
const scope = { connectionId: 1, companyId: '7' };

function fixture() {
  const file = path.join(tempDir(), 'settings.sqlite');
  const db = openSettingsDatabase(file);
  db.prepare(
    `INSERT INTO erp_connections (ConnectionID, Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy)
     VALUES (1, 'microsip', 'ERP', '{}', ?, 'prueba', ?, 'prueba')`,
  ).run(NOW.toISOString(), NOW.toISOString());
  let at = NOW;
  const clock = () => at;
  const events = new EventLog(db, clock);
  const runs = new RunHistoryRepo(db, () => at.toISOString());
  const journal = new JournalService(db, events, clock);
  const runAt = (daysAgo: number, errors = 0, state: 'success' | 'running' = 'success') => {
    at = new Date(NOW.getTime() - daysAgo * DAY);
    const id = runs.start(scope, 'automatic');
    runs.startCatalog(id, 'articles');
    for (let i = 0; i < errors; i++) runs.recordError(id, 'articles', `A${i}`, 'push', 'rechazado');
    db.prepare(
      `INSERT INTO sync_run_phases (RunID, Phase, State, Counts, Message) VALUES (?, 'orders', 'success', '{}', 'ok')`,
    ).run(id);
    if (state !== 'running') runs.finish(id, state, 'listo');
    at = NOW;
    return id;
  };
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { file, db, events, runs, journal, runAt, count, setNow: (d: Date) => (at = d) };
}

describe('run history retention', () => {
  it('purges finished runs beyond the events horizon with their catalogs, errors and phases; keeps 7 days and running ones', () => {
    const t = fixture();
    t.db.pragma('foreign_keys = ON');
    const old = t.runAt(45, 3);
    const oldRunning = t.runAt(40, 0, 'running');
    const recent = t.runAt(6.5, 2);
    const inside = t.runAt(20, 1);
    expect(t.count('sync_run_errors')).toBe(6);

    t.journal.saveRetention(10);
    t.journal.purgeEvents();
    const left = (t.db.prepare('SELECT RunID FROM sync_runs ORDER BY RunID').all() as { RunID: number }[]).map(
      (r) => r.RunID,
    );
    expect(left).toEqual([oldRunning, recent]);
    expect(left).not.toContain(old);
    expect(left).not.toContain(inside);
    // Children of the purged runs went with them.
    expect(t.count('sync_run_errors')).toBe(2);
    expect(t.count('sync_run_catalogs')).toBe(2);
    expect(t.count('sync_run_phases')).toBe(2);
    expect(t.events.list({ days: 1, now: NOW }).map((e) => e.message)).toContain(
      'Se depuraron 0 eventos y 2 sincronizaciones del historial con más de 10 días.',
    );

    // The 7-day floor holds whatever is stored.
    t.db.prepare(`UPDATE app_settings SET Value = '1' WHERE Key = 'events.retentionDays'`).run();
    t.journal.purgeEvents();
    expect(t.count('sync_runs')).toBe(2);
  });
});

describe('per-run error cap', () => {
  it(`keeps the first ${RUN_ERROR_CAP} errors of a run and counts the rest`, () => {
    const t = fixture();
    const id = t.runAt(0, RUN_ERROR_CAP + 57);
    const other = t.runAt(0, 3);
    expect(t.count('sync_run_errors')).toBe(RUN_ERROR_CAP + 3);
    const { errors, omitted } = t.journal.listRunErrors(id);
    expect(errors).toHaveLength(RUN_ERROR_CAP);
    expect(errors[0]?.recordKey).toBe('A0');
    expect(errors.at(-1)?.recordKey).toBe(`A${RUN_ERROR_CAP - 1}`);
    expect(omitted).toBe(57);
    expect(t.journal.listRunErrors(other)).toMatchObject({ omitted: 0 });
    expect(t.runs.recordError(other, 'articles', 'B', 'push', 'x')).toBe(true);
    expect(t.runs.recordError(id, 'articles', 'B', 'push', 'x')).toBe(false);
  });
});

describe('Exportar CSV, written in pages', () => {
  const seed = (t: ReturnType<typeof fixture>, n: number) => {
    t.db.transaction(() => {
      for (let i = 0; i < n; i++) {
        t.setNow(new Date(NOW.getTime() - (i % 500) * 60_000));
        t.events.record({
          level: i % 3 === 0 ? 'error' : 'info',
          category: 'Sincronización',
          connectionId: 1,
          companyId: '7',
          companyName: i % 7 === 0 ? 'ÑANDÚ; "S.A."' : 'Empresa',
          message: i % 11 === 0 ? `línea 1\nlínea ${i}` : `=evento ${i}`,
          catalog: 'articles',
          recordKey: i % 5 === 0 ? `+K${i}` : null,
          runId: i,
          trigger: i % 2 ? 'manual' : 'automatic',
        });
      }
    })();
    t.setNow(NOW);
  };
  const filter = {
    from: new Date(NOW.getTime() - DAY).toISOString(),
    to: new Date(NOW.getTime() + 1).toISOString(),
  };

  it('writes exactly the bytes of the one-string CSV (BOM, `;`, CRLF, quoting), page after page with yields', async () => {
    const t = fixture();
    seed(t, 1234);
    const q = new EventQueries(t.db);
    const reference = Buffer.from(eventsCsv(q.iterate(filter)).csv, 'utf8');
    const file = path.join(tempDir(), 'eventos.csv');
    const pages: number[] = [];
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const r = await writeEventsCsv(q, filter, file, { pageRows: 100, onPage: (n) => pages.push(n) });
    clearInterval(ticker);
    expect(fs.readFileSync(file).equals(reference)).toBe(true);
    expect(r).toEqual({ rows: 1234, bytes: reference.length });
    expect(pages).toEqual([...Array.from({ length: 12 }, (_, i) => (i + 1) * 100), 1234]);
    // Timers ran between pages: the loop was not held for the whole export.
    expect(turns).toBeGreaterThan(3);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    // An empty view: BOM and headers only, as before.
    const none = path.join(tempDir(), 'vacio.csv');
    const empty = { ...filter, text: 'no-existe' };
    await writeEventsCsv(q, empty, none);
    expect(fs.readFileSync(none).equals(Buffer.from(eventsCsv(q.iterate(empty)).csv, 'utf8'))).toBe(true);
  });

  it('the engine may use the connection between pages (no open iterator); a failed write leaves no file', async () => {
    const t = fixture();
    seed(t, 300);
    const q = new EventQueries(t.db);
    const file = path.join(tempDir(), 'eventos.csv');
    await writeEventsCsv(q, filter, file, {
      pageRows: 50,
      onPage: () => t.events.record({ level: 'info', category: 'x', message: 'durante la exportación' }),
    });
    expect(fs.readFileSync(file, 'utf8').split('\r\n').filter(Boolean)).toHaveLength(301);

    const missing = path.join(tempDir(), 'no-existe', 'eventos.csv');
    await expect(t.journal.exportEventsTo(filter, missing)).rejects.toThrow(/No se pudo guardar/);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });
});
