import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { ApiResponse } from './api-response';
import { controlView, type InboxRow, InboxTable, isObject, type Page } from './inbox-table';
import type { Position } from './paging';

interface OrderRow extends InboxRow {
  status: 'pending' | 'acked' | 'rejected';
  erp_folio: string | null;
  erp_document_id: string | null;
  reject_reason: string | null;
}

/** Store orders and quotes waiting for the ERP (docs/wopen-api.md, "Orders and quotes"). */
export class OrdersStore {
  private readonly table: InboxTable<OrderRow>;

  constructor(private readonly db: Database) {
    this.table = new InboxTable<OrderRow>(db, 'orders', 'pending');
  }

  /**
   * Control API: a customer places an order in the store. Missing fields get plausible defaults; an order
   * says nothing about payment only when it is paid (the common case), so a body that names paymentStatus
   * keeps whatever it says.
   */
  create(input: Record<string, unknown>): Record<string, unknown> {
    const id = typeof input.id === 'string' && input.id !== '' ? input.id : randomUUID();
    const createdAt = typeof input.createdAt === 'string' ? input.createdAt : new Date().toISOString();
    const order = {
      kind: 'pedido',
      paymentStatus: 'paid',
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
    this.table.insert(id, createdAt, JSON.stringify(order));
    return order;
  }

  /** Control API: any JSON value, stored as sent (see InboxTable). Answers its key. */
  createRaw(json: string, value: unknown): string {
    return this.table.insertRaw(json, value);
  }

  /** Control API: the customer pays an order that was waiting for payment. */
  pay(key: string): ApiResponse {
    const row = this.table.row(key);
    if (!row) return { status: 404, body: { error: 'order not found' } };
    const order: unknown = JSON.parse(row.payload);
    if (!isObject(order)) return { status: 409, body: { error: 'the stored element is not a JSON object' } };
    const paid = { ...order, paymentStatus: 'paid' };
    this.table.setPayload(key, JSON.stringify(paid));
    return { status: 200, body: paid };
  }

  /** Orders neither acknowledged nor rejected, paid or not, oldest first. */
  pending(limit: number, after: Position | undefined): Page {
    return this.table.page(limit, after);
  }

  all(): Record<string, unknown>[] {
    return this.table.rows().map((r) =>
      controlView(r, {
        status: r.status,
        erpFolio: r.erp_folio,
        erpDocumentId: r.erp_document_id,
        rejectReason: r.reject_reason,
      }),
    );
  }

  ack(id: string, body: Record<string, unknown>): ApiResponse {
    const { erpFolio, erpDocumentId } = body;
    if (typeof erpFolio !== 'string' || erpFolio === '')
      return { status: 400, body: { error: 'erpFolio is required' } };
    const row = this.find(id);
    if (!row) return { status: 404, body: { error: 'order not found' } };
    if (row.status === 'rejected') return { status: 409, body: { error: 'order was rejected' } };
    if (row.status === 'acked') {
      // Acknowledging twice with the same folio is a no-op (the ERP retried); another folio is a conflict.
      return row.erp_folio === erpFolio
        ? { status: 200, body: { ok: true } }
        : { status: 409, body: { error: 'order already acknowledged with another folio' } };
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
      this.db
        .prepare("UPDATE orders SET status = 'rejected', reject_reason = ?, updated_at = ? WHERE id = ?")
        .run(reason, new Date().toISOString(), id);
    }
    return { status: 200, body: { ok: true } };
  }

  /** Only ids the store API knows: a raw element without a string id cannot be acknowledged or rejected. */
  private find(id: string): OrderRow | undefined {
    return this.table.addressable(id);
  }
}
