/**
 * events_query_ms: one filtered first page of the Visor de eventos over 1,000,000 events spread
 * over 30 days, in a scratch settings database (no Firebird, no store). Median of a few runs; target ≤ 50 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSettingsDatabase } from '../../electron/settings/database';
import { EventQueries } from '../../electron/events/event-query';
import type { EventFilter } from '../../shared/event-filter';

export interface EventsQueryResult {
  events_query_ms: number;
  events_query_unfiltered_ms: number;
  events_generated: number;
  events_generate_s: number;
  events_query_rows: number;
}

const DAY_MS = 86_400_000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** 1 event in 20 is an error (a rejected record); companies 1–10; times evenly spread over 30 days. */
export function generateEvents(db: ReturnType<typeof openSettingsDatabase>, count: number, now: Date): void {
  const start = (now.getTime() - 30 * DAY_MS) / 1000;
  db.prepare(
    `INSERT INTO events (At, Level, Category, ConnectionID, CompanyID, CompanyName, Message, RunID, Catalog, RecordKey, Trigger)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < @count)
     SELECT strftime('%Y-%m-%dT%H:%M:%fZ', @start + i * @span / @count, 'unixepoch'),
            CASE WHEN i % 20 = 0 THEN 'error' WHEN i % 7 = 0 THEN 'warning' ELSE 'info' END,
            'Sincronización', 1, CAST((i / 20) % 10 + 1 AS TEXT), 'Empresa ' || ((i / 20) % 10 + 1),
            CASE WHEN i % 20 = 0 THEN 'Artículos A' || i || ': La tienda rechazó el registro: ' ||
                   CASE WHEN i % 60 = 0 THEN 'precio inválido' ELSE 'clave SAT inválida' END
                 WHEN i % 7 = 0 THEN 'Sincronización automática terminada: Parcial: 3 registros con error'
                 ELSE 'Sincronización automática terminada: Exitosa: sin cambios (1,000 registros verificados).' END,
            i / 40, 'articles', 'A' || i, 'automatic'
     FROM n`,
  ).run({ count, start, span: 30 * 86_400 });
}

export function benchEventsQuery(count = 1_000_000, runs = 7): EventsQueryResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-events-bench-'));
  const db = openSettingsDatabase(path.join(dir, 'events.sqlite'));
  try {
    const now = new Date();
    const t0 = performance.now();
    db.transaction(() => generateEvents(db, count, now))();
    const generateS = (performance.now() - t0) / 1000;
    const q = new EventQueries(db);
    const range = { from: new Date(now.getTime() - 30 * DAY_MS).toISOString(), to: now.toISOString() };
    const filtered: EventFilter = { ...range, companyId: '3', levels: ['error'], text: 'precio' };
    const time = (f: EventFilter) => {
      const samples: number[] = [];
      let rows = 0;
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        rows = q.page(f, null, 200).events.length;
        samples.push(performance.now() - s);
      }
      return { ms: median(samples), rows };
    };
    const f = time(filtered);
    const u = time(range);
    return {
      events_query_ms: Math.round(f.ms * 100) / 100,
      events_query_unfiltered_ms: Math.round(u.ms * 100) / 100,
      events_generated: count,
      events_generate_s: Math.round(generateS * 10) / 10,
      events_query_rows: f.rows,
    };
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
