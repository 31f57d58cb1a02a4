import type { CatalogName } from '../../../../shared/catalogs';
import { BlockCatalogSource, slices } from '../../block-catalog-source';
import type { BlockChecksum, CatalogRecord } from '../../catalog-source';
import type { FirebirdSnapshot, OpenFirebirdSession, SqlParam, SqlRow } from '../firebird-client';
import { describeTables } from '../table-metadata';
import { decodeMicrosipText, sqlIdentifier } from '../win1252-text';
import { checksumSql, readSql } from './block-queries';
import type { SourceRow } from '../../catalog-definition';
import type { MicrosipCatalog, SqlBuilder } from './catalog-definition';
import { SchemaFacts } from './schema-facts';
import { globalSql, perBlockSql, type FingerprintSlot, type RecordVersionSource } from './record-version-fingerprint';

/**
 * The biggest fingerprinted catalogs, last in push order: their fingerprints are computed ahead, on a second
 * attachment, while the first one works on the others (Firebird runs the two in parallel threads). Computed in
 * an earlier snapshot than their rows are read in, which is safe: a stored checksum older than the rows
 * pushed can only cause one more (harmless) re-read, never a missed change.
 */
const PREFETCHED: readonly CatalogName[] = ['stock', 'article-prices'];

interface BlockSums {
  checksums: Map<number, BlockChecksum>;
  counts: Map<number, number>;
}

export interface SourceOptions {
  pageRows?: number;
  /** Opens another attachment to the same database, for the parallel fingerprints. */
  openAnother?: () => Promise<OpenFirebirdSession>;
}

interface Snapshot {
  tx: FirebirdSnapshot;
  /** Row counts per block from checksums() in this snapshot: read() plans its pages without counting again. */
  counts: Map<CatalogName, Map<number, number>>;
}

/**
 * CatalogSource over one Microsip company database; owns its attachment.
 * Consistency: checksums() starts a fresh read-only SNAPSHOT transaction (unless a read is still running) and
 * the read() that follows uses it, so the rows read are exactly the rows that were checksummed, however busy
 * Microsip is. Each catalog pass gets its own snapshot, so none lives longer than one catalog.
 */
export class MicrosipCatalogSource extends BlockCatalogSource<MicrosipCatalog> {
  private snapshot: Snapshot | null = null;
  private readsRunning = 0;
  private readonly prefetched = new Map<CatalogName, Promise<BlockSums>>();
  private prefetching: Promise<void> | null = null;
  private extra: OpenFirebirdSession | null = null;

  private constructor(
    private readonly db: OpenFirebirdSession,
    private readonly schema: SchemaFacts,
    definitions: ReadonlyMap<CatalogName, MicrosipCatalog>,
    private readonly describe: (err: unknown) => Error,
    private readonly options: SourceOptions,
  ) {
    super(
      definitions,
      {
        erp: 'Esta empresa de Microsip',
        hint: 'Desactive ese catálogo en la configuración de la empresa, o revise que el módulo correspondiente de Microsip esté instalado.',
      },
      options.pageRows,
    );
  }

  /** Reads the schema once and keeps the catalogs whose required tables exist. */
  static async open(
    db: OpenFirebirdSession,
    all: readonly MicrosipCatalog[],
    describe: (err: unknown) => Error,
    options: SourceOptions = {},
  ): Promise<MicrosipCatalogSource> {
    try {
      const tables = [...new Set(all.flatMap((d) => [...d.requires, ...(d.optional ?? [])]))];
      const schema = new SchemaFacts(await describeTables(db, tables));
      const available = all.filter((d) => (d.available ? d.available(schema) : d.requires.every((t) => schema.has(t))));
      for (const d of available) for (const c of [...d.keyColumns, ...Object.keys(d.columns)]) sqlIdentifier(c);
      return new MicrosipCatalogSource(db, schema, new Map(available.map((d) => [d.name, d])), describe, options);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw describe(err);
    }
  }

  async checksums(catalog: CatalogName): Promise<Map<number, BlockChecksum>> {
    const def = this.definition(catalog);
    this.startPrefetch();
    const snap = await this.freshSnapshot();
    if (def.fingerprint) {
      const ahead = this.prefetched.get(catalog);
      this.prefetched.delete(catalog);
      const sums = (ahead && (await ahead.catch(() => null))) || (await this.fingerprints(snap, def));
      snap.counts.set(def.name, sums.counts);
      return sums.checksums;
    }
    const { sql, params } = this.build(def, null);
    const rows = await this.query<{ BLK: number; CNT: number; H1: number; H2: number }>(
      snap,
      checksumSql(def, sql),
      params,
    );
    snap.counts.set(catalog, new Map(rows.map((r) => [Number(r.BLK), Number(r.CNT)])));
    return new Map(rows.map((r) => [Number(r.BLK), { count: Number(r.CNT), checksum: `${r.H1}:${r.H2}` }]));
  }

