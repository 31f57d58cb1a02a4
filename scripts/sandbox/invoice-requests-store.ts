import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApiResponse } from './api-response';
import { controlView, type InboxRow, InboxTable, type Page } from './inbox-table';
import type { Position } from './paging';

const RESULT_STATUSES = ['stamped', 'pending', 'failed'] as const;

interface InvoiceRow extends InboxRow {
  result: string | null;
}

/** Invoice requests from the store (docs/wopen-api.md, "Invoice requests"). */
export class InvoiceRequestsStore {
  private readonly table: InboxTable<InvoiceRow>;

  constructor(private readonly db: Database) {
    this.table = new InboxTable<InvoiceRow>(db, 'invoice_requests', 'open');
  }

  create(input: Record<string, unknown>): Record<string, unknown> {
    const id = typeof input.id === 'string' && input.id !== '' ? input.id : randomUUID();
    const request = {
      orderId: null,
      customerKey: '',
      rfc: 'XAXX010101000',
      usoCfdi: 'G03',
      lines: [],
      currency: 'MXN',
      ...input,
      id,
    };
    this.table.insert(id, new Date().toISOString(), JSON.stringify(request));
    return request;
  }

  /** Control API: any JSON value, stored as sent (see InboxTable). Answers its key. */
  createRaw(json: string, value: unknown): string {
    return this.table.insertRaw(json, value);
  }

  /** Requests without any result yet, oldest first. */
  pending(limit: number, after: Position | undefined): Page {
    return this.table.page(limit, after);
  }

  all(): Record<string, unknown>[] {
    return this.table
      .rows()
      .map((r) => controlView(r, { status: r.status, result: r.result ? (JSON.parse(r.result) as unknown) : null }));
  }

  /** The latest result wins: a `pending` result may later become `stamped` or `failed`. */
  setResult(id: string, body: Record<string, unknown>): ApiResponse {
    if (!RESULT_STATUSES.includes(body.status as (typeof RESULT_STATUSES)[number])) {
      return { status: 400, body: { error: `status must be one of ${RESULT_STATUSES.join(', ')}` } };
    }
    // Only ids the store API knows: a raw element without a string id cannot get a result.
    if (!this.table.addressable(id)) return { status: 404, body: { error: 'invoice request not found' } };
    this.db
      .prepare('UPDATE invoice_requests SET status = ?, result = ?, updated_at = ? WHERE id = ?')
      .run(body.status as string, JSON.stringify(body), new Date().toISOString(), id);
    return { status: 200, body: { ok: true } };
  }
}
