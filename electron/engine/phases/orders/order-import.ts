import { MAX_PAGES_PER_RUN } from '../../store-pages';
import {
  OrderRejected,
  type OrderSettings,
  type OrderWriter,
  type StoreOrder,
  type WrittenDocument,
} from '../../../erp/order-writer';
import { StoreError, type StoreClient } from '../../../store/port';
import { erpMarker } from '../../store-identity';
import type { InboxScope } from '../inbox/inbox-repo';
import type { ImportLock } from '../inbox/import-lock';
import { PassStopped, errorText, settleInbox } from '../inbox/settle-loop';
import type { InboxRow, OrderInboxRepo } from './order-inbox-repo';

export interface OrderCounts {
  /** Acknowledged to the store in this run (newly written or healed after a crash). */
  imported: number;
  /** Rejected in this run (bad or malformed orders, reused ids), each reported to the store. */
  rejected: number;
  /** Still unfinished after the run (ERP or store down): the next run continues them. */
  pending: number;
  /** Listed by the store but not paid yet: left untouched until the store reports them paid. */
  awaitingPayment: number;
}

export interface OrderImportResult extends OrderCounts {
  /** Why orders were left pending (ERP or store down, an ack the store refused); null when none was. */
  problem: string | null;
}

export interface OrderEvent {
  level: 'info' | 'warning' | 'error';
  message: string;
  storeOrderId: string | null;
  details?: Record<string, unknown>;
}

export interface OrderImportDeps {
  /** The company and the store identity its inbox rows belong to. */
  scope: InboxScope;
  writer: OrderWriter;
  store: StoreClient;
  inbox: OrderInboxRepo;
  /** The company's one-inbound-pass-at-a-time lock. */
  lock: ImportLock;
  settings: OrderSettings;
  onEvent?: (e: OrderEvent) => void;
  signal?: AbortSignal;
  /** Orders asked per `GET /orders/pending` page. */
  pageSize?: number;
  /** How long the company's import lock holds without renewal (renewed before every order). Default 10 min. */
  lockLeaseMs?: number;
  /** Test and crash-test hook, called after each committed step. */
  afterStep?: (step: 'received' | 'written' | 'acked' | 'rejected', storeOrderId: string) => void | Promise<void>;
}

const label = (o: Pick<StoreOrder, 'kind'> | null, id: string) =>
  `${o?.kind === 'cotizacion' ? 'La cotización' : 'El pedido'} ${id} de la tienda`;
export function reusedIdReason(id: string, folio: string | null): string {
  return (
    `La tienda envió otra vez el pedido ${id} con otro contenido` +
    (folio
      ? `; ese identificador ya es el documento ${folio} del ERP`
      : '; ese identificador ya se estaba importando al ERP') +
    '. No se confirmó contra ese documento ni se escribió de nuevo: envíelo desde la tienda con un identificador nuevo.'
  );
}

/**
 * Imports the store's pending, paid orders into the ERP, exactly once per (store identity, order id):
 * inbox (received) → ERP lookup by marker → write only if absent → inbox (written) → ack with the folio →
 * inbox (acked). Every run first finishes what the inbox left open (a crash, a store or ERP outage). Each
 * element of a page stands alone: a malformed or bad order, or a reused id with other content, is rejected
 * by itself (inbox + store + event); only an ERP or store outage stops the pass and leaves the rest pending.
 */
