import type { SettingsDb } from '../settings/database';
import type { CatalogName } from '../../shared/catalogs';
import type { CatalogOutcome } from './catalog-sync';
import type { Scope } from '../core/scope';

export type RunTrigger = 'manual' | 'automatic';

/** Per-record errors kept per run; the rest are counted (docs/engine.md "Bounded history"). */
export const RUN_ERROR_CAP = 200;
const PURGE_CHUNK = 500;
/** `review`: deactivations were held for a person (*Requiere revisión*). */
export type RunState = 'running' | 'success' | 'partial' | 'failed' | 'review';

export interface RunCatalogRow {
  catalog: CatalogName;
  /** 'skipped' = not attempted after an earlier failure; 'unavailable' = the ERP has no such catalog. */
  /** 'review' = its deactivations were held for a person. */
  state: 'running' | 'success' | 'partial' | 'failed' | 'review' | 'skipped' | 'unavailable';
  read: number;
  pushed: number;
  unchanged: number;
  deleted: number;
  failed: number;
  message: string | null;
  startedAt: string;
  endedAt: string | null;
}

export type PhaseState = 'success' | 'failed' | 'skipped';

/** A phase's row in the history; `state` is null for runs recorded before phases kept one. */
export interface RunPhaseRow {
  phase: string;
  state: PhaseState | null;
  counts: Record<string, number>;
  message: string | null;
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

  endCatalog(
    runId: number,
    o: Pick<CatalogOutcome, 'catalog' | 'read' | 'pushed' | 'unchanged' | 'deleted' | 'failed' | 'message'> & {
      state: RunCatalogRow['state'];
      held?: CatalogOutcome['held'];
    },
  ): void {
    this.db
      .prepare(
        `UPDATE sync_run_catalogs SET State = ?, EndedAt = ?, Read = ?, Pushed = ?, Unchanged = ?, Deleted = ?, Failed = ?, Message = ?, Held = ?
         WHERE RunID = ? AND Catalog = ?`,
      )
      .run(
        o.state,
        this.now(),
        o.read,
        o.pushed,
        o.unchanged,
        o.deleted,
        o.failed,
        o.message,
        o.held?.verdict.held ?? 0,
        runId,
        o.catalog,
      );
  }

  /** A catalog not attempted: the ERP lacks it ('unavailable') or an earlier failure stopped the run ('aborted'). */
  recordSkipped(runId: number, catalog: CatalogName, why: 'unavailable' | 'aborted', message: string): void {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO sync_run_catalogs (RunID, Catalog, State, StartedAt, EndedAt, Message) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(runId, catalog, why === 'aborted' ? 'skipped' : 'unavailable', at, at, message);
  }

  /**
   * A per-record error of the run. The first RUN_ERROR_CAP are kept; beyond them only the count grows
   * (`ErrorsOmitted`, shown as «y N errores más»). Returns whether the row was kept.
   */
  recordError(
    runId: number,
    catalog: CatalogName,
    key: string | null,
    phase: 'read' | 'push' | 'state',
    message: string,
  ): boolean {
    const kept = (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM (SELECT 1 FROM sync_run_errors WHERE RunID = ? LIMIT ?)')
        .get(runId, RUN_ERROR_CAP) as { n: number }
    ).n;
    if (kept >= RUN_ERROR_CAP) {
      this.db.prepare('UPDATE sync_runs SET ErrorsOmitted = ErrorsOmitted + 1 WHERE RunID = ?').run(runId);
      return false;
    }
    this.db
      .prepare('INSERT INTO sync_run_errors (RunID, Catalog, RecordKey, Phase, Message, At) VALUES (?, ?, ?, ?, ?, ?)')
      .run(runId, catalog, key, phase, message, this.now());
    return true;
  }

  /** Errors of the run counted but not kept (beyond RUN_ERROR_CAP). */
  omittedErrors(runId: number): number {
    const r = this.db.prepare('SELECT ErrorsOmitted FROM sync_runs WHERE RunID = ?').get(runId) as
      { ErrorsOmitted: number } | undefined;
    return r?.ErrorsOmitted ?? 0;
  }

