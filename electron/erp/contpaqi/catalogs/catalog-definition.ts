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
  /** Asynchronous finishing of a slice of records (the invoices' XML files), after toRecord. */
  complete?(records: { key: string; data: Record<string, unknown> }[]): Promise<void>;
}

export { text, keyText, refKey, num, truthy } from '../../record-values';
import { num } from '../../record-values';

/**
 * Percent as the store wants it (16 = 16 %). vwLBSTaxPerc holds 0.16 or 16 depending on the install
 * (reference §2.3, BROS normalizes values above 1), so values strictly between 0 and 1 are fractions.
 */
export function percentFromRate(v: unknown): number {
  const n = num(v);
  return n > 0 && n < 1 ? num(n * 100) : n;
}
