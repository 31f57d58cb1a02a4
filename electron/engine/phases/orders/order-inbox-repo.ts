import type { SettingsDb } from '../../../settings/database';
import type { StoreOrder, WrittenDocument } from '../../../erp/order-writer';
import type { Scope } from '../../../core/scope';
import { ORDER_HASH_IGNORES } from '../../../store/document-hash';
import { InboxRepo, type InboxScope, type InboxTable } from '../inbox/inbox-repo';

export type InboxState = 'received' | 'written' | 'acked' | 'rejected';

export interface InboxRow {
  storeOrderId: string;
  /** Null for an order the store sent malformed (only its excerpt is kept, in `excerpt`). */
  order: StoreOrder | null;
  excerpt: string | null;
  contentHash: string | null;
  /** What identifies the ERP document of this order (ORDEN_COMPRA / Title). */
  marker: string;
  state: InboxState;
  document: WrittenDocument | null;
  attempts: number;
  lastError: string | null;
  rejectReason: string | null;
}

const OPEN = `State IN ('received', 'written')`;

/** order_inbox: received → written (ERP document) → acked, or rejected; a Kind (pedido/cotización) per row. */
const ORDER_INBOX: InboxTable<StoreOrder, InboxRow> = {
  table: 'order_inbox',
  idColumn: 'StoreOrderID',
  columns: [],
  openWhere: OPEN,
  hashIgnores: ORDER_HASH_IGNORES,
  docColumns: (order) => ({ Kind: order.kind }),
  malformedColumns: (at) => ({ Kind: null, RejectedAt: at }),
  clearedOnRetake: ['RejectedAt'],
  writtenAtColumn: 'WrittenAt',
  toRow: ({ id, doc, state, ...rest }) => ({
    ...rest,
    storeOrderId: id,
    order: doc,
    state: state as InboxState,
  }),
};

/** The order inbox: the shared inbox with the acknowledgement, the console's list of failed orders and retry. */
export class OrderInboxRepo extends InboxRepo<StoreOrder, InboxRow> {
  constructor(db: SettingsDb, now?: () => string) {
    super(db, ORDER_INBOX, now);
  }

  /**
   * Failed rows of the company's current store (storeKey; null before the first run: every row), with their
   * reason, newest first.
   */
  rejected(s: Scope, storeKey: string | null, limit = 200): (InboxRow & { malformed: boolean })[] {
    return this.rows(
      `WHERE ConnectionID = ? AND CompanyID = ? AND (? IS NULL OR StoreKey = ?) AND State = 'rejected'
       ORDER BY RejectedAt DESC LIMIT ?`,
      s.connectionId,
      s.companyId,
      storeKey,
      storeKey,
      limit,
    ).map((r) => ({ ...r, malformed: r.order === null }));
  }

  /**
   * *Reintentar* in the console: a rejected order goes back to received so the next run writes it again. A
   * malformed one cannot: the store must send it corrected.
   */
  retry(s: Scope, storeKey: string | null, storeOrderId: string): boolean {
    const r = this.db
      .prepare(
        `UPDATE order_inbox SET State = 'received', RejectReason = NULL, RejectedAt = NULL, LastError = NULL, UpdatedAt = ?
         WHERE ConnectionID = ? AND CompanyID = ? AND (? IS NULL OR StoreKey = ?) AND StoreOrderID = ? AND State = 'rejected' AND Malformed = 0`,
      )
      .run(this.now(), s.connectionId, s.companyId, storeKey, storeKey, storeOrderId);
    return r.changes > 0;
  }

  /** The ERP document written for a store order of this company, in any store identity (invoice links). */
  documentOf(s: Scope, storeOrderId: string, storeKey?: string): string | null {
    const r = this.db
      .prepare(
        `SELECT ErpDocumentID FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND StoreOrderID = ? AND ErpDocumentID IS NOT NULL
         ORDER BY (StoreKey = ?) DESC, rowid DESC LIMIT 1`,
      )
      .get(s.connectionId, s.companyId, storeOrderId, storeKey ?? '') as { ErpDocumentID: string } | undefined;
    return r?.ErpDocumentID ?? null;
  }

  acked(s: InboxScope, storeOrderId: string): void {
    this.update(s, storeOrderId, `State = 'acked', AckedAt = ?, LastError = NULL`, this.now());
  }

  rejectedWith(s: InboxScope, storeOrderId: string, reason: string): void {
    this.update(
      s,
      storeOrderId,
      `State = 'rejected', RejectReason = ?, RejectedAt = ?, LastError = NULL`,
      reason,
      this.now(),
    );
  }
}