  /** Reads in the snapshot of the last checksums(); while it streams, checksums() keeps that snapshot. */
  protected async *readPages(
    def: MicrosipCatalog,
    wanted: ReadonlySet<number> | null,
    batchSize: number,
  ): AsyncIterable<CatalogRecord[]> {
    this.readsRunning++;
    try {
      const snap = this.snapshot ?? (await this.freshSnapshot());
      const { pageRows, slice } = this.limits(def, batchSize);
      yield* this.records(snap, def, await this.pages(snap, def, wanted, pageRows), slice);
    } finally {
      this.readsRunning--;
    }
  }

  /**
   * The records of each page (one query per page), decoded `slice` rows at a time so no single step blocks the
   * event loop for a whole page. The next page's query is sent before this page is handed over, so Firebird
   * (another core) runs it while the engine hashes and pushes this one.
   */
  private async *records(
    snap: Snapshot,
    def: MicrosipCatalog,
    pages: { lo: number; hi: number }[],
    slice: number,
  ): AsyncGenerator<CatalogRecord[]> {
    const pageQuery = (range: { lo: number; hi: number }) => {
      const { sql, params } = this.build(def, range);
      const rows = this.query<SqlRow>(snap, readSql(def, sql), params);
      rows.catch(() => undefined); // awaited at its turn; ignored only if the reader stops before it
      return rows;
    };
    let ahead = pages[0] ? pageQuery(pages[0]) : null;
    try {
      for (let i = 0; ahead; i++) {
        const rows = await ahead;
        ahead = null;
        await def.complete?.(rows, { query: (q, p) => this.query<SqlRow>(snap, q, p), schema: this.schema });
        const following = pages[i + 1];
        ahead = following ? pageQuery(following) : null;
        const binary = new Set(
          Object.entries(def.columns)
            .filter(([, kind]) => kind === 'bytes')
            .map(([c]) => c),
        );
        for (const part of slices(rows, slice)) {
          yield part.map((raw) => {
            const row = decodeRow(raw, binary);
            return { ...def.toRecord(row), block: Number(row.BLK) };
          });
        }
      }
    } finally {
      // A reader that stops early: let the query sent ahead end, so the snapshot can be released (committed)
      // and the next catalog's queries do not queue behind it.
      await ahead?.catch(() => undefined);
    }
  }

  async alive(): Promise<boolean> {
    return this.db.query('SELECT 1 AS X FROM RDB$DATABASE').then(
      () => true,
      () => false,
    );
  }

  async close(): Promise<void> {
    const snap = this.snapshot;
    this.snapshot = null;
    await snap?.tx.release().catch(() => undefined);
    await this.prefetching?.catch(() => undefined);
    await this.extra?.close().catch(() => undefined);
    await this.db.close();
  }

  /** Starts the fingerprints of PREFETCHED catalogs on a second attachment (once per source). */
  private startPrefetch(): void {
    if (this.prefetching || !this.options.openAnother) return;
    const ahead = PREFETCHED.map((c) => this.definitions.get(c)).filter(
      (d): d is MicrosipCatalog => d?.fingerprint !== undefined,
    );
    if (ahead.length === 0) {
      this.prefetching = Promise.resolve();
      return;
    }
    const open = this.options.openAnother;
    const attached = open().then((db) => (this.extra = db));
    const snapshot = attached.then((db) => db.snapshot());
    let chain: Promise<unknown> = snapshot;
    for (const def of ahead) {
      const result = chain.then(() => snapshot).then((tx) => this.fingerprints({ tx, counts: new Map() }, def));
      result.catch(() => undefined); // a failure falls back to computing inline
      this.prefetched.set(def.name, result);
      chain = result.catch(() => undefined);
    }
    this.prefetching = chain
      .then(() => snapshot.then((tx) => tx.release()))
      .then(
        () => undefined,
        () => undefined,
      );
  }

  /** Id ranges to read, planned from this snapshot's counts per block (counted now if checksums() did not). */
  private async pages(
    snap: Snapshot,
    def: MicrosipCatalog,
    wanted: ReadonlySet<number> | null,
    limit: number,
  ): Promise<{ lo: number; hi: number }[]> {
    let counts = snap.counts.get(def.name);
    if (!counts) {
      await this.checksumsIn(snap, def);
      counts = snap.counts.get(def.name)!;
    }
    return this.planPages(counts, wanted, limit);
  }