  /**
   * Deletes finished runs started before `beforeIso` with their catalogs, errors and phases (ON DELETE CASCADE),
   * in chunks so no single statement holds the write lock for long. Runs in progress are never deleted.
   */
  purgeBefore(beforeIso: string): number {
    const del = this.db.prepare(
      `DELETE FROM sync_runs WHERE RunID IN (SELECT RunID FROM sync_runs WHERE StartedAt < ? AND State <> 'running' LIMIT ?)`,
    );
    let total = 0;
    for (;;) {
      const n = del.run(beforeIso, PURGE_CHUNK).changes;
      total += n;
      if (n < PURGE_CHUNK) break;
    }
    return total;
  }

  /** What one phase of the run did (a phase runs once per run; a second report replaces the first). */
  recordPhase(
    runId: number,
    phase: string,
    r: { state: PhaseState; counts: Record<string, number>; message: string },
  ): void {
    this.db
      .prepare(
        `INSERT INTO sync_run_phases (RunID, Phase, State, Counts, Message) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (RunID, Phase) DO UPDATE SET State = excluded.State, Counts = excluded.Counts, Message = excluded.Message`,
      )
      .run(runId, phase, r.state, JSON.stringify(r.counts), r.message);
  }

  /** The run's phases in the order they ran. */
  phasesOf(runId: number): RunPhaseRow[] {
    const rows = this.db
      .prepare('SELECT Phase, State, Counts, Message FROM sync_run_phases WHERE RunID = ? ORDER BY rowid')
      .all(runId) as {
      Phase: string;
      State: PhaseState | null;
      Counts: string;
      Message: string | null;
    }[];
    return rows.map((r) => ({
      phase: r.Phase,
      state: r.State,
      counts: JSON.parse(r.Counts) as Record<string, number>,
      message: r.Message,
    }));
  }

  finish(runId: number, state: Exclude<RunState, 'running'>, message: string | null): void {
    this.db
      .prepare('UPDATE sync_runs SET State = ?, EndedAt = ?, HeartbeatAt = ?, Message = ? WHERE RunID = ?')
      .run(state, this.now(), this.now(), message, runId);
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

  /** Ids of the runs in progress (a monitoring console watches them end). */
  runningIds(): number[] {
    return (
      this.db.prepare(`SELECT RunID FROM sync_runs WHERE State = 'running' AND DryRun = 0`).all() as { RunID: number }[]
    ).map((r) => r.RunID);
  }

  /** Runs (not simulations) newer than `afterRunId`, with whether they ended. */
  since(afterRunId: number): { runId: number; running: boolean }[] {
    return (
      this.db
        .prepare('SELECT RunID, State FROM sync_runs WHERE RunID > ? AND DryRun = 0 ORDER BY RunID')
        .all(afterRunId) as { RunID: number; State: RunState }[]
    ).map((r) => ({ runId: r.RunID, running: r.State === 'running' }));
  }

  maxRunId(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(RunID), 0) AS id FROM sync_runs').get() as { id: number }).id;
  }

  get(runId: number): RunRow | undefined {
    const r = this.db
      .prepare(
        'SELECT RunID, ConnectionID, CompanyID, Trigger, State, StartedAt, EndedAt, Message FROM sync_runs WHERE RunID = ?',
      )
      .get(runId) as
      | {
          RunID: number;
          ConnectionID: number;
          CompanyID: string;
          Trigger: RunTrigger;
          State: RunState;
          StartedAt: string;
          EndedAt: string | null;
          Message: string | null;
        }
      | undefined;
    if (!r) return undefined;
    const catalogs = (
      this.db
        .prepare(
          `SELECT Catalog, CASE WHEN Held > 0 THEN 'review' ELSE State END AS State, Read, Pushed, Unchanged, Deleted, Failed, Message, StartedAt, EndedAt FROM sync_run_catalogs WHERE RunID = ? ORDER BY rowid`,
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
