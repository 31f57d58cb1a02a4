import type { SettingsDb } from '../settings/database';

/** Retention of the event log and the run history: a configurable horizon (default 30 days); the last 7 days are never purged. */
export const DEFAULT_RETENTION_DAYS = 30;
export const MIN_RETENTION_DAYS = 7;
const KEY = 'events.retentionDays';
const DAY_MS = 86_400_000;
const CHUNK = 10_000;

export class EventRetention {
  constructor(
    private readonly db: SettingsDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  days(): number {
    const row = this.db.prepare('SELECT Value FROM app_settings WHERE Key = ?').get(KEY) as
      { Value: string } | undefined;
    const n = row ? Number(row.Value) : NaN;
    return Number.isInteger(n) ? Math.max(MIN_RETENTION_DAYS, n) : DEFAULT_RETENTION_DAYS;
  }

  save(days: number): number {
    const kept = Math.max(MIN_RETENTION_DAYS, Math.floor(days));
    this.db
      .prepare(
        `INSERT INTO app_settings (Key, Value, UpdatedOn) VALUES (?, ?, ?)
         ON CONFLICT (Key) DO UPDATE SET Value = excluded.Value, UpdatedOn = excluded.UpdatedOn`,
      )
      .run(KEY, String(kept), this.clock().toISOString());
    return kept;
  }

  /** What is older than this (ISO) is purged: the horizon, clamped so nothing of the last 7 days can go. */
  cutoff(): string {
    const now = this.clock().getTime();
    const cutoff = new Date(now - Math.max(MIN_RETENTION_DAYS, this.days()) * DAY_MS);
    const floor = new Date(now - MIN_RETENTION_DAYS * DAY_MS);
    return (cutoff < floor ? cutoff : floor).toISOString();
  }

  /**
   * Deletes events older than the horizon, in chunks so the console is never blocked for long. The cut-off
   * is clamped so nothing of the last 7 days can go, whatever is stored.
   */
  purge(): number {
    const before = this.cutoff();
    const del = this.db.prepare(
      'DELETE FROM events WHERE EventID IN (SELECT EventID FROM events WHERE At < ? LIMIT ?)',
    );
    let total = 0;
    for (;;) {
      const n = del.run(before, CHUNK).changes;
      total += n;
      if (n < CHUNK) break;
    }
    if (total > 0) this.db.pragma('optimize');
    return total;
  }
}