  /** Record-version fingerprints of the catalog's source tables, combined per block. */
  private async fingerprints(snap: Snapshot, def: MicrosipCatalog): Promise<BlockSums> {
    const f = def.fingerprint!(this.schema);
    const globals: string[] = [];
    if (f.dependsOnDate) {
      const [row] = await this.query<{ D: Date | string }>(snap, 'SELECT CURRENT_DATE AS D FROM RDB$DATABASE', []);
      globals.push(`d${row?.D instanceof Date ? row.D.toISOString().slice(0, 10) : String(row?.D)}`);
    }
    for (const g of f.global ?? []) {
      const [row] = await this.query<{ CNT: number; S1: number | null }>(snap, globalSql(g), []);
      globals.push(`${row?.CNT ?? 0}.${row?.S1 ?? 0}`);
    }
    const parts = new Map<number, string[]>();
    const counts = new Map<number, number>();
    for (const [i, slot] of f.perBlock.entries()) {
      const sums = new Map<number, BlockVersionSums>();
      for (const source of sourcesOf(slot)) {
        for (const r of await this.query<{ BLK: number; CNT: number; S1: number; S2: number }>(
          snap,
          perBlockSql(source),
          [],
        )) {
          const block = Number(r.BLK);
          sums.set(block, addSums(sums.get(block), r));
        }
      }
      for (const [block, r] of sums) {
        if (i === 0) counts.set(block, Number(r.CNT));
        const list = parts.get(block) ?? Array.from({ length: f.perBlock.length }, () => '-');
        list[i] = `${r.CNT}.${r.S1}.${r.S2}`;
        parts.set(block, list);
      }
    }
    const suffix = globals.length ? `|${globals.join('|')}` : '';
    // A block present only in a secondary table (e.g. prices of a deleted article) is still a block.
    const checksums = new Map(
      [...parts].map(([b, list]) => [b, { count: counts.get(b) ?? 0, checksum: `rv:${list.join(':')}${suffix}` }]),
    );
    return { checksums, counts };
  }

  /** Counts for a read() that was not preceded by checksums() in this snapshot. */
  private async checksumsIn(snap: Snapshot, def: MicrosipCatalog): Promise<void> {
    if (def.fingerprint) {
      snap.counts.set(def.name, (await this.fingerprints(snap, def)).counts);
      return;
    }
    const { sql, params } = this.build(def, null);
    const rows = await this.query<{ BLK: number; CNT: number }>(snap, checksumSql(def, sql), params);
    snap.counts.set(def.name, new Map(rows.map((r) => [Number(r.BLK), Number(r.CNT)])));
  }

  /** The catalog's SELECT with its range filters bound to `range` (null: the whole catalog). */
  private build(def: MicrosipCatalog, range: { lo: number; hi: number } | null): { sql: string; params: SqlParam[] } {
    const params: SqlParam[] = [];
    const builder: SqlBuilder = {
      schema: this.schema,
      range(column, offset = 0) {
        if (!range) return '1 = 1';
        params.push(...integerRange(range.lo - offset, range.hi - offset));
        return `${column} BETWEEN ? AND ?`;
      },
    };
    const sql = def.select(builder);
    return { sql, params };
  }

  /** Releases the previous catalog's snapshot and starts a new one, unless a read still streams from it. */
  private async freshSnapshot(): Promise<Snapshot> {
    if (this.snapshot && this.readsRunning > 0) return this.snapshot;
    const previous = this.snapshot;
    this.snapshot = null;
    try {
      await previous?.tx.release();
      this.snapshot = { tx: await this.db.snapshot(), counts: new Map() };
      return this.snapshot;
    } catch (err) {
      throw this.describe(err);
    }
  }

  private async query<T extends SqlRow>(snap: Snapshot, sql: string, params: SqlParam[]): Promise<T[]> {
    try {
      return await snap.tx.query<T>(sql, params);
    } catch (err) {
      throw this.describe(err);
    }
  }
}

const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/**
 * Microsip ids are INTEGER, and a bound parameter takes the column's type: a shifted range outside 32 bits
 * would fail with "numeric value is out of range", so it is clamped (or made empty when it misses entirely).
 */
function integerRange(lo: number, hi: number): [number, number] {
  if (hi < INT_MIN || lo > INT_MAX) return [1, 0];
  return [Math.max(lo, INT_MIN), Math.min(hi, INT_MAX)];
}

/** OCTETS columns arrive as Buffers holding Windows-1252 bytes ('bytes' columns stay Buffers for the catalog). */
function decodeRow(raw: SqlRow, binary: ReadonlySet<string>): SourceRow {
  const row: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) row[k] = Buffer.isBuffer(v) && !binary.has(k) ? decodeMicrosipText(v) : v;
  return row;
}

interface BlockVersionSums {
  CNT: number | string;
  S1: number | string | null;
  S2: number | string | null;
}

function sourcesOf(slot: FingerprintSlot): readonly RecordVersionSource[] {
  return 'from' in slot ? [slot] : slot;
}

/**
 * The sums of a block that several tables of one slot reach (never in practice: their blocks are disjoint). A block
 * one table reaches keeps that table's values verbatim, so its checksum is the one a single-table slot gave.
 * BIGINT sums stay below 2^63, so they are added exactly as BigInt.
 */
function addSums(a: BlockVersionSums | undefined, b: BlockVersionSums): BlockVersionSums {
  if (!a) return { CNT: b.CNT, S1: b.S1, S2: b.S2 };
  const big = (v: number | string | null) => BigInt(String(v ?? 0));
  return { CNT: Number(a.CNT) + Number(b.CNT), S1: String(big(a.S1) + big(b.S1)), S2: String(big(a.S2) + big(b.S2)) };
}
