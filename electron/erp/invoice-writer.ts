/**
 * How the engine turns store invoice requests into ERP invoices. Only CONTPAQi Comercial Start/Pro
 * implements it (Microsip companies do not create invoices from the store, as in b2bGO); the engine imports
 * only this file.
 *
 * Exactly once, like orders: the engine records each request in its inbox before writing; the writer stores
 * the request id on the ERP document in the same transaction as the document, so `findInvoice` tells after a
 * crash whether the write happened.
 */

export interface InvoiceRequestLine {
  articleKey: string;
  /** The store's name of the article: used when the article exists only in the store. */
  description?: string;
  quantity: number;
  /** Without tax, in the request's currency. */
  unitPrice: number;
  discountPercent?: number;
}

export interface InvoiceRequest {
  /** The store's id of the request (the idempotency key). */
  id: string;
  /** The store order this invoice bills, if any. */
  orderId: string | null;
  customerKey: string;
  rfc: string;
  /** SAT c_UsoCFDI, e.g. G03. */
  usoCfdi: string;
  /** ISO 4217. */
  currency: string;
  lines: InvoiceRequestLine[];
  /** SAT c_FormaPago (e.g. '03') and c_MetodoPago ('PUE'/'PPD'); the ERP's defaults when absent. */
  formaPago?: string;
  metodoPago?: string;
}

/** A request as the writer receives it: with the marker that ties the ERP invoice to (store, request id). */
export interface InvoiceToWrite extends InvoiceRequest {
  ref: string;
}

export interface InvoiceSettings {
  /** Series for the invoices; null = the connector's own. */
  series: string | null;
  /** The company's *Clave Prod/Serv* and *Clave Unidad* for articles that exist only in the store; null = not set. */
  defaultClaveProdServ: string | null;
  defaultClaveUnidad: string | null;
  /** The ERP document of the store order this invoice bills (from the order inbox), when known. */
  sourceDocumentId: string | null;
}

export interface WrittenInvoice {
  documentId: string;
  /** As the ERP shows it, e.g. 'WF000123'. */
  folio: string;
}

/** An invoice as stamped in the ERP: what customers download from the store. */
export interface StampedInvoice {
  uuid: string;
  /** The CFDI XML, when the ERP keeps it readable (a file path or a column); null otherwise. */
  xml: string | null;
}

/** A request the ERP must not take, with the reason in Spanish. Nothing was written. */
export class InvoiceRejected extends Error {
  override readonly name = 'InvoiceRejected';
  constructor(
    message: string,
    readonly code:
      | 'unknown-customer'
      | 'unknown-article'
      | 'missing-sat-keys'
      | 'bad-quantity'
      | 'bad-price'
      | 'bad-rfc'
      | 'bad-uso-cfdi'
      | 'bad-payment-form'
      | 'unsupported-currency'
      | 'empty-invoice'
      | 'text-too-long'
      | 'bad-series',
  ) {
    super(message);
  }
}

export interface InvoiceWriter {
  /**
   * Writes one request as one invoice in one transaction (or nothing); throws InvoiceRejected for bad
   * requests. Articles missing in the ERP are created with the default Clave Prod/Serv and Clave Unidad, or
   * the request is rejected ('missing-sat-keys') when the company has none.
   */
  writeInvoice(request: InvoiceToWrite, settings: InvoiceSettings): Promise<WrittenInvoice>;
  /** The invoice already written for this request id, if any (reconciliation after a crash). */
  findInvoice(ref: string): Promise<WrittenInvoice | null>;
  /** The invoice's stamp, when it is stamped in the ERP (by us or by a user); null while unstamped. */
  stampOf(documentId: string): Promise<StampedInvoice | null>;
  close(): Promise<void>;
}

export interface InvoiceProvider {
  openInvoices(companyId: string): Promise<InvoiceWriter>;
}
