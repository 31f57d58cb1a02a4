import type { SettingsDb } from '../settings/database';
import { CATALOG_LABELS, type CatalogName } from '../../shared/catalogs';
import type { EventFilter } from '../../shared/event-filter';
import type { RunErrorView, RunHistoryRow, RunStats } from '../../shared/run-history';
import type { Scope } from '../core/scope';
import { CATALOG_STATE_LABELS } from '../../shared/labels';

const labelOf = (c: string): string => CATALOG_LABELS[c as CatalogName] ?? c;
const iso = (s: string): string => new Date(s).toISOString();
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const pad = (n: number) => String(n).padStart(2, '0');
/** Calendar day in the machine's local time, `AAAA-MM-DD`. */
export const localDay = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** Runs in [from, to) of the filter's company / trigger. Levels, category and catalog filter rows, not runs. */
function runWhere(f: EventFilter): { sql: string; args: (string | number)[] } {
  const where = ['r.StartedAt >= ?', 'r.StartedAt < ?', 'r.DryRun = 0'];
  const args: (string | number)[] = [iso(f.from), iso(f.to)];
  if (f.connectionId !== undefined) {
    where.push('r.ConnectionID = ?');
    args.push(f.connectionId);
  }
  if (f.companyId !== undefined) {
    where.push('r.CompanyID = ?');
    args.push(f.companyId);
  }
  if (f.trigger) {
    where.push('r.Trigger = ?');
    args.push(f.trigger);
  }
  return { sql: where.join(' AND '), args };
}

/** Historial de sincronización: rows per run × catalog, statistics and per-record errors. */
export class RunHistoryQueries {
  constructor(private readonly db: SettingsDb) {}

  /**
   * Newest run first, its catalogs in run order. Catalogs the ERP does not have ('No disponible') are left
   * out unless the filter asks for one catalog: they are not news for the operator.
   */
  list(f: EventFilter, limit: number): RunHistoryRow[] {
    const w = runWhere(f);
    const where = [w.sql];
    const args = [...w.args];
    if (f.catalog) {
      where.push('c.Catalog = ?');
      args.push(f.catalog);
    } else where.push("c.State <> 'unavailable'");
    const text = f.text?.trim();
    if (text) {
      where.push("(c.Message LIKE ? ESCAPE '\\' OR r.Message LIKE ? ESCAPE '\\')");
      args.push(likePattern(text), likePattern(text));
    }
    const rows = this.db
      .prepare(
        `SELECT r.RunID, r.ConnectionID, r.CompanyID, COALESCE(co.Name, r.CompanyID) AS CompanyName, r.Trigger,
                c.Catalog, CASE WHEN c.Held > 0 THEN 'review' ELSE c.State END AS State, c.StartedAt, c.EndedAt, c.Message, c.Read, c.Pushed, c.Failed
         FROM sync_runs r
         JOIN sync_run_catalogs c ON c.RunID = r.RunID
         LEFT JOIN erp_companies co ON co.ConnectionID = r.ConnectionID AND co.CompanyID = r.CompanyID
         WHERE ${where.join(' AND ')}
         ORDER BY r.StartedAt DESC, r.RunID DESC, c.rowid
         LIMIT ?`,
      )
      .all(...args, limit) as {
      RunID: number;
      ConnectionID: number;
      CompanyID: string;
      CompanyName: string;
      Trigger: RunHistoryRow['trigger'];
      Catalog: string;
      State: RunHistoryRow['state'];
      StartedAt: string;
      EndedAt: string | null;
      Message: string | null;
      Read: number;
      Pushed: number;
      Failed: number;
    }[];
    return rows.map((r) => ({
      runId: r.RunID,
      connectionId: r.ConnectionID,
      companyId: r.CompanyID,
      companyName: r.CompanyName,
      catalog: r.Catalog,
      catalogLabel: labelOf(r.Catalog),
      state: r.State,
      stateLabel: CATALOG_STATE_LABELS[r.State],
      trigger: r.Trigger,
      startedAt: r.StartedAt,
      endedAt: r.EndedAt,
      message: r.Message,
      read: r.Read,
      pushed: r.Pushed,
      failed: r.Failed,
    }));
  }

