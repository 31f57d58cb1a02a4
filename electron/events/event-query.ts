import type { SettingsDb } from '../settings/database';
import type { EventDetailView, EventPage, EventRow } from '../../shared/event-views';
import type { EventFilter } from '../../shared/event-filter';
import { redact, redactText } from './redact';

/** Visor de eventos: filtered, newest-first pages with a keyset cursor (At DESC, EventID DESC). */

interface DbEvent {
  EventID: number;
  At: string;
  Level: EventRow['level'];
  Category: string;
  ConnectionID: number | null;
  CompanyID: string | null;
  CompanyName: string | null;
  Message: string;
  RunID: number | null;
  Catalog: string | null;
  RecordKey: string | null;
  Trigger: EventRow['trigger'];
}

const COLUMNS =
  'EventID, At, Level, Category, ConnectionID, CompanyID, CompanyName, Message, RunID, Catalog, RecordKey, Trigger';
export const DETAILS_EXCERPT_MAX = 4096;

/** `\`, `%` and `_` are literal in the free-text filter. */
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const iso = (s: string): string => new Date(s).toISOString();

export interface Where {
  sql: string;
  args: (string | number)[];
}

/** The WHERE clause of a filter. Equality filters come first so the (CompanyID, Level, At) index serves them. */
export function whereOf(f: EventFilter, cursor?: { at: string; id: number } | null): Where {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const add = (sql: string, ...a: (string | number)[]) => {
    where.push(sql);
    args.push(...a);
  };
  if (f.companyId !== undefined) add('CompanyID = ?', f.companyId);
  if (f.connectionId !== undefined) add('ConnectionID = ?', f.connectionId);
  const levels = f.levels ? [...new Set(f.levels)] : [];
  if (levels.length === 1) add('Level = ?', levels[0]!);
  else if (levels.length === 2) add('Level IN (?, ?)', levels[0]!, levels[1]!);
  else if (f.levels && levels.length === 0) add('0');
  add('At >= ?', iso(f.from));
  // With a cursor, the upper bound is the cursor's time (+1 ms, ISO strings are ms-precise): SQLite takes one upper
  // bound for the At index, and `At < to` would make every later page scan again from the top (quadratic).
  const to = iso(f.to);
  const below = cursor ? new Date(Date.parse(cursor.at) + 1).toISOString() : to;
  add('At < ?', below < to ? below : to);
  if (cursor) add('(At < ? OR EventID < ?)', cursor.at, cursor.id);
  if (f.category) add('Category = ?', f.category);
  if (f.catalog) add('Catalog = ?', f.catalog);
  if (f.trigger) add('Trigger = ?', f.trigger);
  const text = f.text?.trim();
  if (text) add("(Message LIKE ? ESCAPE '\\' OR RecordKey LIKE ? ESCAPE '\\')", likePattern(text), likePattern(text));
  return { sql: where.join(' AND '), args };
}

const toRow = (r: DbEvent): EventRow => ({
  id: r.EventID,
  at: r.At,
  level: r.Level,
  category: r.Category,
  connectionId: r.ConnectionID,
  companyId: r.CompanyID,
  companyName: r.CompanyName,
  message: r.Message,
  runId: r.RunID,
  catalog: r.Catalog,
  recordKey: r.RecordKey,
  trigger: r.Trigger,
});

export class EventQueries {
  constructor(private readonly db: SettingsDb) {}

  page(filter: EventFilter, cursor: { at: string; id: number } | null | undefined, limit: number): EventPage {
    const w = whereOf(filter, cursor);
    const rows = this.db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE ${w.sql} ORDER BY At DESC, EventID DESC LIMIT ?`)
      .all(...w.args, limit + 1) as DbEvent[];
    const more = rows.length > limit;
    const events = rows.slice(0, limit).map(toRow);
    const last = events.at(-1);
    return { events, nextCursor: more && last ? { at: last.at, id: last.id } : null };
  }

  /** Every event of the filtered view, newest first, without loading them all at once. */
  *iterate(filter: EventFilter): IterableIterator<EventRow> {
    const w = whereOf(filter);
    const stmt = this.db.prepare(`SELECT ${COLUMNS} FROM events WHERE ${w.sql} ORDER BY At DESC, EventID DESC`);
    for (const r of stmt.iterate(...w.args) as IterableIterator<DbEvent>) yield toRow(r);
  }

  detail(eventId: number): EventDetailView | undefined {
    const r = this.db.prepare(`SELECT ${COLUMNS}, Details FROM events WHERE EventID = ?`).get(eventId) as
      (DbEvent & { Details: string | null }) | undefined;
    if (!r) return undefined;
    return { ...toRow(r), detailsExcerpt: excerptOf(r.Details) };
  }
}

/** The stored details, redacted again (defence in depth), pretty-printed and cut to 4 KB. */
export function excerptOf(details: string | null, max = DETAILS_EXCERPT_MAX): string | null {
  if (details === null) return null;
  let text: string;
  try {
    text = JSON.stringify(redact(JSON.parse(details)), null, 2);
  } catch {
    text = redactText(details);
  }
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  let cut = text.slice(0, max - 8);
  while (Buffer.byteLength(cut, 'utf8') > max - 8) cut = cut.slice(0, -16);
  return `${cut} […]`;
}
