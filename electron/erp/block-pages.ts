/**
 * Plans the read queries of a catalog: id ranges of consecutive wanted blocks, merged (empty blocks in between
 * do not split a range) until a range would exceed `limit` rows; a non-empty block that was not asked for
 * splits the range, and a block with more than `limit` rows is read in parts of its id span. Shared by every
 * ERP adapter so no query ever reads a whole table.
 */
export function planBlockPages(
  counts: Iterable<readonly [block: number, rows: number]>,
  wanted: ReadonlySet<number> | null,
  limit: number,
  blockSize: number,
): { lo: number; hi: number }[] {
  const pages: { lo: number; hi: number }[] = [];
  let current: { first: number; last: number; rows: number } | null = null;
  const flush = () => {
    if (current) pages.push({ lo: current.first * blockSize, hi: (current.last + 1) * blockSize - 1 });
    current = null;
  };
  for (const [block, rows] of [...counts].sort(([a], [b]) => a - b)) {
    if (wanted && !wanted.has(block)) {
      flush();
      continue;
    }
    if (current && current.rows + rows > limit) flush();
    if (!current && rows > limit) {
      // One block bigger than a page (large rows, e.g. invoices with their XML): split its id span evenly.
      const parts = Math.min(blockSize, Math.ceil(rows / limit));
      for (let i = 0; i < parts; i++) {
        const lo = block * blockSize + Math.floor((i * blockSize) / parts);
        const hi = block * blockSize + Math.floor(((i + 1) * blockSize) / parts) - 1;
        pages.push({ lo, hi });
      }
      continue;
    }
    if (current) {
      current.last = block;
      current.rows += rows;
    } else current = { first: block, last: block, rows };
  }
  flush();
  return pages;
}

/**
 * Regroups pages of records (one per read query) into batches of `batchSize`, dropping blocks that were not
 * asked for: a range merged over empty blocks may have gained rows in them since the pages were planned.
 * One await per page, not per record: this is the read hot path.
 */
export async function* inBatches<R extends { block: number }>(
  pages: AsyncIterable<R[]>,
  wanted: ReadonlySet<number> | null,
  batchSize: number,
): AsyncGenerator<R[]> {
  let batch: R[] = [];
  for await (const page of pages) {
    for (const record of page) {
      if (wanted && !wanted.has(record.block)) continue;
      batch.push(record);
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}
