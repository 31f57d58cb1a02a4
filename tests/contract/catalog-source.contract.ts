import { describe, expect, it } from 'vitest';
import type { CatalogName } from '../../shared/catalogs';
import type { BlockChecksum, CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import { ErpError } from '../../electron/erp/port';

/**
 * What every ERP's CatalogSource must do for the sync engine, whatever its database (Beekeeper-style
 * `runCommonTests`): one backend file per ERP calls `catalogSourceContract` with a factory for its adapter.
 */
export interface CatalogSubject {
  /** A source over the backend's fixture company; `pageRows` lowers the rows one read query may return. */
  open(opts?: { pageRows?: number }): Promise<CatalogSource>;
  /** Changes one record of `catalog` under the source (as the ERP's own program would) and can undo it. */
  change: { catalog: CatalogName; apply(): Promise<void>; undo?(): Promise<void> };
  /** Releases what the subject opened besides the sources (each test closes its own sources). */
  dispose?(): Promise<void>;
}

const UNKNOWN = 'catalogo-inexistente' as CatalogName;

async function readAll(
  source: CatalogSource,
  catalog: CatalogName,
  opts: { blocks?: readonly number[]; batchSize?: number } = {},
) {
  const batches: CatalogRecord[][] = [];
  for await (const batch of source.read(catalog, { batchSize: 1000, ...opts })) batches.push(batch);
  return { batches, records: batches.flat() };
}

async function using<T>(
  subjectFor: () => Promise<CatalogSubject>,
  work: (s: CatalogSubject) => Promise<T>,
): Promise<T> {
  const subject = await subjectFor();
  try {
    return await work(subject);
  } finally {
    await subject.dispose?.();
  }
}

async function withSource<T>(
  subject: CatalogSubject,
  work: (s: CatalogSource) => Promise<T>,
  opts?: { pageRows?: number },
): Promise<T> {
  const source = await subject.open(opts);
  try {
    return await work(source);
  } finally {
    await source.close();
  }
}

const keysByBlock = (records: CatalogRecord[]) => records.map((r) => `${r.block}|${r.key}`);

export function catalogSourceContract(backend: string, subjectFor: () => Promise<CatalogSubject>): void {
  describe(`CatalogSource contract: ${backend}`, () => {
    it('offers at least one catalog; every catalog reads in block order, each record in a block that has a checksum', () =>
      using(subjectFor, (subject) =>
        withSource(subject, async (source) => {
          expect(source.catalogs.length).toBeGreaterThan(0);
          for (const catalog of source.catalogs) {
            const sums = await source.checksums(catalog);
            const { records, batches } = await readAll(source, catalog);
            const blocks = records.map((r) => r.block);
            expect(blocks, catalog).toEqual([...blocks].sort((a, b) => a - b));
            for (const b of new Set(blocks)) expect(sums.has(b), `${catalog}: block ${b} has a checksum`).toBe(true);
            for (const batch of batches) expect(batch.length, catalog).toBeGreaterThan(0);
            expect(new Set(records.map((r) => r.key)).size, `${catalog}: keys are unique`).toBe(records.length);
            for (const [, sum] of sums) expect(sum.count, catalog).toBeGreaterThan(0);
          }
        }),
      ));

    it('reads only the blocks asked for, in block order; no block, or a block without rows, reads nothing', () =>
      using(subjectFor, (subject) =>
        withSource(subject, async (source) => {
          for (const catalog of source.catalogs) {
            const all = (await readAll(source, catalog)).records;
            const blocks = [...new Set(all.map((r) => r.block))];
            expect((await readAll(source, catalog, { blocks: [] })).batches, catalog).toEqual([]);
            const absent = Math.max(-1, ...blocks) + 1_000_003;
            expect((await readAll(source, catalog, { blocks: [absent] })).batches, catalog).toEqual([]);
            if (blocks.length === 0) continue;
            const wanted = [blocks[blocks.length - 1]!, blocks[0]!];
            const expected = all.filter((r) => wanted.includes(r.block));
            expect(keysByBlock((await readAll(source, catalog, { blocks: wanted })).records), catalog).toEqual(
              keysByBlock(expected),
            );
          }
        }),
      ));

    it('honours every batch size, with the same records in the same order', () =>
      using(subjectFor, (subject) =>
        withSource(subject, async (source) => {
          for (const catalog of source.catalogs) {
            const reference = (await readAll(source, catalog, { batchSize: 1000 })).records;
            for (const batchSize of [1, 2, 3, 7]) {
              const { batches, records } = await readAll(source, catalog, { batchSize });
              for (const batch of batches)
                expect(batch.length, `${catalog} @${batchSize}`).toBeLessThanOrEqual(batchSize);
              // Only the last batch of the read may be short.
              for (const batch of batches.slice(0, -1))
                expect(batch.length, `${catalog} @${batchSize}`).toBe(batchSize);
              expect(records, `${catalog} @${batchSize}`).toEqual(reference);
            }
          }
        }),
      ));

    it('refuses a batch size that is not a positive integer', () =>
      using(subjectFor, (subject) =>
        withSource(subject, async (source) => {
          const catalog = source.catalogs[0]!;
          for (const batchSize of [0, -1, 1.5, Number.NaN]) {
            await expect(readAll(source, catalog, { batchSize }), String(batchSize)).rejects.toThrow(RangeError);
          }
        }),
      ));

    it('refuses a catalog it does not have with a Spanish ErpError, on checksums and on read', () =>
      using(subjectFor, (subject) =>
        withSource(subject, async (source) => {
          expect(source.catalogs).not.toContain(UNKNOWN);
          await expect(source.checksums(UNKNOWN)).rejects.toBeInstanceOf(ErpError);
          await expect(source.checksums(UNKNOWN)).rejects.toThrow(/no tiene el catálogo «catalogo-inexistente»/);
          await expect(readAll(source, UNKNOWN)).rejects.toThrow(/no tiene el catálogo/);
        }),
      ));

    it('checksums are stable across calls, reads and sources', () =>
      using(subjectFor, async (subject) => {
        const first = new Map<CatalogName, Map<number, BlockChecksum>>();
        await withSource(subject, async (source) => {
          for (const catalog of source.catalogs) {
            first.set(catalog, await source.checksums(catalog));
            await readAll(source, catalog);
            expect(await source.checksums(catalog), catalog).toEqual(first.get(catalog));
          }
        });
        await withSource(subject, async (source) => {
          for (const catalog of source.catalogs)
            expect(await source.checksums(catalog), catalog).toEqual(first.get(catalog));
        });
      }));

    it('a change to one record moves exactly one block checksum of its catalog', () =>
      using(subjectFor, async (subject) => {
        const { catalog } = subject.change;
        const before = await withSource(subject, (s) => s.checksums(catalog));
        await subject.change.apply();
        try {
          const after = await withSource(subject, (s) => s.checksums(catalog));
          expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
          const moved = [...after].filter(([block, sum]) => sum.checksum !== before.get(block)?.checksum);
          expect(moved.length, `${catalog}: blocks moved`).toBe(1);
        } finally {
          await subject.change.undo?.();
        }
      }));

    it('pages of any size give the same records as one page', () =>
      using(subjectFor, async (subject) => {
        const catalogs = await withSource(subject, async (s) => s.catalogs);
        const reference = new Map<CatalogName, CatalogRecord[]>();
        await withSource(subject, async (source) => {
          for (const catalog of catalogs)
            reference.set(catalog, (await readAll(source, catalog, { batchSize: 1 })).records);
        });
        for (const pageRows of [1, 2]) {
          await withSource(
            subject,
            async (source) => {
              for (const catalog of catalogs) {
                expect(
                  (await readAll(source, catalog, { batchSize: 1 })).records,
                  `${catalog} pageRows ${pageRows}`,
                ).toEqual(reference.get(catalog));
              }
            },
            { pageRows },
          );
        }
      }));
  });
}
