import fs from 'node:fs/promises';
import type { EventFilter } from '../../shared/event-filter';
import type { EventQueries } from './event-query';
import { CSV_HEADERS, csvCell, csvLine } from './events-csv';

/** Rows per page of the export: one page is a few milliseconds of main-process work between yields. */
export const EXPORT_PAGE_ROWS = 500;

export interface CsvExportOptions {
  pageRows?: number;
  /** After each page is written (progress, tests of the chunking); `syncMs`: the page's synchronous work. */
  onPage?: (rowsSoFar: number, syncMs: number) => void;
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Writes the filtered view of the Visor de eventos to `file` — the same bytes as eventsCsv() (UTF-8 BOM, `;`, CRLF) —
 * one keyset page at a time with a yield between pages, so a million events never block the main process (IPC,
 * the engine, the lease heartbeat) for long. Paging, not an open iterator: better-sqlite3 refuses other statements on
 * a connection while an iterator is open, and the engine shares it. All or nothing: a `.partial` file is renamed
 * over `file` only when complete, and removed on failure.
 */
export async function writeEventsCsv(
  queries: EventQueries,
  filter: EventFilter,
  file: string,
  o: CsvExportOptions = {},
): Promise<{ rows: number; bytes: number }> {
  const pageRows = o.pageRows ?? EXPORT_PAGE_ROWS;
  const partial = `${file}.partial`;
  const handle = await fs.open(partial, 'w');
  let rows = 0;
  let bytes = 0;
  const toBytes = (text: string): Buffer => {
    const buffer = Buffer.from(text, 'utf8');
    bytes += buffer.length;
    return buffer;
  };
  try {
    await handle.write(toBytes(`\uFEFF${CSV_HEADERS.map(csvCell).join(';')}\r\n`));
    let cursor: { at: string; id: number } | null = null;
    do {
      const started = performance.now();
      const page = queries.page(filter, cursor, pageRows);
      const chunk = page.events.length > 0 ? toBytes(`${page.events.map(csvLine).join('\r\n')}\r\n`) : null;
      const syncMs = performance.now() - started;
      if (chunk) await handle.write(chunk);
      rows += page.events.length;
      cursor = page.nextCursor;
      o.onPage?.(rows, syncMs);
      await nextTurn();
    } while (cursor);
    await handle.close();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.rm(partial, { force: true });
    throw err;
  }
  await fs.rename(partial, file);
  return { rows, bytes };
}
