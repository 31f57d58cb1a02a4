import type { SettingsDb } from './database';
import { pauseCovering, type PauseTarget, type SyncPause } from '../../shared/sync-pause';
import type { Scope } from '../core/scope';

interface Raw {
  ConnectionID: number | null;
  CompanyID: string | null;
  PausedAt: string;
  PausedBy: string;
  Until: string | null;
}

const toPause = (r: Raw): SyncPause => ({
  connectionId: r.ConnectionID,
  companyId: r.CompanyID,
  pausedAt: r.PausedAt,
  pausedBy: r.PausedBy,
  until: r.Until,
});

const COLUMNS = 'ConnectionID, CompanyID, PausedAt, PausedBy, Until';
/** The row of a target: NULL = NULL is never true in SQL, hence IS. */
const WHERE_TARGET = 'ConnectionID IS ? AND CompanyID IS ?';
const keyOf = (t: PauseTarget): [number | null, string | null] =>
  t === 'all' ? [null, null] : [t.connectionId, t.companyId];

/**
 * The saved pauses (`sync_pauses`). Every question takes `now`: a pause past its end time no longer counts, so it
 * expires by itself in every process even before the owner's scheduler deletes the row.
 */
export class PauseRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => Date,
  ) {}

  /** Saves (or replaces) the pause of a target. */
  set(target: PauseTarget, until: string | null, by: string): SyncPause {
    const [connectionId, companyId] = keyOf(target);
    const pausedAt = this.now().toISOString();
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM sync_pauses WHERE ${WHERE_TARGET}`).run(connectionId, companyId);
      this.db
        .prepare(`INSERT INTO sync_pauses (${COLUMNS}) VALUES (?, ?, ?, ?, ?)`)
        .run(connectionId, companyId, pausedAt, by, until);
    })();
    return { connectionId, companyId, pausedAt, pausedBy: by, until };
  }

  /** Removes the pause of a target; returns it when it was still in force. */
  clear(target: PauseTarget): SyncPause | null {
    const [connectionId, companyId] = keyOf(target);
    const row = this.db
      .prepare(`SELECT ${COLUMNS} FROM sync_pauses WHERE ${WHERE_TARGET}`)
      .get(connectionId, companyId) as Raw | undefined;
    this.db.prepare(`DELETE FROM sync_pauses WHERE ${WHERE_TARGET}`).run(connectionId, companyId);
    return row && this.active(toPause(row)) ? toPause(row) : null;
  }

  /** Removes every pause (`resume --all`); returns those that were in force. */
  clearAll(): SyncPause[] {
    const before = this.list();
    this.db.prepare('DELETE FROM sync_pauses').run();
    return before;
  }

  /** Pauses in force now: the all-companies one first. */
  list(): SyncPause[] {
    return this.rows().filter((p) => this.active(p));
  }

  /** The pause that holds this company now (its own or the all-companies one, whichever ends later), if any. */
  of(s: Scope): SyncPause | null {
    return pauseCovering(this.list(), s);
  }

  /** Deletes the pauses whose end time passed and returns them (the owner notes each in the Visor de eventos). */
  takeExpired(): SyncPause[] {
    return this.db.transaction(() => {
      const ended = this.rows().filter((p) => !this.active(p));
      const del = this.db.prepare(`DELETE FROM sync_pauses WHERE ${WHERE_TARGET} AND Until = ?`);
      for (const p of ended) del.run(p.connectionId, p.companyId, p.until);
      return ended;
    })();
  }

  private rows(): SyncPause[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM sync_pauses ORDER BY ConnectionID IS NOT NULL, ConnectionID, CompanyID`)
        .all() as Raw[]
    ).map(toPause);
  }

  private active(p: SyncPause): boolean {
    return p.until === null || Date.parse(p.until) > this.now().getTime();
  }
}
