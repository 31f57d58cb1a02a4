import type { CatalogName } from '../../../../shared/catalogs';
import type { SchemaFacts } from './schema-facts';
import type { Fingerprint } from './record-version-fingerprint';
import type { SqlParam, SqlRow } from '../firebird-client';

/** One row of a catalog's SELECT: OCTETS text already decoded from Windows-1252 by the runner. */
export type SourceRow = Readonly<Record<string, unknown>>;

/**
 * What a catalog's SELECT may use besides plain SQL. Column names cannot be bound, so everything that
 * depends on the customer's schema (which tables and columns exist, text lengths) goes through here.
 */
export interface SqlBuilder {
  readonly schema: SchemaFacts;
  /**
   * The block filter on an indexed id column: `<column> BETWEEN ? AND ?` when reading blocks (parameters bound
   * by the runner, shifted by `offset` for catalogs that number blocks of several tables), `1 = 1` otherwise.
   * Call it once per place the range applies (e.g. every branch of a UNION).
   */
  range(column: string, offset?: number): string;
}

/**
 * How one Microsip catalog is read. The runner (microsip-catalog-source.ts) wraps `select` in the block
 * checksum query and in the block-range read query, so both always see exactly the same rows and columns.
 */
export interface MicrosipCatalog {
  readonly name: CatalogName;
  /** Tables without which the catalog is not offered (older Microsip, other modules not installed). */
  readonly requires: readonly string[];
  /** Other tables it reads when present (their columns come from the metadata too). */
  readonly optional?: readonly string[];
  /** Overrides `requires` for catalogs assembled from alternative tables (discounts). */
  available?(schema: SchemaFacts): boolean;
  /**
   * Output columns besides ID, in checksum order: 'text' columns are OCTETS (Windows-1252 bytes, decoded by the
   * runner), 'bytes' columns OCTETS the runner leaves as Buffers (UTF-8 documents such as a CFDI's XML, decoded by
   * the catalog), 'value' columns anything else. Every one of them is hashed, so a change to anything toRecord can
   * read moves the block checksum.
   */
  readonly columns: Readonly<Record<string, 'text' | 'bytes' | 'value'>>;
  /**
   * Rows per query and per decoding step, for catalogs whose rows are large (invoices carry a ~16 KB XML each):
   * keeps memory and event-loop steps small. Default: the runner's page size and the engine's read batch.
   */
  readonly pageRows?: number;
  /** Extra columns (among `columns`) that order rows sharing an ID: stock by warehouse, prices by list. */
  readonly orderBy?: readonly string[];
  /** A SELECT (no ORDER BY) with an integer column ID that numbers blocks (ID / BLOCK_SIZE) and `columns`. */
  select(b: SqlBuilder): string;
  /**
   * Big catalogs: detect changes from record versions of their source tables instead of hashing every row
   * (record-version-fingerprint.ts). Must list every table `select` reads that can change a record.
   */
  fingerprint?(schema: SchemaFacts): Fingerprint;
  /**
   * Optional second step on the raw rows of one page, in the same snapshot, before decoding: fetches what does not
   * fit in one row (the rest of a large BLOB, read in chunks because a Firebird row is limited to 64 KB).
   */
  complete?(
    rows: SqlRow[],
    query: (sql: string, params: SqlParam[]) => Promise<SqlRow[]>,
    schema: SchemaFacts,
  ): Promise<void>;
  /** Row → the docs/wopen-api.md record. */
  toRecord(row: SourceRow): { key: string; data: Record<string, unknown> };
}

export { text, keyText, refKey, num, truthy } from '../../record-values';
import { text } from '../../record-values';

/** A name that is never empty in the store. */
export function nameOr(v: unknown, fallback: string): string {
  return text(v) ?? fallback;
}
