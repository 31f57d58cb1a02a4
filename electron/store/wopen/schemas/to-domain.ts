import type { StoreOrder, StoreOrderLine } from '../../../erp/order-writer';
import type { InvoiceRequest } from '../../../erp/invoice-writer';
import type { WireInvoiceRequest } from './invoice-request-schema';
import type { WireOrder } from './order-schema';

/** Optional text: absent when the store sent nothing, null or an empty string. */
const opt = <K extends string>(key: K, v: string | null | undefined): { [P in K]?: string } =>
  (v === undefined || v === null || v === '' ? {} : { [key]: v }) as { [P in K]?: string };
const optNum = <K extends string>(key: K, v: number | null | undefined): { [P in K]?: number } =>
  (v === undefined || v === null ? {} : { [key]: v }) as { [P in K]?: number };

/** A validated wire order as the domain's StoreOrder (fixed key order, so its hash is stable). */
export function orderFromWire(w: WireOrder): StoreOrder {
  return {
    id: w.id,
    kind: w.kind,
    paymentStatus: w.paymentStatus,
    createdAt: w.createdAt,
    customerKey: w.customerKey,
    currency: w.currency,
    lines: w.lines.map((l): StoreOrderLine => ({
      articleKey: l.articleKey,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      ...optNum('discountPercent', l.discountPercent),
      ...opt('notes', l.notes),
    })),
    freight: w.freight,
    ...opt('notes', w.notes),
    ...opt('rfc', w.rfc),
  };
}

export function invoiceRequestFromWire(w: WireInvoiceRequest): InvoiceRequest {
  return {
    id: w.id,
    orderId: w.orderId,
    customerKey: w.customerKey,
    rfc: w.rfc,
    usoCfdi: w.usoCfdi,
    currency: w.currency,
    lines: w.lines.map((l) => ({
      articleKey: l.articleKey,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      ...optNum('discountPercent', l.discountPercent),
      ...opt('description', l.description),
    })),
    ...opt('formaPago', w.formaPago),
    ...opt('metodoPago', w.metodoPago),
  };
}
