import type { StoreOrder } from '../../erp/order-writer';
import type { InvoiceRequest } from '../../erp/invoice-writer';
import type { Incoming, InvoiceResult, StorePage } from '../port';
import { StoreError } from '../port';
import {
  sendWithToken,
  serverMessage,
  transientStatus,
  withRetries,
  type CallDeps,
  type Outcome,
} from './authorized-call';
import { BodyTooLarge, formatBytes } from './read-capped';
import { LIMITS } from './schemas/bounds';
import { pageEnvelope } from './schemas/answer-schemas';
import { InvoiceRequestSchema } from './schemas/invoice-request-schema';
import { OrderSchema } from './schemas/order-schema';
import { parseElement } from './schemas/parse-element';
import { ORDER_HASH_IGNORES } from '../document-hash';
import { invoiceRequestFromWire, orderFromWire } from './schemas/to-domain';

export type OrderCallsDeps = CallDeps;

/** The most elements the client asks for per page; the store may send fewer, never more. */
export const MAX_PAGE_SIZE = 500;

/** Not the contract's answer: the pass ends, nothing from this page is used. */
const unreadable = (what: string, why: string) =>
  new StoreError(
    `La tienda Wopen respondió al ${what} con algo que no es el formato acordado (${why}); no se usó nada de esa respuesta.`,
    false,
    200,
  );

/**
 * The order and invoice-request endpoints of docs/wopen-api.md, with the retry and re-authentication rules of
 * the catalog batches (ack, reject and results are idempotent in the store, so retrying them is safe). Pages
 * are checked as an envelope, then every element is parsed on its own (schemas/).
 */
export class OrderCalls {
  constructor(private readonly deps: OrderCallsDeps) {}

  pending(limit: number, cursor: string | null | undefined, signal?: AbortSignal): Promise<StorePage<StoreOrder>> {
    return this.page('/orders/pending', 'orders', 'leer los pedidos pendientes', limit, cursor, signal, (raw) =>
      parseElement(raw, OrderSchema, 'El pedido', orderFromWire, ORDER_HASH_IGNORES),
    );
  }

  async ack(orderId: string, erpFolio: string, erpDocumentId: string, signal?: AbortSignal): Promise<void> {
    await this.call(
      'POST',
      `/orders/${encodeURIComponent(orderId)}/ack`,
      undefined,
      { erpFolio, erpDocumentId },
      `confirmar el pedido ${orderId}`,
      LIMITS.smallAnswerBytes,
      signal,
    );
  }

  async reject(orderId: string, reason: string, signal?: AbortSignal): Promise<void> {
    await this.call(
      'POST',
      `/orders/${encodeURIComponent(orderId)}/reject`,
      undefined,
      { reason },
      `rechazar el pedido ${orderId}`,
      LIMITS.smallAnswerBytes,
      signal,
    );
  }

  pendingInvoices(
    limit: number,
    cursor: string | null | undefined,
    signal?: AbortSignal,
  ): Promise<StorePage<InvoiceRequest>> {
    return this.page(
      '/invoice-requests/pending',
      'requests',
      'leer las solicitudes de factura',
      limit,
      cursor,
      signal,
      (raw) => parseElement(raw, InvoiceRequestSchema, 'La solicitud de factura', invoiceRequestFromWire),
    );
  }

  /** The latest result replaces the earlier one in the store, so repeating it is safe. */
  async invoiceResult(requestId: string, result: InvoiceResult, signal?: AbortSignal): Promise<void> {
    await this.call(
      'POST',
      `/invoice-requests/${encodeURIComponent(requestId)}/result`,
      undefined,
      result,
      `informar la factura ${requestId}`,
      LIMITS.smallAnswerBytes,
      signal,
    );
  }

  /** One page: the envelope is checked, then every element is parsed on its own by `parse`. */
  private async page<T>(
    path: string,
    key: 'orders' | 'requests',
    what: string,
    limit: number,
    cursor: string | null | undefined,
    signal: AbortSignal | undefined,
    parse: (raw: unknown) => Incoming<T>,
  ): Promise<StorePage<T>> {
    const size = pageSize(limit);
    const body = await this.call('GET', path, pageQuery(size, cursor), undefined, what, LIMITS.pageBytes, signal);
    const page = pageEnvelope(key, size).safeParse(body);
    if (!page.success) throw unreadable(what, envelopeProblem(body, key, size));
    return { items: page.data.elements.map(parse), nextCursor: page.data.nextCursor };
  }

  private async call(
    method: 'GET' | 'POST',
    path: string,
    query: Record<string, string> | undefined,
    body: unknown,
    what: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    try {
      return await withRetries(
        this.deps,
        () => this.attempt(method, path, query, text, what, maxBytes, signal),
        {
          sessionRejected: `La tienda Wopen rechazó la sesión al ${what} (HTTP 401).`,
          gaveUp: (attempts, last) =>
            `La tienda Wopen no respondió al ${what} después de ${attempts} intentos: ${last.reason}.`,
        },
        signal,
      );
    } catch (err) {
      if (err instanceof BodyTooLarge) {
        throw new StoreError(
          `La tienda Wopen respondió al ${what} con más de ${formatBytes(err.maxBytes)}, el máximo acordado; se rechazó la respuesta completa y no se usó nada de ella.`,
          false,
          200,
        );
      }
      throw err;
    }
  }

  private async attempt(
    method: string,
    path: string,
    query: Record<string, string> | undefined,
    body: string | undefined,
    what: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<Outcome<unknown>> {
    const sent = await sendWithToken(
      this.deps,
      { method, path, maxBytes, ...(query ? { query } : {}), ...(body === undefined ? {} : { body }) },
      signal,
    );
    if (sent.kind === 'transient') return sent;
    const { res, text, token } = sent;
    if (res.status === 401) return { kind: 'unauthorized', token };
    if (res.ok) {
      if (text === '') return { kind: 'done', value: null };
      try {
        return { kind: 'done', value: JSON.parse(text) as unknown };
      } catch {
        // A cut or garbled answer may be a one-off of the network: retried, then the pass ends with this reason.
        return { kind: 'transient', reason: 'la respuesta de la tienda no es JSON', status: res.status };
      }
    }
    const transient = transientStatus(this.deps, res);
    if (transient) return transient;
    const detail = serverMessage(text);
    throw new StoreError(
      `La tienda Wopen no permitió ${what} (HTTP ${res.status})${detail ? `: ${detail}` : ''}.`,
      false,
      res.status,
    );
  }
}

const pageSize = (limit: number) => Math.max(1, Math.min(MAX_PAGE_SIZE, Math.trunc(limit)));

const pageQuery = (limit: number, cursor: string | null | undefined): Record<string, string> => ({
  limit: String(limit),
  ...(cursor ? { cursor } : {}),
});

/** Why a page is not the envelope, in words support can act on. */
function envelopeProblem(body: unknown, key: 'orders' | 'requests', limit: number): string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'no es un objeto JSON';
  const o = body as Record<string, unknown>;
  if (!Array.isArray(o[key])) return `falta la lista «${key}»`;
  if ((o[key] as unknown[]).length > limit)
    return `trae ${(o[key] as unknown[]).length} elementos y se pidieron a lo más ${limit}`;
  if (!('nextCursor' in o)) return 'falta «nextCursor»';
  return '«nextCursor» no es texto ni null';
}
