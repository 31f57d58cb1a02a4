import type { SettingsDb } from '../settings/database';
import type { Scope } from '../core/scope';

export interface SyncRequest extends Scope {
  requestId: number;
  requestedBy: string;
}

/** *Sincronizar ahora* asked by a console that only monitors, for the process that holds the engine lease. */
export class SyncRequestsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** One open request per company is enough: asking twice before it is handled adds nothing. */
  request(s: Scope, by: string): { queued: boolean } {
    const add = this.db.transaction(() => {
      const open = this.db
        .prepare('SELECT 1 FROM sync_requests WHERE ConnectionID = ? AND CompanyID = ? AND HandledAt IS NULL')
        .get(s.connectionId, s.companyId);
      if (open) return { queued: false };
      this.db
        .prepare('INSERT INTO sync_requests (ConnectionID, CompanyID, RequestedAt, RequestedBy) VALUES (?, ?, ?, ?)')
        .run(s.connectionId, s.companyId, this.now(), by);
      return { queued: true };
    });
    return add.immediate();
  }

  pending(): SyncRequest[] {
    return (
      this.db
        .prepare(
          'SELECT RequestID, ConnectionID, CompanyID, RequestedBy FROM sync_requests WHERE HandledAt IS NULL ORDER BY RequestID',
        )
        .all() as { RequestID: number; ConnectionID: number; CompanyID: string; RequestedBy: string }[]
    ).map((r) => ({
      requestId: r.RequestID,
      connectionId: r.ConnectionID,
      companyId: r.CompanyID,
      requestedBy: r.RequestedBy,
    }));
  }

  handled(requestId: number, result: string): void {
    this.db
      .prepare('UPDATE sync_requests SET HandledAt = ?, Result = ? WHERE RequestID = ?')
      .run(this.now(), result, requestId);
  }

  /** Handled requests older than the cutoff (housekeeping with the event purge). */
  purge(beforeIso: string): number {
    return this.db.prepare('DELETE FROM sync_requests WHERE HandledAt IS NOT NULL AND HandledAt < ?').run(beforeIso)
      .changes;
  }
}
