import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApiResponse } from './api-response';

interface OrderRow {
  id: string;
  created_at: string;
  payload: string;
  status: 'pending' | 'acked' | 'rejected';
  erp_folio: string | null;
  erp_document_id: string | null;
  reject_reason: string | null;
  updated_at: string;
}

/** Store orders and quotes waiting for the ERP (docs/wopen-api.md, "Orders and quotes"). */
export class OrdersStore {
  constructor(private readonly db: Database) {}

  /** Control API: a customer places an order in the store. Missing fields get plausible defaults. */
  create(input: Record<string, unknown>): Record<string, unknown> {
    const id = typeof input.id === 'string' && input.id !== '' ? input.id : randomUUID();
    const createdAt = typeof input.createdAt === 'string' ? input.createdAt : new Date().toISOString();
    const order = {
      kind: 'pedido',
      customerKey: '',
      currency: 'MXN',
      lines: [],
      freight: 0,
      notes: '',
      shipTo: null,
      ...input,
      id,
      createdAt,
    };
    this.db
      .prepare('INSERT INTO orders (id, created_at, payload, status, updated_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, createdAt, JSON.stringify(order), 'pending', new Date().toISOString());
    return order;
  }

  pending(limit: number): Record<string, unknown>[] {
    const rows = this.db
      .prepare("SELECT payload FROM orders WHERE status = 'pending' ORDER BY created_at, seq LIMIT ?")
      .all(limit) as { payload: string }[];
    return rows.map((r) => JSON.parse(r.payload) as Record<string, unknown>);
  }

  all(): Record<string, unknown>[] {
    const rows = this.db.prepare('SELECT * FROM orders ORDER BY created_at, seq').all() as OrderRow[];
    return rows.map((r) => ({
      ...(JSON.parse(r.payload) as Record<string, unknown>),
      status: r.status,
      erpFolio: r.erp_folio,
      erpDocumentId: r.erp_document_id,
      rejectReason: r.reject_reason,
      updatedAt: r.updated_at,
    }));
  }

  ack(id: string, body: Record<string, unknown>): ApiResponse {
    const { erpFolio, erpDocumentId } = body;
    if (typeof erpFolio !== 'string' || erpFolio === '') return { status: 400, body: { error: 'erpFolio is required' } };
    const row = this.find(id);
    if (!row) return { status: 404, body: { error: 'order not found' } };
    if (row.status === 'rejected') return { status: 409, body: { error: 'order was rejected' } };
    if (row.status === 'acked') {
      // Acknowledging twice with the same folio is a no-op (the ERP retried); another folio is a conflict.
      return row.erp_folio === erpFolio ? { status: 200, body: { ok: true } } : { status: 409, body: { error: 'order already acknowledged with another folio' } };
    }
    this.db
      .prepare("UPDATE orders SET status = 'acked', erp_folio = ?, erp_document_id = ?, updated_at = ? WHERE id = ?")
      .run(erpFolio, erpDocumentId == null ? null : String(erpDocumentId), new Date().toISOString(), id);
    return { status: 200, body: { ok: true } };
  }

  reject(id: string, body: Record<string, unknown>): ApiResponse {
    const reason = typeof body.reason === 'string' ? body.reason : '';
    const row = this.find(id);
    if (!row) return { status: 404, body: { error: 'order not found' } };
    if (row.status === 'acked') return { status: 409, body: { error: 'order already acknowledged' } };
    if (row.status === 'pending') {
      this.db.prepare("UPDATE orders SET status = 'rejected', reject_reason = ?, updated_at = ? WHERE id = ?").run(reason, new Date().toISOString(), id);
    }
    return { status: 200, body: { ok: true } };
  }

  private find(id: string): OrderRow | undefined {
    return this.db.prepare('SELECT * FROM orders WHERE id = ?').get(id) as OrderRow | undefined;
  }
}
