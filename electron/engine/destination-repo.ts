import type { SettingsDb } from '../settings/database';
import type { StoreIdentity } from '../store/port';
import { storeKeyOf } from './store-identity';
import type { Scope } from './sync-state-repo';

export type DestinationCheck =
  | { kind: 'same'; storeKey: string }
  /** First run with store identities: the existing state and inbox rows are taken as this store's. */
  | { kind: 'adopted'; storeKey: string }
  /** Another store than the state was built against: the state was dropped, the run pushes everything. */
  | { kind: 'changed'; storeKey: string; previous: string };

/**
 * Which store a company's sync state belongs to (sync_destinations). Checked at the start of every run; a
 * different identity drops the state in the same transaction as the new identity is recorded.
 */
export class DestinationRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  current(s: Scope): string | null {
    const r = this.db.prepare('SELECT StoreKey FROM sync_destinations WHERE ConnectionID = ? AND CompanyID = ?').get(s.connectionId, s.companyId) as
      | { StoreKey: string }
      | undefined;
    return r?.StoreKey ?? null;
  }

  bind(s: Scope, identity: StoreIdentity): DestinationCheck {
    const storeKey = storeKeyOf(identity);
    return this.db.transaction((): DestinationCheck => {
      const previous = this.current(s);
      if (previous === storeKey) return { kind: 'same', storeKey };
      this.db
        .prepare(
          `INSERT INTO sync_destinations (ConnectionID, CompanyID, StoreKey, Origin, StoreID, Since) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET StoreKey = excluded.StoreKey, Origin = excluded.Origin, StoreID = excluded.StoreID, Since = excluded.Since`,
        )
        .run(s.connectionId, s.companyId, storeKey, identity.origin, identity.storeId, this.now());
      if (previous === null) {
        // Rows written before identities existed belong to the store the company synced with then: this one.
        for (const table of ['order_inbox', 'invoice_inbox']) {
          this.db.prepare(`UPDATE ${table} SET StoreKey = ? WHERE ConnectionID = ? AND CompanyID = ? AND StoreKey = ''`).run(storeKey, s.connectionId, s.companyId);
        }
        return { kind: 'adopted', storeKey };
      }
      this.forgetSyncState(s);
      return { kind: 'changed', storeKey, previous };
    }).immediate();
  }

  /** Drops what the engine remembers as pushed for the company: the next pass pushes every record. */
  forgetSyncState(s: Scope): void {
    this.db.transaction(() => {
      for (const table of ['sync_records', 'sync_blocks', 'sync_catalogs']) {
        this.db.prepare(`DELETE FROM ${table} WHERE ConnectionID = ? AND CompanyID = ?`).run(s.connectionId, s.companyId);
      }
    })();
  }
}
