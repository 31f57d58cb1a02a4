import {
  OrderRejected,
  type OrderSettings,
  type OrderToWrite,
  type OrderWriter,
  type StoreOrder,
  type WrittenDocument,
} from '../../electron/erp/order-writer';

/**
 * An ERP that takes orders, in memory: documents keyed by their own id, each carrying the store order id and
 * the marker the engine gave it (like DOCTOS_VE.ORDEN_COMPRA), so duplicates show up as two documents for one store id. Known customers and
 * articles only; `crashAfterCommit` simulates the process dying right after the ERP committed.
 */
export class MemoryOrderWriter implements OrderWriter {
  readonly documents: {
    documentId: string;
    folio: string;
    storeOrderId: string;
    ref: string;
    order: StoreOrder;
    settings: OrderSettings;
  }[] = [];
  customers = new Set(['C1', 'C2']);
  articles = new Set(['A1', 'A2', 'FLETE']);
  crashAfterCommit = 0;
  down = false;
  writes = 0;
  closed = 0;

  async writeOrder(order: OrderToWrite, settings: OrderSettings): Promise<WrittenDocument> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:3050');
    this.writes++;
    if (!this.customers.has(order.customerKey))
      throw new OrderRejected(`El cliente «${order.customerKey}» no existe en el ERP.`, 'unknown-customer');
    if (order.lines.length === 0) throw new OrderRejected('El pedido no tiene renglones.', 'empty-order');
    for (const l of order.lines) {
      if (!this.articles.has(l.articleKey))
        throw new OrderRejected(`El artículo «${l.articleKey}» no existe en el ERP.`, 'unknown-article');
      if (!(l.quantity > 0))
        throw new OrderRejected(`La cantidad del artículo «${l.articleKey}» debe ser mayor que cero.`, 'bad-quantity');
    }
    const n = this.documents.length + 1;
    const doc = {
      documentId: String(1000 + n),
      folio: `${order.kind === 'pedido' ? 'P' : 'C'}${String(n).padStart(8, '0')}`,
    };
    this.documents.push({ ...doc, storeOrderId: order.id, ref: order.ref, order, settings });
    if (this.crashAfterCommit > 0) {
      this.crashAfterCommit--;
      throw new Error('El proceso se interrumpió después de escribir en el ERP.');
    }
    return doc;
  }

  async findDocument(ref: string): Promise<WrittenDocument | null> {
    if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:3050');
    const d = this.documents.find((x) => x.ref === ref);
    return d ? { documentId: d.documentId, folio: d.folio } : null;
  }

  async listSeries(kind: 'pedido' | 'cotizacion'): Promise<{ id: string; label: string }[]> {
    return kind === 'pedido' ? [{ id: 'P', label: 'P' }] : [{ id: 'C', label: 'C' }];
  }

  async close(): Promise<void> {
    this.closed++;
  }

  countFor(storeOrderId: string): number {
    return this.documents.filter((d) => d.storeOrderId === storeOrderId).length;
  }
}
