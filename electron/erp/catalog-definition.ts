import type { CatalogName } from '../../shared/catalogs';

/** One row of a catalog's SELECT as the runner hands it to `toRecord` (text already decoded). */
export type SourceRow = Readonly<Record<string, unknown>>;

/** A row before `toRecord`, which `complete` may still fill in. */
export type RawRow = Record<string, unknown>;

/** What `toRecord` makes of a row: the record without its block, which the runner adds. */
export interface MappedRecord {
  key: string;
  data: Record<string, unknown>;
}

/**
 * What differs between the SQL dialects, and only that:
 * - `select`: how a catalog writes its SELECT (Firebird: a function of the schema and the block filter;
 *   T-SQL: fixed text with @company/@today);
 * - `columns`: what the dialect must know about each fingerprint column (Firebird: how its bytes arrive;
 *   T-SQL: nothing but the name, BINARY_CHECKSUM takes any column as it is);
 * - `reader`: what `complete` may use to fetch more (Firebird: queries in the read's snapshot; T-SQL: none).
 */
export interface Dialect {
  select: unknown;
  columns: readonly string[] | Readonly<Record<string, string>>;
  reader: unknown;
}

/**
 * How one catalog of one ERP is read, in the words every ERP shares. The ERP's runner wraps `select` in the
 * block checksum query and in the block-range read query, so both always see exactly the same rows.
 */
export interface CatalogDefinition<D extends Dialect> {
  readonly name: CatalogName;
  /** A SELECT without ORDER BY, every column aliased. */
  readonly select: D['select'];
  /**
   * Integer column that numbers blocks (column / BLOCK_SIZE) and bounds range reads. null: a small catalog
   * without an integer key, read as one block (0) in one query.
   */
  readonly blockColumn: string | null;
  /** The columns that tell a row from the others, in the order that sorts the rows of a block (block column first). */
  readonly keyColumns: readonly string[];
  /**
   * Every other output column besides the block column, in checksum order: each one is in the block checksum,
   * so a change to anything `toRecord` can read moves it.
   */
  readonly columns: D['columns'];
  /**
   * Rows per query and per mapping step, for catalogs whose rows are large (an invoice's XML): keeps memory and
   * event-loop steps small. Default: the runner's page size and the engine's read batch.
   */
  readonly pageRows?: number;
  /**
   * Optional step on the rows of one read step before `toRecord`: fetches what the SELECT could not carry (the
   * rest of a large BLOB, an XML file on a share) and writes it into the rows.
   */
  complete?(rows: RawRow[], reader: D['reader']): Promise<void>;
  /** Row → the docs/wopen-api.md record. */
  toRecord(row: SourceRow): MappedRecord;
}
