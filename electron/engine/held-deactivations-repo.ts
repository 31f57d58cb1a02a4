import type { SettingsDb } from '../settings/database';
import type { CatalogName } from '../../shared/catalogs';
import type { HoldVerdict } from './deactivation-guard';
import type { Scope } from '../core/scope';

export interface HeldKey {
  key: string;
  block: number;
}

export interface HeldCatalog extends HoldVerdict {
  catalog: CatalogName;
  runId: number;
  heldAt: string;
  /** A few of the held keys, in key order. */
  samples: string[];
  /** *Aplicar* was given: the next run sends them. */
  approvedAt: string | null;
  approvedBy: string | null;
}

/** The deactivations a run held back, per company and catalog, until a person applies or discards them. */
export class HeldDeactivationsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string,
  ) {}

  /** The latest run's verdict for that catalog replaces the previous one; null clears it. */
  replace(s: Scope, catalog: CatalogName, held: { runId: number; verdict: HoldVerdict; keys: HeldKey[] } | null): void {
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM held_catalogs WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?')
        .run(s.connectionId, s.companyId, catalog);
      if (!held) return;
      const v = held.verdict;
      this.db
        .prepare(
          `INSERT INTO held_catalogs (ConnectionID, CompanyID, Catalog, RunID, Reason, Held, StoreHolds, ErpCount, HeldAt)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(s.connectionId, s.companyId, catalog, held.runId, v.reason, v.held, v.storeHolds, v.erpCount, this.now());
      const add = this.db.prepare(
        'INSERT OR IGNORE INTO held_deactivations (ConnectionID, CompanyID, Catalog, RecordKey, Block) VALUES (?, ?, ?, ?, ?)',
      );
      for (const k of held.keys) add.run(s.connectionId, s.companyId, catalog, k.key, k.block);
    })();
  }

  list(s: Scope, sampleSize = 10): HeldCatalog[] {
    const rows = this.db
      .prepare(
        `SELECT Catalog, RunID, Reason, Held, StoreHolds, ErpCount, HeldAt, ApprovedAt, ApprovedBy FROM held_catalogs
         WHERE ConnectionID = ? AND CompanyID = ? ORDER BY Catalog`,
      )
      .all(s.connectionId, s.companyId) as {
      Catalog: CatalogName;
      RunID: number;
      Reason: HoldVerdict['reason'];
      Held: number;
      StoreHolds: number;
      ErpCount: number;
      HeldAt: string;
      ApprovedAt: string | null;
      ApprovedBy: string | null;
    }[];
    const samples = this.db.prepare(
      `SELECT RecordKey FROM held_deactivations WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?
       ORDER BY RecordKey LIMIT ?`,
    );
    return rows.map((r) => ({
      catalog: r.Catalog,
      runId: r.RunID,
      reason: r.Reason,
      held: r.Held,
      storeHolds: r.StoreHolds,
      erpCount: r.ErpCount,
      heldAt: r.HeldAt,
      approvedAt: r.ApprovedAt,
      approvedBy: r.ApprovedBy,
      samples: (samples.all(s.connectionId, s.companyId, r.Catalog, sampleSize) as { RecordKey: string }[]).map(
        (x) => x.RecordKey,
      ),
    }));
  }

  /** Every company with something held (the CLI's `held list` without a company, the alerts). */
  scopes(): Scope[] {
    return (
      this.db
        .prepare('SELECT DISTINCT ConnectionID, CompanyID FROM held_catalogs ORDER BY ConnectionID, CompanyID')
        .all() as { ConnectionID: number; CompanyID: string }[]
    ).map((r) => ({ connectionId: r.ConnectionID, companyId: r.CompanyID }));
  }

  /** *Aplicar*: marks the catalogs' held sets for the next run. */
  approve(s: Scope, catalogs: readonly CatalogName[], by: string): void {
    const mark = this.db.prepare(
      'UPDATE held_catalogs SET ApprovedAt = ?, ApprovedBy = ? WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?',
    );
    const at = this.now();
    this.db.transaction(() => {
      for (const c of catalogs) mark.run(at, by, s.connectionId, s.companyId, c);
    })();
  }

  /** The approved held keys per catalog: what a run may deactivate without the check. */
  approved(s: Scope): Partial<Record<CatalogName, ReadonlySet<string>>> {
    const catalogs = this.db
      .prepare('SELECT Catalog FROM held_catalogs WHERE ConnectionID = ? AND CompanyID = ? AND ApprovedAt IS NOT NULL')
      .raw()
      .all(s.connectionId, s.companyId) as [CatalogName][];
    return Object.fromEntries(catalogs.map(([c]) => [c, this.keys(s, c)]));
  }

  keys(s: Scope, catalog: CatalogName): Set<string> {
    const rows = this.db
      .prepare('SELECT RecordKey FROM held_deactivations WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?')
      .raw()
      .all(s.connectionId, s.companyId, catalog) as [string][];
    return new Set(rows.map((r) => r[0]));
  }
}
