import type { Database, Statement } from 'better-sqlite3';

export interface StoredRecord {
  key: string;
  data: Record<string, unknown>;
  active: boolean;
  updatedAt: string;
  version: number;
}

interface RecordRow {
  key: string;
  data: string;
  active: number;
  updated_at: string;
  version: number;
}

/** Catalog records: upsert merges top-level fields, delete deactivates (docs/wopen-api.md). */
export class RecordsStore {
  private readonly insertNew: Statement<[string, string, string, string]>;
  private readonly selectOne: Statement<[string, string], { data: string; active: number }>;
  private readonly updateOne: Statement<[string, string, string, string]>;
  private readonly deactivate: Statement<[string, string, string]>;

  constructor(private readonly db: Database) {
    // Fresh keys (the benchmark's first sync) cost one statement; only existing keys pay for the merge.
    this.insertNew = db.prepare(
      `INSERT INTO records (catalog, key, data, active, updated_at, version) VALUES (?, ?, ?, 1, ?, 1)
       ON CONFLICT (catalog, key) DO NOTHING`,
    );
    this.selectOne = db.prepare('SELECT data, active FROM records WHERE catalog = ? AND key = ?');
    this.updateOne = db.prepare(
      'UPDATE records SET data = ?, active = 1, updated_at = ?, version = version + 1 WHERE catalog = ? AND key = ?',
    );
    this.deactivate = db.prepare(
      'UPDATE records SET active = 0, updated_at = ?, version = version + 1 WHERE catalog = ? AND key = ? AND active = 1',
    );
  }

  upsert(catalog: string, key: string, data: Record<string, unknown>, dataJson: string, now: string): void {
    if (this.insertNew.run(catalog, key, dataJson, now).changes > 0) return;
    const current = this.selectOne.get(catalog, key);
    if (!current) return;
    // Top-level merge: absent fields keep the store's value; present ones (null included) replace it.
    const merged = JSON.stringify({ ...(JSON.parse(current.data) as Record<string, unknown>), ...data });
    if (merged === current.data && current.active === 1) return; // nothing changed: keep the version
    this.updateOne.run(merged, now, catalog, key);
  }

  /** Deactivating an unknown or already inactive key is a no-op, so replays and re-runs are harmless. */
  deactivateKey(catalog: string, key: string, now: string): void {
    this.deactivate.run(now, catalog, key);
  }

  list(catalog: string, filter: { key?: string; active?: boolean; limit: number; offset: number }): StoredRecord[] {
    const where = ['catalog = ?'];
    const params: (string | number)[] = [catalog];
    if (filter.key !== undefined) {
      where.push('key = ?');
      params.push(filter.key);
    }
    if (filter.active !== undefined) {
      where.push('active = ?');
      params.push(filter.active ? 1 : 0);
    }
    const rows = this.db
      .prepare(
        `SELECT key, data, active, updated_at, version FROM records WHERE ${where.join(' AND ')} ORDER BY key LIMIT ? OFFSET ?`,
      )
      .all(...params, filter.limit, filter.offset) as RecordRow[];
    return rows.map((r) => ({
      key: r.key,
      data: JSON.parse(r.data) as Record<string, unknown>,
      active: r.active === 1,
      updatedAt: r.updated_at,
      version: r.version,
    }));
  }

  counts(): Record<string, { total: number; active: number; inactive: number }> {
    const rows = this.db
      .prepare(
        'SELECT catalog, COUNT(*) AS total, SUM(active) AS active FROM records GROUP BY catalog ORDER BY catalog',
      )
      .all() as { catalog: string; total: number; active: number }[];
    return Object.fromEntries(
      rows.map((r) => [r.catalog, { total: r.total, active: r.active, inactive: r.total - r.active }]),
    );
  }
}
