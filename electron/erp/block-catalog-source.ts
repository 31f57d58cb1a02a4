import type { CatalogName } from '../../shared/catalogs';
import { CATALOG_LABELS } from '../../shared/catalogs';
import { inBatches, planBlockPages } from './block-pages';
import { BLOCK_SIZE } from './block-size';
import type { CatalogDefinition, Dialect } from './catalog-definition';
import type { BlockChecksum, CatalogRecord, CatalogSource } from './catalog-source';
import { ErpError } from './port';

/** Rows a read query may return at most (besides one block that is bigger on its own). */
export const PAGE_ROWS = 5000;

/** How an ERP names itself when a catalog is missing: «<erp> no tiene el catálogo «X».», plus what to do. */
export interface MissingCatalogText {
  erp: string;
  hint: string;
}

/**
 * The part of a CatalogSource every ERP shares (template method): the catalog lookup with its Spanish error,
 * the batch-size guard, page planning over whole blocks and regrouping into batches. Each ERP's subclass is
 * the dialect: its checksums, its counts per block and its page query (`readPages`).
 */
export abstract class BlockCatalogSource<Def extends CatalogDefinition<Dialect>> implements CatalogSource {
  readonly catalogs: readonly CatalogName[];

  protected constructor(
    protected readonly definitions: ReadonlyMap<CatalogName, Def>,
    private readonly missing: MissingCatalogText,
    /** Rows a read query may return at most (besides one bigger block); tests lower it. */
    protected readonly pageRows: number = PAGE_ROWS,
  ) {
    this.catalogs = [...definitions.keys()];
  }

  abstract checksums(catalog: CatalogName): Promise<Map<number, BlockChecksum>>;
  abstract alive(): Promise<boolean>;
  abstract close(): Promise<void>;

  async *read(
    catalog: CatalogName,
    opts: { blocks?: readonly number[]; batchSize: number },
  ): AsyncIterable<CatalogRecord[]> {
    const def = this.definition(catalog);
    const { batchSize } = opts;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError(`batchSize must be a positive integer (got ${batchSize})`);
    const wanted = opts.blocks ? new Set(opts.blocks) : null;
    if (wanted?.size === 0) return;
    yield* inBatches(this.readPages(def, wanted, batchSize), wanted, batchSize);
  }

  /**
   * Dialect hole: the records of the wanted blocks (null: all), one array per page or page slice, in block
   * order. Records of blocks not asked for may come along; `read` drops them.
   */
  protected abstract readPages(
    def: Def,
    wanted: ReadonlySet<number> | null,
    batchSize: number,
  ): AsyncIterable<CatalogRecord[]>;

  /**
   * Rows per read query and per decoded slice for a read of `batchSize`: the definition's own `pageRows` (big
   * rows) wins; slices stay at most one batch, so no single step blocks the event loop for a whole page.
   */
  protected limits(def: Def, batchSize: number): { pageRows: number; slice: number } {
    return {
      pageRows: def.pageRows ?? Math.max(batchSize, this.pageRows),
      slice: Math.min(batchSize, def.pageRows ?? batchSize),
    };
  }

  /**
   * Id ranges to read: consecutive wanted blocks merged (empty blocks in between do not split a range) until a
   * range would exceed `limit` rows. Never one query for a whole table.
   */
  protected planPages(
    counts: Iterable<readonly [block: number, rows: number]>,
    wanted: ReadonlySet<number> | null,
    limit: number,
  ): { lo: number; hi: number }[] {
    return planBlockPages(counts, wanted, limit, BLOCK_SIZE);
  }

  protected definition(catalog: CatalogName): Def {
    const def = this.definitions.get(catalog);
    if (!def)
      throw new ErpError(`${this.missing.erp} no tiene el catálogo «${CATALOG_LABELS[catalog] ?? catalog}».`, [
        this.missing.hint,
      ]);
    return def;
  }
}

/** `rows` in consecutive slices of at most `size`. */
export function* slices<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
