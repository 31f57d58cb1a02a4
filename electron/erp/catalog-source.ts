import type { CatalogName } from '../../shared/catalogs';

/**
 * How the sync engine reads catalogs from an ERP company.
 *
 * Change detection works on **blocks**: each catalog splits its keys into blocks by id range, and the ERP
 * computes one checksum per block *inside the database* (Firebird: record versions or HASH of the row;
 * SQL Server: BINARY_CHECKSUM sums), so an
 * unchanged catalog costs one aggregate query and no rows on the wire. Only blocks whose checksum moved are
 * read row by row; their rows are then compared with the last pushed content hash of each key. Deleted
 * records show up as keys the engine pushed before that a changed (or vanished) block no longer has.
 * This needs no modification timestamps, which Microsip fills from the application, not by trigger.
 */

export interface CatalogRecord {
  /** The ERP key of the record, as text (composite keys joined with ':'). */
  key: string;
  /** The block the key belongs to (same numbering as `checksums`). */
  block: number;
  /** The record as the store receives it (docs/wopen-api.md), before field toggles. */
  data: Record<string, unknown>;
}

export interface BlockChecksum {
  /**
   * Rows in the block: the records it holds, or for catalogs that aggregate several source rows into one
   * record (stock by month) the source rows, an upper bound. Used for progress and "registros verificados".
   */
  count: number;
  /** Opaque checksum of the block's rows; equal text means unchanged content. */
  checksum: string;
}

export interface CatalogSource {
  /** The catalogs this ERP can provide; the others are reported as not available for it. */
  readonly catalogs: readonly CatalogName[];
  /** One entry per non-empty block (a block may hold only rows that produce no record: it reads as empty). */
  checksums(catalog: CatalogName): Promise<Map<number, BlockChecksum>>;
  /**
   * The records of the given blocks (all blocks when `blocks` is omitted), in batches of at most
   * `batchSize` records, ordered by block. Never loads a whole table in memory.
   */
  read(catalog: CatalogName, opts: { blocks?: readonly number[]; batchSize: number }): AsyncIterable<CatalogRecord[]>;
  /**
   * Whether the ERP still answers (a trivial query). After one catalog failed, true means the failure was that
   * catalog's own (its SQL, a missing object) and the later catalogs are still tried; false means the
   * connection is gone. Optional: without it a failure stops the run.
   */
  alive?(): Promise<boolean>;
  close(): Promise<void>;
}

/** ERP connectors that can feed the sync engine. */
export interface CatalogProvider {
  openCatalogs(companyId: string): Promise<CatalogSource>;
}
