/**
 * How the engine writes store orders and quotes into an ERP company. Each ERP implements it in its
 * own folder; the engine imports only this file.
 *
 * Exactly once: the engine records every store order in its inbox before writing; the writer stores the
 * order's `ref` — a marker made of the store identity and the order id (engine/store-identity.ts) — on the ERP
 * document (Microsip: DOCTOS_VE.ORDEN_COMPRA; Start/Pro: docDocument.Title) in the same transaction as the
 * document, so after a crash `findDocument(ref)` tells whether the write happened.
 */

export interface StoreOrderLine {
  articleKey: string;
  quantity: number;
  /** Without tax, in the order's currency. */
  unitPrice: number;
  discountPercent?: number;
  notes?: string;
}

export interface StoreOrder {
  /** The store's id of the order (the idempotency key). */
  id: string;
  kind: 'pedido' | 'cotizacion';
  /** Only paid orders are imported; a pending one waits in the store (docs/wopen-api.md). */
  paymentStatus: 'paid' | 'pending';
  createdAt: string;
  customerKey: string;
  /** ISO 4217: MXN, USD, EUR… */
  currency: string;
  lines: StoreOrderLine[];
  /** Freight amount, added as a line of the configured freight article. */
  freight: number;
  notes?: string;
  /** RFC the customer typed in the store (new customers). */
  rfc?: string;
}

/** An order as the writer receives it: with the marker that ties the ERP document to (store, order id). */
export interface OrderToWrite extends StoreOrder {
  ref: string;
}

export interface OrderSettings {
  /** Series (FOLIOS_VENTAS.SERIE) for pedidos and for cotizaciones; null = the ERP's default series. */
  seriesPedidos: string | null;
  seriesCotizaciones: string | null;
  /** ERP article id used for the freight line. */
  freightArticleId: string | null;
  /** Warehouse the order commits from; null = the ERP's default warehouse. */
  warehouseId: string | null;
  requireRfc: boolean;
  /**
   * The company's *Sucursal* (orgWOpen.SucursalID), filled by the engine: Microsip 2020+ writes it in
   * DOCTOS_VE.SUCURSAL_ID and takes the folio from that branch's FOLIOS_VENTAS row.
   */
  branchId?: string | null;
}

export interface WrittenDocument {
  documentId: string;
  /** The folio as the ERP shows it, e.g. 'P00000123'. */
  folio: string;
}

/** A store order the ERP must not take, with the reason in Spanish. Nothing was written. */
export class OrderRejected extends Error {
  override readonly name = 'OrderRejected';
  constructor(
    message: string,
    readonly code:
      | 'unknown-customer'
      | 'unknown-article'
      | 'bad-quantity'
      | 'bad-price'
      | 'missing-rfc'
      | 'bad-rfc'
      | 'text-too-long'
      | 'unsupported-currency'
      | 'empty-order'
      | 'bad-series'
      | 'no-freight-article',
  ) {
    super(message);
  }
}

export interface OrderWriter {
  /** Writes one order as one document in one transaction (or nothing); throws OrderRejected for bad orders. */
  writeOrder(order: OrderToWrite, settings: OrderSettings): Promise<WrittenDocument>;
  /** The document already written with this marker, if any (reconciliation after a crash). */
  findDocument(ref: string): Promise<WrittenDocument | null>;
  /** Series offered for the settings (Pedidos or Cotizaciones), of the company's *Sucursal* when folios are per branch. */
  listSeries(kind: 'pedido' | 'cotizacion', branchId?: string | null): Promise<{ id: string; label: string }[]>;
  close(): Promise<void>;
}

export interface OrderProvider {
  openOrders(companyId: string): Promise<OrderWriter>;
}
