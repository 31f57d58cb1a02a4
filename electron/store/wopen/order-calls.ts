import type { StoreOrder, StoreOrderLine } from '../../erp/order-writer';
import type { InvoiceRequest } from '../../erp/invoice-writer';
import type { InvoiceResult } from '../port';
import { StoreError } from '../port';
import { sendWithToken, serverMessage, transientStatus, withRetries, type CallDeps, type Outcome } from './authorized-call';

export type OrderCallsDeps = CallDeps;

/**
 * The order endpoints of docs/wopen-api.md (pending, ack, reject) with the same retry and re-authentication
 * rules as the catalog batches. Ack and reject are idempotent in the store, so retrying them is safe.
 */
export class OrderCalls {
  constructor(private readonly deps: OrderCallsDeps) {}

  async pending(limit: number, signal?: AbortSignal): Promise<StoreOrder[]> {
    const body = await this.call('GET', `/orders/pending?limit=${limit}`, undefined, 'leer los pedidos pendientes', signal);
    const orders = (body as { orders?: unknown } | null)?.orders;
    if (!Array.isArray(orders)) throw new StoreError('La tienda Wopen respondió a los pedidos pendientes con un formato desconocido.', true, 200);
    return orders.map(toStoreOrder);
  }

  async ack(orderId: string, erpFolio: string, erpDocumentId: string, signal?: AbortSignal): Promise<void> {
    await this.call('POST', `/orders/${encodeURIComponent(orderId)}/ack`, { erpFolio, erpDocumentId }, `confirmar el pedido ${orderId}`, signal);
  }

  async reject(orderId: string, reason: string, signal?: AbortSignal): Promise<void> {
    await this.call('POST', `/orders/${encodeURIComponent(orderId)}/reject`, { reason }, `rechazar el pedido ${orderId}`, signal);
  }

  /** Issue 7: invoice requests the ERP has not answered yet. */
  async pendingInvoices(signal?: AbortSignal): Promise<InvoiceRequest[]> {
    const body = await this.call('GET', '/invoice-requests/pending', undefined, 'leer las solicitudes de factura', signal);
    const requests = (body as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests)) throw new StoreError('La tienda Wopen respondió a las solicitudes de factura con un formato desconocido.', true, 200);
    return requests.map(toInvoiceRequest);
  }

  /** The latest result replaces the earlier one in the store, so repeating it is safe. */
  async invoiceResult(requestId: string, result: InvoiceResult, signal?: AbortSignal): Promise<void> {
    await this.call('POST', `/invoice-requests/${encodeURIComponent(requestId)}/result`, result, `informar la factura ${requestId}`, signal);
  }

  private async call(method: 'GET' | 'POST', path: string, body: unknown, what: string, signal?: AbortSignal): Promise<unknown> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return withRetries(
      this.deps,
      () => this.attempt(method, path, text, what, signal),
      {
        sessionRejected: `La tienda Wopen rechazó la sesión al ${what} (HTTP 401).`,
        gaveUp: (attempts, last) => `La tienda Wopen no respondió al ${what} después de ${attempts} intentos: ${last.reason}.`,
      },
      signal,
    );
  }

  private async attempt(method: string, path: string, body: string | undefined, what: string, signal?: AbortSignal): Promise<Outcome<unknown>> {
    const sent = await sendWithToken(this.deps, { method, path, ...(body === undefined ? {} : { body }) }, signal);
    if (sent.kind === 'transient') return sent;
    const { res, text, token } = sent;
    if (res.status === 401) return { kind: 'unauthorized', token };
    if (res.ok) {
      try {
        return { kind: 'done', value: text === '' ? null : (JSON.parse(text) as unknown) };
      } catch {
        return { kind: 'transient', reason: 'la respuesta de la tienda no se pudo leer', status: res.status };
      }
    }
    const transient = transientStatus(this.deps, res);
    if (transient) return transient;
    const detail = serverMessage(text);
    throw new StoreError(`La tienda Wopen no permitió ${what} (HTTP ${res.status})${detail ? `: ${detail}` : ''}.`, false, res.status);
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v == null ? '' : String(v));
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The store's JSON as a StoreOrder; values are passed as sent (the ERP writer validates and rejects). */
function toStoreOrder(raw: unknown): StoreOrder {
  const o = (raw ?? {}) as Record<string, unknown>;
  const lines = Array.isArray(o.lines) ? (o.lines as Record<string, unknown>[]) : [];
  return {
    id: str(o.id),
    kind: o.kind === 'cotizacion' ? 'cotizacion' : 'pedido',
    createdAt: str(o.createdAt),
    customerKey: str(o.customerKey),
    currency: str(o.currency) || 'MXN',
    lines: lines.map((l): StoreOrderLine => ({
      articleKey: str(l.articleKey),
      quantity: num(l.quantity),
      unitPrice: num(l.unitPrice),
      ...(l.discountPercent == null ? {} : { discountPercent: num(l.discountPercent) }),
      ...(typeof l.notes === 'string' && l.notes !== '' ? { notes: l.notes } : {}),
    })),
    freight: o.freight == null ? 0 : num(o.freight),
    ...(typeof o.notes === 'string' && o.notes !== '' ? { notes: o.notes } : {}),
    ...(typeof o.rfc === 'string' && o.rfc !== '' ? { rfc: o.rfc } : {}),
  };
}

/** The store's JSON as an InvoiceRequest; values are passed as sent (the ERP writer validates and rejects). */
function toInvoiceRequest(raw: unknown): InvoiceRequest {
  const o = (raw ?? {}) as Record<string, unknown>;
  const lines = Array.isArray(o.lines) ? (o.lines as Record<string, unknown>[]) : [];
  return {
    id: str(o.id),
    orderId: typeof o.orderId === 'string' && o.orderId !== '' ? o.orderId : null,
    customerKey: str(o.customerKey),
    rfc: str(o.rfc),
    usoCfdi: str(o.usoCfdi),
    currency: str(o.currency) || 'MXN',
    lines: lines.map((l) => ({
      articleKey: str(l.articleKey),
      quantity: num(l.quantity),
      unitPrice: num(l.unitPrice),
      ...(l.discountPercent == null ? {} : { discountPercent: num(l.discountPercent) }),
      ...(typeof l.description === 'string' && l.description !== '' ? { description: l.description } : {}),
    })),
    ...(typeof o.formaPago === 'string' && o.formaPago !== '' ? { formaPago: o.formaPago } : {}),
    ...(typeof o.metodoPago === 'string' && o.metodoPago !== '' ? { metodoPago: o.metodoPago } : {}),
  };
}
