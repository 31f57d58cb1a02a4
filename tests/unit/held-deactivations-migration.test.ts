import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/settings/migrate';
import { MIGRATIONS } from '../../electron/settings/migrations';
import { RunHistoryRepo } from '../../electron/engine/run-history-repo';

describe('migration 011: held deactivations and the review state', () => {
  it('keeps every run with its id, catalogs, errors and phases, and then accepts the review state', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 10),
    );
    db.prepare(
      "INSERT INTO erp_connections (ConnectionID, Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES (1, 'microsip', 'c', '{}', 'x', 'x', 'x', 'x')",
    ).run();
    db.prepare(
      "INSERT INTO sync_runs (RunID, ConnectionID, CompanyID, Trigger, State, StartedAt, HeartbeatAt, EndedAt, Message) VALUES (7, 1, '1', 'automatic', 'partial', 'a', 'b', 'c', 'Parcial: …')",
    ).run();
    db.prepare(
      "INSERT INTO sync_run_catalogs (RunID, Catalog, State, StartedAt, Read, Pushed) VALUES (7, 'articles', 'partial', 'a', 10, 9)",
    ).run();
    db.prepare(
      "INSERT INTO sync_run_errors (RunID, Catalog, RecordKey, Phase, Message, At) VALUES (7, 'articles', 'A1', 'push', 'precio inválido', 'a')",
    ).run();
    db.prepare("INSERT INTO sync_run_phases (RunID, Phase, State, Counts) VALUES (7, 'orders', 'success', '{}')").run();

    migrate(db, MIGRATIONS);
    const history = new RunHistoryRepo(db, () => 'z');
    expect(history.get(7)).toMatchObject({ runId: 7, state: 'partial', trigger: 'automatic', message: 'Parcial: …' });
    expect(history.get(7)?.catalogs).toMatchObject([{ catalog: 'articles', state: 'partial', read: 10, pushed: 9 }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_run_errors WHERE RunID = 7').get()).toEqual({ n: 1 });
    expect(history.phasesOf(7)).toHaveLength(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    const run = history.start({ connectionId: 1, companyId: '1' }, 'manual');
    history.finish(run, 'review', 'Requiere revisión: …');
    expect(history.get(run)?.state).toBe('review');
    // Deleting the connection still takes its runs and their children with it (the rebuilt table kept the FK).
    db.prepare('DELETE FROM erp_connections WHERE ConnectionID = 1').run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_run_errors').get()).toEqual({ n: 0 });
  });
});
