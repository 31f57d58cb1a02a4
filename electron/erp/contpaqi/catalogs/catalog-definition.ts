import type { CatalogDefinition } from '../../catalog-definition';

/**
 * The T-SQL dialect: the SELECT is fixed text in the portable subset (see startpro-queries.ts), parameters
 * limited to @company (OwnedBusinessEntityID) and @today; columns are plain names.
 */
export interface TsqlDialect {
  select: string;
  columns: readonly string[];
  /** What `complete` may use: the network folders the user allowed for CFDI XML files. */
  reader: { cfdiFolders: readonly string[] };
}

/**
 * One Start/Pro catalog: the shared definition, nothing more. Fields Start/Pro has no concept for are left out
 * of its records (the store keeps its own).
 */
export type StartProCatalog = CatalogDefinition<TsqlDialect>;
