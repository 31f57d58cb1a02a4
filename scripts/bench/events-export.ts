/**
 * events_export_*: *Exportar CSV* of 1,000,000 events (30 days, every company) as main does it — writeEventsCsv, keyset
 * pages with a yield between them — in a scratch settings database. Measures the total time and the longest block of
 * this process's event loop while exporting (perf_hooks.monitorEventLoopDelay, plus a 5 ms timer's worst lateness),
 * which is what IPC, the engine and the lease heartbeat would wait at most. Target: loop max ≤ 100 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSettingsDatabase } from '../../electron/settings/database';
import { EventQueries } from '../../electron/events/event-query';
import { writeEventsCsv } from '../../electron/events/csv-export';
import { generateEvents } from './events-query';

export interface EventsExportResult {
  events_export_rows: number;
  events_export_s: number;
  events_export_mb: number;
  events_export_loop_max_ms: number;
  events_export_timer_late_max_ms: number;
  events_export_pages: number;
  /** The longest page of the export's own synchronous work (query + CSV text); the rest of loop_max is GC and the OS. */
  events_export_page_max_ms: number;
  events_export_peak_rss_mb: number;
}

const DAY_MS = 86_400_000;

export async function benchEventsExport(count = 1_000_000): Promise<EventsExportResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-export-bench-'));
  const db = openSettingsDatabase(path.join(dir, 'events.sqlite'));
  try {
    const now = new Date();
    db.transaction(() => generateEvents(db, count, now))();
    const q = new EventQueries(db);
    const filter = { from: new Date(now.getTime() - 31 * DAY_MS).toISOString(), to: now.toISOString() };
    const file = path.join(dir, 'eventos.csv');

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    let lateMax = 0;
    let expected = performance.now() + 5;
    const timer = setInterval(() => {
      const t = performance.now();
      lateMax = Math.max(lateMax, t - expected);
      expected = t + 5;
    }, 5);
    let pages = 0;
    let pageMax = 0;
    let peakRss = process.memoryUsage().rss;
    histogram.enable();
    const t0 = performance.now();
    const r = await writeEventsCsv(q, filter, file, {
      onPage: (_rows, syncMs) => {
        pageMax = Math.max(pageMax, syncMs);
        pages++;
        if (pages % 25 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
      },
    });
    const seconds = (performance.now() - t0) / 1000;
    histogram.disable();
    clearInterval(timer);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      events_export_rows: r.rows,
      events_export_s: Math.round(seconds * 1000) / 1000,
      events_export_mb: Math.round(r.bytes / 1e5) / 10,
      events_export_loop_max_ms: Math.round(histogram.max / 1e5) / 10,
      events_export_timer_late_max_ms: Math.round(lateMax * 10) / 10,
      events_export_pages: pages,
      events_export_page_max_ms: Math.round(pageMax * 10) / 10,
      events_export_peak_rss_mb: Math.round(peakRss / 1e5) / 10,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
