import type { Page } from 'playwright-core';

/** Ids of the inputs and selects a screen reader cannot name (no <label> and no aria-label). */
export function unlabelledFields(page: Page): Promise<string[]> {
  return page.locator('input, select').evaluateAll((els) =>
    els
      // Runs in the page; typed by hand because the node tsconfig has no DOM library.
      .map(
        (e) =>
          e as unknown as { id: string; labels: ArrayLike<unknown> | null; getAttribute(n: string): string | null },
      )
      .filter((e) => !(e.labels && e.labels.length > 0) && !e.getAttribute('aria-label'))
      .map((e) => e.id || '(sin id)'),
  );
}
