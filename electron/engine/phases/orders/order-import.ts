import { MAX_PAGES_PER_RUN, storePages } from '../../store-pages';
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
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Stops the pass: the ERP or the store is down, further orders would fail the same way. */
class PassStopped extends Error {}

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
  const done = new Set<string>();
  const emit = (
    level: OrderEvent['level'],
    message: string,
    storeOrderId: string | null,
    details?: Record<string, unknown>,
  ) => d.onEvent?.({ level, message, storeOrderId, ...(details ? { details } : {}) });
  const step = async (s: Parameters<NonNullable<OrderImportDeps['afterStep']>>[0], id: string) => d.afterStep?.(s, id);
  const markerOf = (id: string) => erpMarker('order', d.scope.storeKey, id);

  const hold = d.lock.hold(d.scope, d.lockLeaseMs);
  if (!hold) {
    counts.pending = d.inbox.openCount(d.scope);
    counts.problem =
      'Otro proceso está importando los pedidos de esta empresa; se continuará en la siguiente sincronización.';
    emit('warning', counts.problem, null);
    return counts;
  }

  /** Runs one order's step; a store refusal of that order is reported alone, an outage stops the pass. */
  const guarded = async (id: string, order: StoreOrder | null, work: () => Promise<void>): Promise<void> => {
    // Renew the lease; losing it (a long stall, another process took over) stops the pass before any write.
    if (!hold.renew()) throw new PassStopped('Otro proceso tomó la importación de pedidos de esta empresa.');
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
      done.add(id);
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

  /** A reused id with other content: rejected in the store, the document written for the first one untouched. */
  const refuseReused = (row: InboxRow, order: StoreOrder | null) =>
    guarded(row.storeOrderId, order, async () => {
      const reason = reusedIdReason(row.storeOrderId, row.document?.folio ?? null);
      counts.rejected++;
      emit('error', reason, row.storeOrderId, {
        folioExistente: row.document?.folio ?? null,
        estadoEnBandeja: row.state,
      });
      await d.store.rejectOrder(row.storeOrderId, reason, { signal: d.signal });
    });

  const malformedWithoutId = new Set<string>();

  try {
    // 1. Reconcile what a previous run (or a crash) left open.
    for (const row of d.inbox.open(d.scope)) await settle(row);
    // 2. The store's pending orders, page by page along its cursor.
    const tooMany = () =>
      emit(
        'warning',
        `La tienda envió más de ${MAX_PAGES_PER_RUN.toLocaleString('es-MX')} páginas de pedidos; el resto se leerá en la siguiente sincronización.`,
        null,
      );
    for await (const item of storePages(
      (cursor) => d.store.pendingOrders({ limit: d.pageSize ?? 50, cursor, signal: d.signal }),
      tooMany,
    )) {
      if (!item.ok) {
        if (item.id === null) {
          // Without an id it cannot be rejected in the store: reported once per run, the rest go on.
          if (!malformedWithoutId.has(item.reason))
            emit('error', `La tienda envió un pedido sin identificador válido; se ignoró: ${item.reason}`, null, {
              pedido: item.excerpt,
            });
          malformedWithoutId.add(item.reason);
          continue;
        }
        if (done.has(item.id)) continue;
        done.add(item.id);
        const got = d.inbox.receiveMalformed(d.scope, item.id, item.reason, item.excerpt, markerOf(item.id));
        if (got.kind === 'conflict') {
          await refuseReused(got.row, null);
          continue;
        }
        counts.rejected++;
        emit('error', `El pedido ${item.id} de la tienda no se importó: ${item.reason}`, item.id, {
          pedido: item.excerpt,
        });
        await step('rejected', item.id);
        await settle(got.row);
        continue;
      }
      const order = item.value;
      if (done.has(order.id)) continue;
      done.add(order.id);
      if (order.paymentStatus !== 'paid') {
        counts.awaitingPayment++;
        continue;
      }
      const got = d.inbox.receive(d.scope, order, item.contentHash, markerOf(order.id));
      if (got.kind === 'conflict') {
        await refuseReused(got.row, order);
        continue;
      }
      if (got.row.state === 'received' && got.row.attempts === 0) await step('received', order.id);
      await settle(got.row);
    }
  } catch (err) {
    if (err instanceof PassStopped) counts.problem ??= err.message;
    else {
      if (d.signal?.aborted) throw err;
      counts.problem ??= `No se pudieron leer los pedidos de la tienda: ${errorText(err)}`;
      emit('error', counts.problem, null);
    }
  } finally {
    hold.release();
  }
  counts.pending = d.inbox.openCount(d.scope);
  return counts;
}
