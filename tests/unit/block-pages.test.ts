import { describe, expect, it } from 'vitest';
import { inBatches, planBlockPages } from '../../electron/erp/block-pages';

describe('planBlockPages', () => {
  it('merges consecutive wanted blocks up to the limit and splits at a block that is not wanted', () => {
    const counts: [number, number][] = [
      [0, 300],
      [1, 300],
      [2, 300],
      [4, 10],
      [5, 10],
    ];
    expect(planBlockPages(counts, null, 600, 1000)).toEqual([
      { lo: 0, hi: 1999 },
      { lo: 2000, hi: 5999 },
    ]);
    // Block 1 is not wanted: it splits. Block 3 is empty: it does not.
    expect(planBlockPages(counts, new Set([0, 2, 4, 5]), 5000, 1000)).toEqual([
      { lo: 0, hi: 999 },
      { lo: 2000, hi: 5999 },
    ]);
  });

  it('reads a block with more rows than a page in parts that cover exactly its id span', () => {
    const pages = planBlockPages(
      [
        [3, 1000],
        [4, 20],
      ],
      null,
      300,
      1000,
    );
    expect(pages).toEqual([
      { lo: 3000, hi: 3249 },
      { lo: 3250, hi: 3499 },
      { lo: 3500, hi: 3749 },
      { lo: 3750, hi: 3999 },
      { lo: 4000, hi: 4999 },
    ]);
  });
});

describe('inBatches', () => {
  it('regroups pages into batches and drops records of blocks not asked for', async () => {
    async function* pages() {
      yield [
        { block: 1, k: 'a' },
        { block: 2, k: 'b' },
      ];
      yield [{ block: 1, k: 'c' }];
      yield [
        { block: 1, k: 'd' },
        { block: 1, k: 'e' },
      ];
    }
    const out: string[][] = [];
    for await (const b of inBatches(pages(), new Set([1]), 2)) out.push(b.map((r) => r.k));
    expect(out).toEqual([
      ['a', 'c'],
      ['d', 'e'],
    ]);
  });
});
