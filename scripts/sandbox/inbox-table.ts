import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { encodeCursor, type Position } from './paging';

export interface InboxRow {
  seq: number;
  id: string;
  created_at: string;
  /** The element's JSON text, exactly as the store API serves it. */
  payload: string;
  status: string;
  updated_at: string;
}

export interface Page {
  /** JSON texts of the elements, oldest first. */
  elements: string[];
  nextCursor: string | null;
}

/**
 * What orders and invoice requests share: rows keyed by the element's id, listed oldest first (created_at,
 * then seq) in keyset pages, so acknowledging an element between two pages neither skips nor repeats others.
 * Raw elements (hostile input for the client's tests) may be any JSON value; one that is not an object with
 * a string id is kept under an internal key the store API never addresses.
 */
export class InboxTable<R extends InboxRow = InboxRow> {
  constructor(
    private readonly db: Database,
    private readonly table: 'orders' | 'invoice_requests',
    /** The status of an element nobody answered yet. */
    private readonly openStatus: string,
  ) {}

  insert(id: string, createdAt: string, json: string): void {
    this.db
      .prepare(`INSERT INTO ${this.table} (id, created_at, payload, status, updated_at) VALUES (?, ?, ?, ?, ?)`)
      .run(id, createdAt, json, this.openStatus, new Date().toISOString());
  }

  /** Stores `json` (the element's text as sent; `value` is its parse) at insertion time. Answers the row's key. */
  insertRaw(json: string, value: unknown): string {
    const now = new Date().toISOString();
    const id = elementId(value);
    if (id !== undefined) {
      this.insert(id, now, json);
      return id;
    }
    // The key is named after seq, which only exists once the row does.
    return this.db.transaction(() => {
      this.insert(`raw-placeholder-${randomUUID()}`, now, json);
      const seq = (this.db.prepare('SELECT last_insert_rowid() AS seq').get() as { seq: number }).seq;
      const key = `raw-${seq}`;
      this.db.prepare(`UPDATE ${this.table} SET id = ? WHERE seq = ?`).run(key, seq);
      return key;
    })();
  }

  page(limit: number, after: Position | undefined): Page {
    const where = after ? 'AND (created_at > ? OR (created_at = ? AND seq > ?))' : '';
    const params = after ? [after.createdAt, after.createdAt, after.seq] : [];
    const rows = this.db
      .prepare(
        `SELECT seq, created_at, payload FROM ${this.table} WHERE status = ? ${where} ORDER BY created_at, seq LIMIT ?`,
      )
      .all(this.openStatus, ...params, limit + 1) as Pick<InboxRow, 'seq' | 'created_at' | 'payload'>[];
    // One row more than asked says whether a next page exists, so the last page ends with null.
    const shown = rows.slice(0, limit);
    const last = shown.at(-1);
    const more = rows.length > limit && last !== undefined;
    return {
      elements: shown.map((r) => r.payload),
      nextCursor: more ? encodeCursor({ createdAt: last.created_at, seq: last.seq }) : null,
    };
  }

  /** The row the store API knows by this id: its element is an object carrying that id. */
  addressable(id: string): R | undefined {
    const row = this.row(id);
    return row && elementId(JSON.parse(row.payload)) === row.id ? row : undefined;
  }

  /** Any row by its key, internal keys of raw elements included (control API). */
  row(key: string): R | undefined {
    return this.db.prepare(`SELECT * FROM ${this.table} WHERE id = ?`).get(key) as R | undefined;
  }

  rows(): R[] {
    return this.db.prepare(`SELECT * FROM ${this.table} ORDER BY created_at, seq`).all() as R[];
  }

  setPayload(key: string, json: string): void {
    this.db
      .prepare(`UPDATE ${this.table} SET payload = ?, updated_at = ? WHERE id = ?`)
      .run(json, new Date().toISOString(), key);
  }
}

/** The id the store API would use for this element, if it has one. */
export function elementId(value: unknown): string | undefined {
  return isObject(value) && typeof value.id === 'string' ? value.id : undefined;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A page as the store API's envelope; elements are spliced in as stored, so raw ones stay byte for byte. */
export function pageText(key: 'orders' | 'requests', page: Page): string {
  return `{${JSON.stringify(key)}:[${page.elements.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

/**
 * How the control API lists a row: the element with its state, or, for a raw element the store API cannot
 * address, `{id: <internal key>, raw: <value>}` with its state.
 */
export function controlView(row: InboxRow, state: Record<string, unknown>): Record<string, unknown> {
  const value: unknown = JSON.parse(row.payload);
  const element = elementId(value) === row.id ? (value as Record<string, unknown>) : { id: row.id, raw: value };
  return { ...element, ...state, updatedAt: row.updated_at };
}
