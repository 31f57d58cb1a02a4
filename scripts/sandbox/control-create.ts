import type { Database } from 'better-sqlite3';
import type { ApiResponse } from './api-response';
import { isObject } from './inbox-table';
import { jsonArrayElementTexts } from './json-array-text';

export interface CreatingStore {
  /** A normal element: an object, completed with defaults. */
  create(input: Record<string, unknown>): Record<string, unknown>;
  /** A raw element: its text as sent and its parse. Answers its key. */
  createRaw(json: string, value: unknown): string;
}

/**
 * `POST /__control/orders` and `/__control/invoice-requests`. The body is one element or an array of
 * them, created in one transaction (all or none). With `raw`, every element is stored exactly as sent, with
 * no defaults, whatever JSON it is: hostile input for the client's tests. A raw array is always a list of
 * elements, so an element that is itself an array is sent wrapped: `[[…]]`.
 */
export function createElements(db: Database, rawBody: string, raw: boolean, store: CreatingStore): ApiResponse {
  const text = rawBody.trim();
  let body: unknown;
  try {
    // A bodiless normal create is an order made only of defaults; a raw one has nothing to store.
    body = text === '' && !raw ? {} : (JSON.parse(text) as unknown);
  } catch {
    return { status: 400, body: { error: 'body must be JSON' } };
  }
  const many = Array.isArray(body);
  const values: unknown[] = many ? (body as unknown[]) : [body];
  if (!raw && !values.every(isObject))
    return { status: 400, body: { error: 'body must be a JSON object or an array of objects' } };
  const texts = raw && many ? jsonArrayElementTexts(text) : [text];
  if (raw && texts.length !== values.length)
    return { status: 500, body: { error: `sandbox bug: split ${texts.length} raw elements out of ${values.length}` } };

  const make = (value: unknown, i: number): unknown =>
    raw ? { id: store.createRaw(texts[i] ?? '', value), raw: value } : store.create(value as Record<string, unknown>);
  try {
    const created = db.transaction(() => values.map(make))();
    return { status: 201, body: many ? created : created[0] };
  } catch (err) {
    // The only way an insert fails is an id the store already has.
    return { status: 409, body: { error: (err as Error).message } };
  }
}