export async function importOrders(d: OrderImportDeps): Promise<OrderImportResult> {
  const counts: OrderImportResult = { imported: 0, rejected: 0, pending: 0, awaitingPayment: 0, problem: null };
  const emit = (
    level: OrderEvent['level'],
    message: string,
    storeOrderId: string | null,
    details?: Record<string, unknown>,
  ) => d.onEvent?.({ level, message, storeOrderId, ...(details ? { details } : {}) });
  const step = async (s: Parameters<NonNullable<OrderImportDeps['afterStep']>>[0], id: string) => d.afterStep?.(s, id);

  /** Runs one order's step; a store refusal of that order is reported alone, an outage stops the pass. */
  const guarded = async (id: string, order: StoreOrder | null, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (err) {
      if (d.signal?.aborted) throw err;
      const message = errorText(err);
      if (d.inbox.get(d.scope, id)) d.inbox.failedAttempt(d.scope, id, message);
      counts.problem ??= `${label(order, id)}: ${message}`;
      if (err instanceof StoreError && !err.retryable && err.status !== 401) {
        // The store refuses this order's ack or reject (409: rejected or acknowledged there already).
        emit('error', `${label(order, id)}: la tienda no aceptó la respuesta: ${message}`, id);
        return;
      }
      emit('error', `${label(order, id)} quedó pendiente: ${message}`, id);
      throw new PassStopped(message);
    }
  };

  const ack = (id: string, doc: WrittenDocument) =>
    d.store.ackOrder(id, { erpFolio: doc.folio, erpDocumentId: doc.documentId }, { signal: d.signal });

  const settle = (row: InboxRow): Promise<void> =>
    guarded(row.storeOrderId, row.order, async () => {
      const id = row.storeOrderId;
      if (row.state === 'acked') {
        // Acknowledged before: never written again. The store still lists it, so its ack got lost; repeat it.
        if (row.document) await ack(id, row.document);
        return;
      }
      if (row.state === 'rejected' || !row.order) {
        await d.store.rejectOrder(id, row.rejectReason ?? 'Rechazado por el ERP.', { signal: d.signal });
        return;
      }
      let doc = row.document;
      if (row.state === 'received') {
        doc = await d.writer.findDocument(row.marker);
        if (!doc) {
          try {
            doc = await d.writer.writeOrder({ ...row.order, ref: row.marker }, d.settings);
          } catch (err) {
            if (!(err instanceof OrderRejected)) throw err;
            d.inbox.rejectedWith(d.scope, id, err.message);
            await step('rejected', id);
            counts.rejected++;
            emit('error', `${label(row.order, id)} no se importó: ${err.message}`, id);
            await d.store.rejectOrder(id, err.message, { signal: d.signal });
            return;
          }
        }
        d.inbox.written(d.scope, id, doc);
        await step('written', id);
      }
      await ack(id, doc!);
      d.inbox.acked(d.scope, id);
      await step('acked', id);
      counts.imported++;
    });

  const outcome = await settleInbox({
    scope: d.scope,
    inbox: d.inbox,
    lock: d.lock,
    lockLeaseMs: d.lockLeaseMs,
    signal: d.signal,
    page: (cursor) => d.store.pendingOrders({ limit: d.pageSize ?? 50, cursor, signal: d.signal }),
    markerOf: (id) => erpMarker('order', d.scope.storeKey, id),
    idOf: (row) => row.storeOrderId,
    lockLost: 'Otro proceso tomó la importación de pedidos de esta empresa.',
    tooManyPages: () =>
      emit(
        'warning',
        `La tienda envió más de ${MAX_PAGES_PER_RUN.toLocaleString('es-MX')} páginas de pedidos; el resto se leerá en la siguiente sincronización.`,
        null,
      ),
    // Without an id it cannot be rejected in the store: reported once per run, the rest go on.
    withoutId: (reason, excerpt) =>
      emit('error', `La tienda envió un pedido sin identificador válido; se ignoró: ${reason}`, null, {
        pedido: excerpt,
      }),
    malformed: (id, reason, excerpt) => {
      counts.rejected++;
      emit('error', `El pedido ${id} de la tienda no se importó: ${reason}`, id, { pedido: excerpt });
    },
    skip: (order) => {
      if (order.paymentStatus === 'paid') return false;
      counts.awaitingPayment++;
      return true;
    },
    settle,
    /** A reused id with other content: rejected in the store, the document written for the first one untouched. */
    refuseReused: (row, order) =>
      guarded(row.storeOrderId, order, async () => {
        const reason = reusedIdReason(row.storeOrderId, row.document?.folio ?? null);
        counts.rejected++;
        emit('error', reason, row.storeOrderId, {
          folioExistente: row.document?.folio ?? null,
          estadoEnBandeja: row.state,
        });
        await d.store.rejectOrder(row.storeOrderId, reason, { signal: d.signal });
      }),
    step,
  });
  if (outcome.kind === 'busy') {
    counts.problem =
      'Otro proceso está importando los pedidos de esta empresa; se continuará en la siguiente sincronización.';
    emit('warning', counts.problem, null);
  } else if (outcome.kind === 'stopped') counts.problem ??= outcome.message;
  else if (outcome.kind === 'unreadable') {
    counts.problem ??= `No se pudieron leer los pedidos de la tienda: ${outcome.reason}`;
    emit('error', counts.problem, null);
  }
  counts.pending = d.inbox.openCount(d.scope);
  return counts;
}
