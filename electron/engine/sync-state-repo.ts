import type { Statement } from 'better-sqlite3';
import type { SettingsDb } from '../settings/database';
import type { CatalogName } from '../../shared/catalogs';
import type { Scope } from '../core/scope';

/**
 * The engine's memory of what the store holds: per key the hash of the last accepted content, per block the
 * ERP checksum at the last complete pass. Written only after the store accepted a batch.
 */
export class SyncStateRepo {
  // Prepared once: these run for every accepted batch and every re-read block.
  private readonly upsertRecords: Statement;
  private readonly deleteRecord: Statement;
  private readonly selectBlock: Statement;
  private readonly nextBlock: Statement;

  constructor(private readonly db: SettingsDb) {
    // A whole accepted batch in one statement ([key, block, hash] triples as JSON): one call into SQLite per
    // batch instead of one per record, a third less time at 840,000 records.
    this.upsertRecords = db.prepare(
      `INSERT INTO sync_records (ConnectionID, CompanyID, Catalog, RecordKey, Block, Hash)
       SELECT ?, ?, ?, json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), json_extract(j.value, '$[2]')
         FROM json_each(?) j WHERE true
       ON CONFLICT (ConnectionID, CompanyID, Catalog, RecordKey) DO UPDATE SET Block = excluded.Block, Hash = excluded.Hash`,
    );
    this.deleteRecord = db.prepare(
      'DELETE FROM sync_records WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ? AND RecordKey = ?',
    );
    this.selectBlock = db
      .prepare(
        'SELECT RecordKey, Hash FROM sync_records WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ? AND Block = ?',
      )
      .raw();
    this.nextBlock = db.prepare(
      'SELECT MIN(Block) AS b FROM sync_records WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ? AND Block > ?',
    );
  }

  blockChecksums(s: Scope, catalog: CatalogName): Map<number, string> {
    const rows = this.db
      .prepare('SELECT Block, Checksum FROM sync_blocks WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?')
      .all(s.connectionId, s.companyId, catalog) as { Block: number; Checksum: string }[];
    return new Map(rows.map((r) => [r.Block, r.Checksum]));
  }

  /**
   * Blocks that hold pushed records (a block can have records but no checksum after a failed pass). A skip
   * scan — one index seek per block — instead of DISTINCT over every record: 100 seeks, not 500,000 rows.
   */
  recordBlocks(s: Scope, catalog: CatalogName): Set<number> {
    const blocks = new Set<number>();
    let after = Number.MIN_SAFE_INTEGER;
    for (;;) {
      const row = this.nextBlock.get(s.connectionId, s.companyId, catalog, after) as { b: number | null };
      if (row.b === null) return blocks;
      blocks.add(row.b);
      after = row.b;
    }
  }

  /** How many records of the catalog the store holds, as far as the engine pushed and the store accepted. */
  recordCount(s: Scope, catalog: CatalogName): number {
    return (
      this.db
        .prepare('SELECT COUNT(*) AS n FROM sync_records WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?')
        .get(s.connectionId, s.companyId, catalog) as { n: number }
    ).n;
  }

  hasAnyRecord(s: Scope, catalog: CatalogName): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM sync_records WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ? LIMIT 1')
        .get(s.connectionId, s.companyId, catalog) !== undefined
    );
  }

  /** Key → hash of one block. */
  blockHashes(s: Scope, catalog: CatalogName, block: number): Map<string, string> {
    return new Map(this.selectBlock.all(s.connectionId, s.companyId, catalog, block) as [string, string][]);
  }

  /** Records the store accepted: upserted keys with their new hash, deactivated keys removed. */
  commitAccepted(
    s: Scope,
    catalog: CatalogName,
    upserts: { key: string; block: number; hash: string }[],
    deletes: string[],
  ): void {
    this.db.transaction(() => {
      if (upserts.length > 0)
        this.upsertRecords.run(
          s.connectionId,
          s.companyId,
          catalog,
          JSON.stringify(upserts.map((u) => [u.key, u.block, u.hash])),
        );
      for (const k of deletes) this.deleteRecord.run(s.connectionId, s.companyId, catalog, k);
    })();
  }

  /** Block checksums after a complete, fully accepted pass over those blocks. */
  commitBlocks(s: Scope, catalog: CatalogName, done: Map<number, string>, vanished: number[]): void {
    const up = this.db.prepare(
      `INSERT INTO sync_blocks (ConnectionID, CompanyID, Catalog, Block, Checksum) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (ConnectionID, CompanyID, Catalog, Block) DO UPDATE SET Checksum = excluded.Checksum`,
    );
    const del = this.db.prepare(
      'DELETE FROM sync_blocks WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ? AND Block = ?',
    );
    this.db.transaction(() => {
      for (const [b, c] of done) up.run(s.connectionId, s.companyId, catalog, b, c);
      for (const b of vanished) del.run(s.connectionId, s.companyId, catalog, b);
    })();
  }

  projection(s: Scope, catalog: CatalogName): string | undefined {
    const r = this.db
      .prepare('SELECT Projection FROM sync_catalogs WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?')
      .get(s.connectionId, s.companyId, catalog) as { Projection: string } | undefined;
    return r?.Projection;
  }

  /** Records a new projection and drops the catalog's block checksums in the same transaction. */
  resetProjection(s: Scope, catalog: CatalogName, projection: string): void {
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM sync_blocks WHERE ConnectionID = ? AND CompanyID = ? AND Catalog = ?')
        .run(s.connectionId, s.companyId, catalog);
      this.db
        .prepare(
          `INSERT INTO sync_catalogs (ConnectionID, CompanyID, Catalog, Projection) VALUES (?, ?, ?, ?)
           ON CONFLICT (ConnectionID, CompanyID, Catalog) DO UPDATE SET Projection = excluded.Projection`,
        )
        .run(s.connectionId, s.companyId, catalog, projection);
    })();
  }

  /** Forgets everything pushed for a company (e.g. the store was reset): the next run pushes all. */
  reset(s: Scope): void {
    this.db.transaction(() => {
      this.db
        .prepare('DELETE FROM sync_records WHERE ConnectionID = ? AND CompanyID = ?')
        .run(s.connectionId, s.companyId);
      this.db
        .prepare('DELETE FROM sync_blocks WHERE ConnectionID = ? AND CompanyID = ?')
        .run(s.connectionId, s.companyId);
      this.db
        .prepare('DELETE FROM sync_catalogs WHERE ConnectionID = ? AND CompanyID = ?')
        .run(s.connectionId, s.companyId);
    })();
  }
}
