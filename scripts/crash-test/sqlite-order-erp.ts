import BetterSqlite3 from 'better-sqlite3';
import {
  OrderRejected,
  type OrderSettings,
  type OrderToWrite,
  type OrderWriter,
  type WrittenDocument,
} from '../../electron/erp/order-writer';

/**
 * A durable ERP double for the crash test, NOT Microsip: one SQLite file (WAL) with documents, their lines and
 * a folio counter per series. Like the Microsip recipe, each order is one transaction that reserves the folio,
 * writes the header (with the store order id, like DOCTOS_VE.ORDEN_COMPRA) and the lines, and commits; a kill
 * in the middle leaves nothing. The store order id is deliberately NOT unique here (neither is ORDEN_COMPRA),
 * so a duplicate import would show up as two documents.
 */
export class SqliteOrderErp implements OrderWriter {
  private readonly db: BetterSqlite3.Database;

  constructor(
    file: string,
    /** Awaited inside the open transaction, so a kill can land mid-write. */
    private readonly pause: () => Promise<void> = async () => {},
  ) {
    this.db = new BetterSqlite3(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS folios (serie TEXT PRIMARY KEY, next INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS documents (
        document_id INTEGER PRIMARY KEY AUTOINCREMENT,
        store_order_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        folio TEXT NOT NULL UNIQUE,
        customer TEXT NOT NULL,
        total REAL NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS documents_by_store_id ON documents (store_order_id);
      CREATE TABLE IF NOT EXISTS lines (document_id INTEGER NOT NULL, n INTEGER NOT NULL, article TEXT NOT NULL, quantity REAL NOT NULL, price REAL NOT NULL);
    `);
  }

  async writeOrder(order: OrderToWrite, settings: OrderSettings): Promise<WrittenDocument> {
    if (order.lines.length === 0) throw new OrderRejected('El pedido no tiene renglones.', 'empty-order');
    for (const l of order.lines) {
      if (!(l.quantity > 0))
        throw new OrderRejected(`La cantidad del artículo «${l.articleKey}» debe ser mayor que cero.`, 'bad-quantity');
    }
    const serie =
      (order.kind === 'pedido' ? settings.seriesPedidos : settings.seriesCotizaciones) ??
      (order.kind === 'pedido' ? 'P' : 'C');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db.prepare('INSERT INTO folios (serie, next) VALUES (?, 1) ON CONFLICT (serie) DO NOTHING').run(serie);
      const { next } = this.db
        .prepare('UPDATE folios SET next = next + 1 WHERE serie = ? RETURNING next - 1 AS next')
        .get(serie) as { next: number };
      const folio = `${serie}${String(next).padStart(9 - serie.length, '0')}`;
      await this.pause();
      const total = order.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) + order.freight;
      const { lastInsertRowid } = this.db
        .prepare(
          'INSERT INTO documents (store_order_id, kind, folio, customer, total, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(order.ref, order.kind, folio, order.customerKey, total, new Date().toISOString());
      await this.pause();
      const line = this.db.prepare(
        'INSERT INTO lines (document_id, n, article, quantity, price) VALUES (?, ?, ?, ?, ?)',
      );
      order.lines.forEach((l, i) => line.run(lastInsertRowid, i + 1, l.articleKey, l.quantity, l.unitPrice));
      await this.pause();
      this.db.exec('COMMIT');
      return { documentId: String(lastInsertRowid), folio };
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw err;
    }
  }

  async findDocument(ref: string): Promise<WrittenDocument | null> {
    const r = this.db
      .prepare('SELECT document_id, folio FROM documents WHERE store_order_id = ? ORDER BY document_id LIMIT 1')
      .get(ref) as { document_id: number; folio: string } | undefined;
    return r ? { documentId: String(r.document_id), folio: r.folio } : null;
  }

  async listSeries(kind: 'pedido' | 'cotizacion'): Promise<{ id: string; label: string }[]> {
    return [{ id: kind === 'pedido' ? 'P' : 'C', label: kind === 'pedido' ? 'Pedidos' : 'Cotizaciones' }];
  }

  /** For the final check: every document with its marker (store identity + order id) and line count. */
  documents(): { documentId: string; marker: string; folio: string; lines: number }[] {
    return (
      this.db
        .prepare(
          'SELECT d.document_id, d.store_order_id, d.folio, (SELECT COUNT(*) FROM lines l WHERE l.document_id = d.document_id) AS n FROM documents d ORDER BY d.document_id',
        )
        .all() as { document_id: number; store_order_id: string; folio: string; n: number }[]
    ).map((r) => ({ documentId: String(r.document_id), marker: r.store_order_id, folio: r.folio, lines: r.n }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
