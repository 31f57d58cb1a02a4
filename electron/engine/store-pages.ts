import type { Incoming, StorePage } from '../store/port';

/** A store that keeps answering with a cursor is not followed forever in one run. */
export const MAX_PAGES_PER_RUN = 1000;

/**
 * Every element of the store's pending list, page by page along its cursor (orders and invoice requests alike).
 * Stops on the last page, on a cursor that does not move, or after MAX_PAGES_PER_RUN pages (`onTooMany`: the
 * rest is read by the next run).
 */
export async function* storePages<T>(
  fetch: (cursor: string | null) => Promise<StorePage<T>>,
  onTooMany: () => void,
): AsyncGenerator<Incoming<T>> {
  let cursor: string | null = null;
  for (let pages = 0; pages < MAX_PAGES_PER_RUN; pages++) {
    const page = await fetch(cursor);
    yield* page.items;
    if (page.nextCursor === null || page.nextCursor === cursor) return;
    cursor = page.nextCursor;
  }
  onTooMany();
}
