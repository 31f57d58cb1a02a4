import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/settings/migrate';
import { MIGRATIONS } from '../../electron/settings/migrations';
import { RunHistoryRepo } from '../../electron/engine/run-history-repo';

describe('migration 009: one run-phases table', () => {
  it('moves the order and invoice counts of earlier runs into sync_run_phases, in the order they ran', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 8),
    );
    db.prepare(
      "INSERT INTO erp_connections (ConnectionID, Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES (1, 'microsip', 'c', '{}', 'x', 'x', 'x', 'x')",
    ).run();
    const run = (at: string) =>
      Number(
        db
          .prepare(
            "INSERT INTO sync_runs (ConnectionID, CompanyID, Trigger, State, StartedAt, HeartbeatAt) VALUES (1, '1', 'manual', 'success', ?, ?)",
          )
          .run(at, at).lastInsertRowid,
      );
    const a = run('2026-01-01T00:00:00Z');
    const b = run('2026-01-02T00:00:00Z');
    db.prepare(
      "INSERT INTO sync_run_orders (RunID, Imported, Rejected, Pending, Message) VALUES (?, 3, 1, 2, 'Pedidos: 3 importados, 1 rechazados, 2 pendientes.')",
    ).run(a);
    db.prepare(
      'INSERT INTO sync_run_orders (RunID, Imported, Rejected, Pending, Message) VALUES (?, 0, 0, 0, NULL)',
    ).run(b);
    db.prepare(
      "INSERT INTO sync_run_invoices (RunID, Created, Stamped, Unstamped, Rejected, Message) VALUES (?, 2, 1, 1, 0, 'Facturas: …')",
    ).run(a);

    migrate(db, MIGRATIONS);
    const history = new RunHistoryRepo(db, () => new Date().toISOString());
    expect(history.phasesOf(a)).toEqual([
      {
        phase: 'orders',
        state: null,
        counts: { imported: 3, rejected: 1, pending: 2 },
        message: 'Pedidos: 3 importados, 1 rechazados, 2 pendientes.',
      },
      {
        phase: 'invoices',
        state: null,
        counts: { created: 2, stamped: 1, unstamped: 1, rejected: 0 },
        message: 'Facturas: …',
      },
    ]);
    expect(history.phasesOf(b)).toEqual([
      { phase: 'orders', state: null, counts: { imported: 0, rejected: 0, pending: 0 }, message: null },
    ]);
    const old = db
      .prepare("SELECT name FROM sqlite_master WHERE name IN ('sync_run_orders', 'sync_run_invoices')")
      .all();
    expect(old).toEqual([]);
    db.close();
  });
});
