import type { CatalogDefinition, RawRow } from '../../catalog-definition';
import type { SchemaFacts } from './schema-facts';
import type { Fingerprint } from './record-version-fingerprint';
import type { SqlParam } from '../firebird-client';

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
 * How a fingerprint column arrives: 'text' is OCTETS (Windows-1252 bytes, decoded by the runner), 'bytes' OCTETS
 * the runner leaves as a Buffer (UTF-8 documents such as a CFDI's XML, decoded by the catalog), 'value' anything
 * else (cast to OCTETS text for hashing).
 */
export type FirebirdColumn = 'text' | 'bytes' | 'value';

/** What `complete` may use: queries in the same snapshot as the page's rows, and the schema. */
export interface FirebirdReader {
  query(sql: string, params: SqlParam[]): Promise<RawRow[]>;
  readonly schema: SchemaFacts;
}

/** The Firebird dialect: a SELECT built per schema and per block range; ids are INTEGER, one generator. */
export interface FirebirdDialect {
  select: (b: SqlBuilder) => string;
  columns: Readonly<Record<string, FirebirdColumn>>;
  reader: FirebirdReader;
}

/**
 * One Microsip catalog: the shared definition, whose SELECT always numbers blocks by an integer column ID,
 * plus which tables it needs and how its changes are detected cheaply.
 */
export interface MicrosipCatalog extends CatalogDefinition<FirebirdDialect> {
  readonly blockColumn: 'ID';
  /** Tables without which the catalog is not offered (older Microsip, other modules not installed). */
  readonly requires: readonly string[];
  /** Other tables it reads when present (their columns come from the metadata too). */
  readonly optional?: readonly string[];
  /** Overrides `requires` for catalogs assembled from alternative tables (discounts). */
  available?(schema: SchemaFacts): boolean;
  /**
   * Big catalogs: detect changes from record versions of their source tables instead of hashing every row
   * (record-version-fingerprint.ts). Must list every table `select` reads that can change a record.
   */
  fingerprint?(schema: SchemaFacts): Fingerprint;
}
