import type { CatalogName } from '../../../../shared/catalogs';

/** One row of a catalog's source SELECT, as the driver returns it (mssql: BIGINT as text, BIT as boolean). */
export type SourceRow = Readonly<Record<string, unknown>>;

/**
 * How one Start/Pro catalog is read. The runner (startpro-catalog-source.ts) wraps `source` in the block
 * checksum query and the block-range read query, so both always see exactly the same rows and columns.
 */
export interface StartProCatalog {
  readonly name: CatalogName;
  /**
   * A SELECT without ORDER BY, every column aliased; parameters limited to @company (OwnedBusinessEntityID)
   * and @today. Written in the portable T-SQL subset (see startpro-queries.ts).
   */
  readonly source: string;
  /**
   * Integer column that numbers blocks (column / BLOCK_SIZE) and bounds range reads. Composite keys block by
   * their leading id (stock and prices by product). null: the catalog is small and has no integer key, so it is
   * one block (0) read in one query.
   */
  readonly blockColumn: string | null;
  /** Key columns, for a stable order inside a block. */
  readonly orderColumns: readonly string[];
  /**
   * Every column of `source` (a unit test checks it): a change to anything the mapper can read moves the
   * block checksum.
   */
  readonly checksumColumns: readonly string[];
  /** Row → the docs/wopen-api.md record. Fields Start/Pro has no concept for are omitted (the store keeps its own). */
  toRecord(row: SourceRow): { key: string; data: Record<string, unknown> };
}

/** Trimmed text, null when empty. */
export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** A key column as text (BIGINT arrives as string from mssql, as number from SQLite). */
export function keyText(v: unknown): string {
  return String(v);
}

/** A reference to another catalog: Start/Pro writes 0 (or NULL) for "none". */
export function refKey(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' || Number(s) === 0 ? null : s;
}

/** A number without float noise (FLOAT columns and sums: 0.1 + 0.2 must not become 0.30000000000000004). */
export function num(v: unknown): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? Math.round(n * 1e6) / 1e6 : 0;
}

/** BIT columns: boolean from mssql, 0/1 from SQLite. */
export function bit(v: unknown): boolean {
  return v === true || Number(v) === 1;
}

/**
 * Percent as the store wants it (16 = 16 %). vwLBSTaxPerc holds 0.16 or 16 depending on the install
 * (reference §2.3, BROS normalizes values above 1), so values strictly between 0 and 1 are fractions.
 */
export function percentFromRate(v: unknown): number {
  const n = num(v);
  return n > 0 && n < 1 ? num(n * 100) : n;
}
