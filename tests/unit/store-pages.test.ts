import { describe, expect, it } from 'vitest';
import { MAX_PAGES_PER_RUN, storePages } from '../../electron/engine/store-pages';
import type { Incoming } from '../../electron/store/port';

const item = (n: number): Incoming<{ n: number }> => ({ ok: true, value: { n }, contentHash: String(n) });

async function all<T>(gen: AsyncGenerator<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('storePages: the pending list along the store cursor', () => {
  it('follows nextCursor to the last page', async () => {
    const seen: (string | null)[] = [];
    const items = await all(
      storePages(
        async (cursor) => {
          seen.push(cursor);
          const n = cursor === null ? 0 : Number(cursor);
          return { items: [item(n)], nextCursor: n < 2 ? String(n + 1) : null };
        },
        () => undefined,
      ),
    );
    expect(items.map((i) => (i.ok ? i.value.n : -1))).toEqual([0, 1, 2]);
    expect(seen).toEqual([null, '1', '2']);
  });

  it('stops on a cursor that does not move, and after the page limit says so once', async () => {
    expect(
      await all(
        storePages(
          async () => ({ items: [item(1)], nextCursor: 'same' }),
          () => undefined,
        ),
      ),
    ).toHaveLength(2);
    let warned = 0;
    let calls = 0;
    const items = await all(
      storePages(
        async () => ({ items: [], nextCursor: String(++calls) }),
        () => warned++,
      ),
    );
    expect(items).toEqual([]);
    expect(calls).toBe(MAX_PAGES_PER_RUN);
    expect(warned).toBe(1);
  });
});
