import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApiResponse } from './api-response';

const RESULT_STATUSES = ['stamped', 'pending', 'failed'] as const;

interface InvoiceRow {
  id: string;
  payload: string;
  status: string;
  result: string | null;
  updated_at: string;
}

/** Invoice requests from the store (docs/wopen-api.md, "Invoice requests"). */
export class InvoiceRequestsStore {
  constructor(private readonly db: Database) {}

  create(input: Record<string, unknown>): Record<string, unknown> {
    const id = typeof input.id === 'string' && input.id !== '' ? input.id : randomUUID();
    const request = { orderId: null, customerKey: '', rfc: 'XAXX010101000', usoCfdi: 'G03', lines: [], currency: 'MXN', ...input, id };
    const now = new Date().toISOString();
    this.db
      .prepare("INSERT INTO invoice_requests (id, created_at, payload, status, updated_at) VALUES (?, ?, ?, 'open', ?)")
      .run(id, now, JSON.stringify(request), now);
    return request;
  }

  /** Requests without any result yet, oldest first. */
  pending(): Record<string, unknown>[] {
    const rows = this.db.prepare("SELECT payload FROM invoice_requests WHERE status = 'open' ORDER BY seq").all() as { payload: string }[];
    return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  }

  all(): Record<string, unknown>[] {
    const rows = this.db.prepare('SELECT * FROM invoice_requests ORDER BY seq').all() as InvoiceRow[];
    return rows.map((r) => ({
      ...(JSON.parse(r.payload) as Record<string, unknown>),
      status: r.status,
      result: r.result ? (JSON.parse(r.result) as unknown) : null,
      updatedAt: r.updated_at,
    }));
  }

  /** The latest result wins: a `pending` result may later become `stamped` or `failed`. */
  setResult(id: string, body: Record<string, unknown>): ApiResponse {
    if (!RESULT_STATUSES.includes(body.status as (typeof RESULT_STATUSES)[number])) {
      return { status: 400, body: { error: `status must be one of ${RESULT_STATUSES.join(', ')}` } };
    }
    const changes = this.db
      .prepare('UPDATE invoice_requests SET status = ?, result = ?, updated_at = ? WHERE id = ?')
      .run(body.status as string, JSON.stringify(body), new Date().toISOString(), id).changes;
    return changes ? { status: 200, body: { ok: true } } : { status: 404, body: { error: 'invoice request not found' } };
  }
}
