import type { SettingsDb } from '../settings/database';
import type { Scope } from '../core/scope';
import type { SyncProgressView } from '../../shared/ipc-contract';

/** The lease holder's latest progress per company, read by a console that monitors it. */
export class EngineProgressRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  write(p: SyncProgressView): void {
    this.db
      .prepare(
        `INSERT INTO engine_progress (ConnectionID, CompanyID, Payload, UpdatedAt) VALUES (?, ?, ?, ?)
         ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET Payload = excluded.Payload, UpdatedAt = excluded.UpdatedAt`,
      )
      .run(p.connectionId, p.companyId, JSON.stringify(p), this.now());
  }

  clear(s: Scope): void {
    this.db
      .prepare('DELETE FROM engine_progress WHERE ConnectionID = ? AND CompanyID = ?')
      .run(s.connectionId, s.companyId);
  }

  clearAll(): void {
    this.db.prepare('DELETE FROM engine_progress').run();
  }

  get(s: Scope): SyncProgressView | null {
    const row = this.db
      .prepare('SELECT Payload FROM engine_progress WHERE ConnectionID = ? AND CompanyID = ?')
      .get(s.connectionId, s.companyId) as { Payload: string } | undefined;
    return row ? (JSON.parse(row.Payload) as SyncProgressView) : null;
  }

  all(): (SyncProgressView & { updatedAt: string })[] {
    return (
      this.db.prepare('SELECT Payload, UpdatedAt FROM engine_progress').all() as {
        Payload: string;
        UpdatedAt: string;
      }[]
    ).map((r) => ({
      ...(JSON.parse(r.Payload) as SyncProgressView),
      updatedAt: r.UpdatedAt,
    }));
  }
}
