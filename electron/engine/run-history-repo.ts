import type { SettingsDb } from '../settings/database';
import type { CatalogName } from '../../shared/catalogs';
import type { CatalogOutcome } from './catalog-sync';
import type { Scope } from './sync-state-repo';

export type RunTrigger = 'manual' | 'automatic';
export type RunState = 'running' | 'success' | 'partial' | 'failed';

export interface RunCatalogRow {
  catalog: CatalogName;
  /** 'skipped' = not attempted after an earlier failure; 'unavailable' = the ERP has no such catalog. */
  state: 'running' | 'success' | 'partial' | 'failed' | 'skipped' | 'unavailable';
  read: number;
  pushed: number;
  unchanged: number;
  deleted: number;
  failed: number;
  message: string | null;
  startedAt: string;
  endedAt: string | null;
}

export interface RunRow {
  runId: number;
  connectionId: number;
  companyId: string;
  trigger: RunTrigger;
  state: RunState;
  startedAt: string;
  endedAt: string | null;
  message: string | null;
  catalogs: RunCatalogRow[];
}

/** Historial de sincronización: one run per company pass, one row per catalog, per-record errors. */
export class RunHistoryRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string,
  ) {}

  start(s: Scope, trigger: RunTrigger): number {
    const at = this.now();
    const res = this.db
      .prepare(
        `INSERT INTO sync_runs (ConnectionID, CompanyID, Trigger, State, StartedAt, HeartbeatAt) VALUES (?, ?, ?, 'running', ?, ?)`,
      )
      .run(s.connectionId, s.companyId, trigger, at, at);
    return Number(res.lastInsertRowid);
  }

  startCatalog(runId: number, catalog: CatalogName): void {
    this.db
      .prepare(`INSERT INTO sync_run_catalogs (RunID, Catalog, State, StartedAt) VALUES (?, ?, 'running', ?)`)
      .run(runId, catalog, this.now());
    this.db.prepare('UPDATE sync_runs SET HeartbeatAt = ? WHERE RunID = ?').run(this.now(), runId);
  }

  endCatalog(runId: number, o: Pick<CatalogOutcome, 'catalog' | 'read' | 'pushed' | 'unchanged' | 'deleted' | 'failed' | 'message'> & { state: RunCatalogRow['state'] }): void {
    this.db
      .prepare(
        `UPDATE sync_run_catalogs SET State = ?, EndedAt = ?, Read = ?, Pushed = ?, Unchanged = ?, Deleted = ?, Failed = ?, Message = ?
         WHERE RunID = ? AND Catalog = ?`,
      )
      .run(o.state, this.now(), o.read, o.pushed, o.unchanged, o.deleted, o.failed, o.message, runId, o.catalog);
  }

  /** A catalog not attempted: the ERP lacks it ('unavailable') or an earlier failure stopped the run ('aborted'). */
  recordSkipped(runId: number, catalog: CatalogName, why: 'unavailable' | 'aborted', message: string): void {
    const at = this.now();
    this.db
      .prepare(`INSERT INTO sync_run_catalogs (RunID, Catalog, State, StartedAt, EndedAt, Message) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(runId, catalog, why === 'aborted' ? 'skipped' : 'unavailable', at, at, message);
  }

  recordError(runId: number, catalog: CatalogName, key: string | null, phase: 'read' | 'push' | 'state', message: string): void {
    this.db
      .prepare('INSERT INTO sync_run_errors (RunID, Catalog, RecordKey, Phase, Message, At) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, catalog, key, phase, message, this.now());
  }

  /** Issue 5: the run's order counts (one row per run that imported orders). */
  recordOrders(runId: number, o: { imported: number; rejected: number; pending: number; message: string }): void {
    this.db
      .prepare(
        `INSERT INTO sync_run_orders (RunID, Imported, Rejected, Pending, Message) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (RunID) DO UPDATE SET Imported = excluded.Imported, Rejected = excluded.Rejected, Pending = excluded.Pending, Message = excluded.Message`,
      )
      .run(runId, o.imported, o.rejected, o.pending, o.message);
  }

  ordersOf(runId: number): { imported: number; rejected: number; pending: number; message: string | null } | undefined {
    const r = this.db.prepare('SELECT Imported, Rejected, Pending, Message FROM sync_run_orders WHERE RunID = ?').get(runId) as
      | { Imported: number; Rejected: number; Pending: number; Message: string | null }
      | undefined;
    return r ? { imported: r.Imported, rejected: r.Rejected, pending: r.Pending, message: r.Message } : undefined;
  }

  recordInvoices(runId: number, o: { created: number; stamped: number; unstamped: number; rejected: number; message: string }): void {
    this.db
      .prepare(
        `INSERT INTO sync_run_invoices (RunID, Created, Stamped, Unstamped, Rejected, Message) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (RunID) DO UPDATE SET Created = excluded.Created, Stamped = excluded.Stamped, Unstamped = excluded.Unstamped,
           Rejected = excluded.Rejected, Message = excluded.Message`,
      )
      .run(runId, o.created, o.stamped, o.unstamped, o.rejected, o.message);
  }

  invoicesOf(runId: number): { created: number; stamped: number; unstamped: number; rejected: number } | undefined {
    const r = this.db.prepare('SELECT Created, Stamped, Unstamped, Rejected FROM sync_run_invoices WHERE RunID = ?').get(runId) as
      | { Created: number; Stamped: number; Unstamped: number; Rejected: number }
      | undefined;
    return r ? { created: r.Created, stamped: r.Stamped, unstamped: r.Unstamped, rejected: r.Rejected } : undefined;
  }

  finish(runId: number, state: Exclude<RunState, 'running'>, message: string | null): void {
    this.db.prepare('UPDATE sync_runs SET State = ?, EndedAt = ?, HeartbeatAt = ?, Message = ? WHERE RunID = ?').run(state, this.now(), this.now(), message, runId);
  }

  /**
   * Runs left 'running' by a process that died (power loss, kill -9) are closed as failed on start-up, so the
   * history never shows a run in progress forever.
   */
  closeAbandoned(): number {
    const at = this.now();
    return this.db
      .prepare(
        `UPDATE sync_runs SET State = 'failed', EndedAt = ?, Message = 'La sincronización se interrumpió (el programa se cerró durante la ejecución).' WHERE State = 'running'`,
      )
      .run(at).changes;
  }

  last(s: Scope): RunRow | undefined {
    const r = this.db
      .prepare('SELECT RunID FROM sync_runs WHERE ConnectionID = ? AND CompanyID = ? ORDER BY RunID DESC LIMIT 1')
      .get(s.connectionId, s.companyId) as { RunID: number } | undefined;
    return r ? this.get(r.RunID) : undefined;
  }

  /** Ids of the runs in progress (issue 6: a monitoring console watches them end). */
  runningIds(): number[] {
    return (this.db.prepare(`SELECT RunID FROM sync_runs WHERE State = 'running' AND DryRun = 0`).all() as { RunID: number }[]).map((r) => r.RunID);
  }

  /** Runs (not simulations) newer than `afterRunId`, with whether they ended. */
  since(afterRunId: number): { runId: number; running: boolean }[] {
    return (
      this.db.prepare('SELECT RunID, State FROM sync_runs WHERE RunID > ? AND DryRun = 0 ORDER BY RunID').all(afterRunId) as { RunID: number; State: RunState }[]
    ).map((r) => ({ runId: r.RunID, running: r.State === 'running' }));
  }

  maxRunId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(RunID), 0) AS id FROM sync_runs').get() as { id: number }).id;
  }

  get(runId: number): RunRow | undefined {
    const r = this.db
      .prepare('SELECT RunID, ConnectionID, CompanyID, Trigger, State, StartedAt, EndedAt, Message FROM sync_runs WHERE RunID = ?')
      .get(runId) as
      | { RunID: number; ConnectionID: number; CompanyID: string; Trigger: RunTrigger; State: RunState; StartedAt: string; EndedAt: string | null; Message: string | null }
      | undefined;
    if (!r) return undefined;
    const catalogs = (
      this.db
        .prepare(
          `SELECT Catalog, State, Read, Pushed, Unchanged, Deleted, Failed, Message, StartedAt, EndedAt FROM sync_run_catalogs WHERE RunID = ? ORDER BY rowid`,
        )
        .all(r.RunID) as {
        Catalog: CatalogName;
        State: RunCatalogRow['state'];
        Read: number;
        Pushed: number;
        Unchanged: number;
        Deleted: number;
        Failed: number;
        Message: string | null;
        StartedAt: string;
        EndedAt: string | null;
      }[]
    ).map((c) => ({
      catalog: c.Catalog,
      state: c.State,
      read: c.Read,
      pushed: c.Pushed,
      unchanged: c.Unchanged,
      deleted: c.Deleted,
      failed: c.Failed,
      message: c.Message,
      startedAt: c.StartedAt,
      endedAt: c.EndedAt,
    }));
    return {
      runId: r.RunID,
      connectionId: r.ConnectionID,
      companyId: r.CompanyID,
      trigger: r.Trigger,
      state: r.State,
      startedAt: r.StartedAt,
      endedAt: r.EndedAt,
      message: r.Message,
      catalogs,
    };
  }
}
