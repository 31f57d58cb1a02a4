import { withoutCustomerCompany } from './customer-filter';
import type { CatalogName } from '../../../../shared/catalogs';
import { BlockCatalogSource, PAGE_ROWS, slices } from '../../block-catalog-source';
import type { BlockChecksum, CatalogRecord } from '../../catalog-source';
import type { SqlExecutor, SqlParams, SqlValue } from '../sql-executor';
import { checksumSql, countSql, readSql } from './block-queries';
import type { RawRow } from '../../catalog-definition';
import type { StartProCatalog } from './catalog-definition';

export interface StartProCatalogContext {
  /** OwnedBusinessEntityID of the company. */
  company: number;
  /** Local midnight as 'YYYY-MM-DDT00:00:00' (ISO 8601: SQL Server reads it the same under any DATEFORMAT). */
  today: string;
  /** orgCustomer has OwnedBusinessEntityID (customer-filter.ts); when false, queries go without that condition. */
  customersPerCompany?: boolean;
  /** Network folders CFDI XMLs may be read from (ContpaqiConfig.cfdiFolders). */
  cfdiFolders?: readonly string[];
}

interface Page {
  /** Inclusive id range; null reads the whole (single-block) catalog. */
  range: { lo: number; hi: number } | null;
}

/** CatalogSource over one Start/Pro company; owns its executor (a pool separate from the console's). */
export class StartProCatalogSource extends BlockCatalogSource<StartProCatalog> {
  constructor(
    private readonly db: SqlExecutor,
    private readonly context: StartProCatalogContext,
    definitions: ReadonlyMap<CatalogName, StartProCatalog>,
    /** Turns a driver failure into the adapter's Spanish ErpError. */
    private readonly describe: (err: unknown) => Error,
    /** Rows a read query may return at most (besides one bigger block); tests lower it. */
    pageRows = PAGE_ROWS,
  ) {
    super(
      definitions,
      { erp: 'CONTPAQi Comercial Start/Pro', hint: 'Desactive ese catálogo en la configuración de la empresa.' },
      pageRows,
    );
  }

  async checksums(catalog: CatalogName): Promise<Map<number, BlockChecksum>> {
    const sql = checksumSql(this.definition(catalog));
    const rows = await this.query<Record<string, unknown>>(sql);
    return new Map(rows.map((r) => [Number(r.blk), { count: Number(r.cnt), checksum: columnSums(r).join(':') }]));
  }

  protected async *readPages(
    def: StartProCatalog,
    wanted: ReadonlySet<number> | null,
    batchSize: number,
  ): AsyncIterable<CatalogRecord[]> {
    const { pageRows, slice } = this.limits(def, batchSize);
    yield* this.records(def, await this.pages(def, wanted, pageRows), slice);
  }

  /** The records of each page (one query per page), mapped `slice` rows at a time to keep event-loop steps short. */
  private async *records(def: StartProCatalog, pages: Page[], slice: number): AsyncGenerator<CatalogRecord[]> {
    for (const page of pages) {
      const rows = await this.query<RawRow>(readSql(def), page.range ?? {});
      for (const part of slices(rows, slice)) {
        await def.complete?.(part, { cfdiFolders: this.context.cfdiFolders ?? [] });
        yield part.map((row) => ({ ...def.toRecord(row), block: Number(row.blk) }));
      }
    }
  }

  async alive(): Promise<boolean> {
    return this.db.query('SELECT 1 AS x', {}).then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  /** Id ranges to read, planned from a count per block; a catalog without a block column is one page. */
  private async pages(def: StartProCatalog, wanted: ReadonlySet<number> | null, limit: number): Promise<Page[]> {
    if (!def.blockColumn) return !wanted || wanted.has(0) ? [{ range: null }] : [];
    const counts = await this.query<{ blk: unknown; cnt: unknown }>(countSql(def));
    const rows = counts.map((r) => [Number(r.blk), Number(r.cnt)] as const);
    return this.planPages(rows, wanted, limit).map((range) => ({ range }));
  }

  /** Binds only the parameters the text uses (@company, @today, @lo, @hi). */
  private async query<T extends object>(sql: string, extra: Record<string, SqlValue> = {}): Promise<T[]> {
    if (this.context.customersPerCompany === false) sql = withoutCustomerCompany(sql);
    const all: Record<string, SqlValue> = { company: this.context.company, today: this.context.today, ...extra };
    const params: SqlParams = Object.fromEntries(
      Object.entries(all).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)),
    );
    try {
      return await this.db.query<T>(sql, params);
    } catch (err) {
      throw this.describe(err);
    }
  }
}

/** s0, s1, … of a checksum row, in column order (SUM of BIGINT arrives as text from mssql). */
function columnSums(row: Record<string, unknown>): string[] {
  const sums: string[] = [];
  for (let i = 0; `s${i}` in row; i++) sums.push(String(row[`s${i}`]));
  return sums;
}

/** Local midnight of `now` in the form StartProCatalogContext.today expects. */
export function localMidnight(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T00:00:00`;
}