  /** Counts and percentages of the runs in [from, to), the last sync, and runs per local day by state. */
  stats(f: EventFilter): RunStats {
    const w = runWhere(f);
    const runs = this.db.prepare(`SELECT r.State, r.StartedAt FROM sync_runs r WHERE ${w.sql}`).all(...w.args) as {
      State: 'running' | 'success' | 'partial' | 'failed' | 'review';
      StartedAt: string;
    }[];
    const count = { running: 0, success: 0, partial: 0, failed: 0, review: 0 };
    const perDay = new Map<string, RunStats['perDay'][number]>();
    // Every local day of the range, so the chart has no gaps.
    const end = new Date(f.to);
    for (let d = new Date(f.from); d < end; d = new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1)) {
      perDay.set(localDay(d), { day: localDay(d), success: 0, partial: 0, failed: 0, review: 0 });
    }
    for (const r of runs) {
      count[r.State]++;
      if (r.State === 'running') continue;
      const day = localDay(new Date(r.StartedAt));
      const bucket = perDay.get(day) ?? { day, success: 0, partial: 0, failed: 0, review: 0 };
      bucket[r.State]++;
      perDay.set(day, bucket);
    }
    const total = runs.length;
    const pct = (n: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);
    const scope = runWhere({ ...f, from: new Date(0).toISOString(), to: '9999-12-31T23:59:59.999Z' });
    const last = this.db
      .prepare(
        `SELECT MAX(r.EndedAt) AS at FROM sync_runs r WHERE ${scope.sql} AND r.State IN ('success', 'partial', 'failed', 'review')`,
      )
      .get(...scope.args) as { at: string | null };
    return {
      total,
      ...count,
      successPct: pct(count.success),
      failedPct: pct(count.failed),
      lastSyncAt: last.at,
      perDay: [...perDay.values()].sort((a, b) => a.day.localeCompare(b.day)),
    };
  }

  errors(runId: number, limit = 5000): RunErrorView[] {
    const rows = this.db
      .prepare(
        'SELECT ErrorID, Catalog, RecordKey, Phase, Message, At FROM sync_run_errors WHERE RunID = ? ORDER BY ErrorID LIMIT ?',
      )
      .all(runId, limit) as {
      ErrorID: number;
      Catalog: string;
      RecordKey: string | null;
      Phase: RunErrorView['phase'];
      Message: string;
      At: string;
    }[];
    return rows.map((r) => ({
      errorId: r.ErrorID,
      catalog: r.Catalog,
      catalogLabel: labelOf(r.Catalog),
      recordKey: r.RecordKey,
      phase: r.Phase,
      message: r.Message,
      at: r.At,
    }));
  }

  scopeOf(runId: number): Scope | undefined {
    const r = this.db.prepare('SELECT ConnectionID, CompanyID FROM sync_runs WHERE RunID = ?').get(runId) as
      { ConnectionID: number; CompanyID: string } | undefined;
    return r ? { connectionId: r.ConnectionID, companyId: r.CompanyID } : undefined;
  }

  /** Last finished runs of a company, newest first (for the health of the companies grid). */
  recent(s: Scope, n: number): { state: string; startedAt: string }[] {
    return this.db
      .prepare(
        `SELECT State AS state, StartedAt AS startedAt FROM sync_runs
         WHERE ConnectionID = ? AND CompanyID = ? AND State <> 'running' AND DryRun = 0 ORDER BY RunID DESC LIMIT ?`,
      )
      .all(s.connectionId, s.companyId, n) as { state: string; startedAt: string }[];
  }

  lastGood(s: Scope): string | null {
    const r = this.db
      .prepare(
        `SELECT MAX(COALESCE(EndedAt, StartedAt)) AS at FROM sync_runs
         WHERE ConnectionID = ? AND CompanyID = ? AND State IN ('success', 'partial') AND DryRun = 0`,
      )
      .get(s.connectionId, s.companyId) as { at: string | null };
    return r.at;
  }
}

/** Health of a company in the grid. */
export const FAILING_AFTER = 3;
export function companyHealth(
  q: RunHistoryQueries,
  s: Scope,
  settings: { sync: boolean; periodMinutes: number } | undefined,
  now: Date,
): 'ok' | 'failing' | 'stale' | 'never' | 'review' {
  const recent = q.recent(s, FAILING_AFTER);
  if (recent.length === 0) return 'never';
  // Deactivations wait for a person: that, not the age of the last success, is what to look at.
  if (recent[0]?.state === 'review') return 'review';
  if (recent.every((r) => r.state === 'failed')) return 'failing';
  if (settings?.sync) {
    const good = q.lastGood(s);
    if (!good || now.getTime() - Date.parse(good) > 2 * settings.periodMinutes * 60_000) return 'stale';
  }
  return 'ok';
}
