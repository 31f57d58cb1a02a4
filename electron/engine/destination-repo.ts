import type { SettingsDb } from '../settings/database';
import type { StoreIdentity } from '../store/port';
import { storeKeyOf } from './store-identity';
import { SyncStateRepo } from './sync-state-repo';
import type { Scope } from '../core/scope';

export type DestinationCheck =
  | { kind: 'same'; storeKey: string }
  /** First run with store identities: the existing state and inbox rows are taken as this store's. */
  | { kind: 'adopted'; storeKey: string }
  /**
   * Another store than the state was built against (another origin, or another storeId): the state was
   * dropped and the run pushes everything. With the same storeId it is the same store under another URL: its
   * inbox rows moved along (`movedInbox`). Otherwise `leftOpen` orders of the previous store were never
   * settled there (they stay in its inbox, never matched against the new store).
   */
  | { kind: 'changed'; storeKey: string; previous: string; movedInbox: number; leftOpen: number };

/**
 * Which store a company's sync state belongs to (sync_destinations). Checked at the start of every run; a
 * different identity drops the state in the same transaction as the new identity is recorded.
 */
export class DestinationRepo {
  private readonly state: SyncStateRepo;

  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.state = new SyncStateRepo(db);
  }

  current(s: Scope): string | null {
    const r = this.db
      .prepare('SELECT StoreKey FROM sync_destinations WHERE ConnectionID = ? AND CompanyID = ?')
      .get(s.connectionId, s.companyId) as { StoreKey: string } | undefined;
    return r?.StoreKey ?? null;
  }

  bind(s: Scope, identity: StoreIdentity): DestinationCheck {
    const storeKey = storeKeyOf(identity);
    return this.db
      .transaction((): DestinationCheck => {
        const before = this.db
          .prepare('SELECT StoreKey, StoreID FROM sync_destinations WHERE ConnectionID = ? AND CompanyID = ?')
          .get(s.connectionId, s.companyId) as { StoreKey: string; StoreID: string } | undefined;
        const previous = before?.StoreKey ?? null;
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
            this.db
              .prepare(`UPDATE ${table} SET StoreKey = ? WHERE ConnectionID = ? AND CompanyID = ? AND StoreKey = ''`)
              .run(storeKey, s.connectionId, s.companyId);
          }
          return { kind: 'adopted', storeKey };
        }
        this.state.reset(s);
        let movedInbox = 0;
        let leftOpen = 0;
        if (before?.StoreID === identity.storeId) {
          // The same store reached through another URL (www., https, a new domain): its orders are the same
          // orders, and their rows (with the markers written in the ERP) must keep matching them.
          for (const table of ['order_inbox', 'invoice_inbox']) {
            movedInbox += this.db
              .prepare(
                `UPDATE OR IGNORE ${table} SET StoreKey = ? WHERE ConnectionID = ? AND CompanyID = ? AND StoreKey = ?`,
              )
              .run(storeKey, s.connectionId, s.companyId, previous).changes;
          }
        } else {
          leftOpen = (
            this.db
              .prepare(
                "SELECT COUNT(*) AS n FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND StoreKey = ? AND State IN ('received', 'written')",
              )
              .get(s.connectionId, s.companyId, previous) as { n: number }
          ).n;
        }
        return { kind: 'changed', storeKey, previous, movedInbox, leftOpen };
      })
      .immediate();
  }
}
