import { randomUUID } from 'node:crypto';
import { OrderRejected, type OrderSettings, type OrderWriter, type StoreOrder, type WrittenDocument } from '../../erp/order-writer';
import { StoreError, type StoreClient } from '../../store/port';
import type { Scope } from '../sync-state-repo';
import type { InboxRow, OrderInboxRepo } from './order-inbox-repo';

export interface OrderCounts {
  /** Acknowledged to the store in this run (newly written or healed after a crash). */
  imported: number;
  /** Rejected in this run (bad orders), each reported to the store. */
  rejected: number;
  /** Still unfinished after the run (ERP or store down): the next run continues them. */
  pending: number;
}

export interface OrderImportResult extends OrderCounts {
  /** Why orders were left pending (ERP or store down, an ack the store refused); null when none was. */
  problem: string | null;
}

export interface OrderEvent {
  level: 'info' | 'warning' | 'error';
  message: string;
  storeOrderId: string | null;
}

export interface OrderImportDeps {
  scope: Scope;
  writer: OrderWriter;
  store: StoreClient;
  inbox: OrderInboxRepo;
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

const label = (o: Pick<StoreOrder, 'kind' | 'id'>) => `${o.kind === 'cotizacion' ? 'La cotización' : 'El pedido'} ${o.id} de la tienda`;
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Stops the pass: the ERP or the store is down, further orders would fail the same way. */
class PassStopped extends Error {}

/**
 * Imports the store's pending orders into the ERP, exactly once per store order id:
 * inbox (received) → ERP lookup by store id → write only if absent → inbox (written) → ack with the folio →
 * inbox (acked). Every run first finishes what the inbox left open (a crash, a store or ERP outage). A bad
 * order is rejected alone (inbox + store); an ERP or store outage stops the pass and leaves the rest pending.
 */
export async function importOrders(d: OrderImportDeps): Promise<OrderImportResult> {
  const counts: OrderImportResult = { imported: 0, rejected: 0, pending: 0, problem: null };
  const done = new Set<string>();
  const emit = (level: OrderEvent['level'], message: string, storeOrderId: string | null) => d.onEvent?.({ level, message, storeOrderId });
  const step = async (s: Parameters<NonNullable<OrderImportDeps['afterStep']>>[0], id: string) => d.afterStep?.(s, id);

  const owner = randomUUID();
  const leaseMs = d.lockLeaseMs ?? 600_000;
  if (!d.inbox.tryLock(d.scope, owner, leaseMs)) {
    counts.pending = d.inbox.openCount(d.scope);
    counts.problem = 'Otro proceso está importando los pedidos de esta empresa; se continuará en la siguiente sincronización.';
    emit('warning', counts.problem, null);
    return counts;
  }

  const settle = async (row: InboxRow): Promise<void> => {
    const id = row.storeOrderId;
    done.add(id);
    // Renew the lease; losing it (a long stall, another process took over) stops the pass before any write.
    if (!d.inbox.tryLock(d.scope, owner, leaseMs)) throw new PassStopped('Otro proceso tomó la importación de pedidos de esta empresa.');
    try {
      if (row.state === 'acked') {
        // Acknowledged before: never written again. The store still lists it, so its ack got lost; repeat it.
        if (row.document) await ack(row.order, row.document);
        return;
      }
      if (row.state === 'rejected') {
        await d.store.rejectOrder(id, row.rejectReason ?? 'Rechazado por el ERP.', { signal: d.signal });
        return;
      }
      let doc = row.document;
      if (row.state === 'received') {
        doc = await d.writer.findDocument(id);
        if (!doc) {
          try {
            doc = await d.writer.writeOrder(row.order, d.settings);
          } catch (err) {
            if (!(err instanceof OrderRejected)) throw err;
            d.inbox.rejectedWith(d.scope, id, err.message);
            await step('rejected', id);
            counts.rejected++;
            emit('error', `${label(row.order)} no se importó: ${err.message}`, id);
            await d.store.rejectOrder(id, err.message, { signal: d.signal });
            return;
          }
        }
        d.inbox.written(d.scope, id, doc);
        await step('written', id);
      }
      await ack(row.order, doc!);
      d.inbox.acked(d.scope, id);
      await step('acked', id);
      counts.imported++;
    } catch (err) {
      if (d.signal?.aborted) throw err;
      const message = errorText(err);
      d.inbox.failedAttempt(d.scope, id, message);
      counts.problem ??= `${label(row.order)}: ${message}`;
      if (err instanceof StoreError && !err.retryable && err.status !== 401) {
        // The store refuses this order's ack (409: rejected there, or acknowledged with another folio).
        emit('error', `${label(row.order)}: la tienda no aceptó la confirmación: ${message}`, id);
        return;
      }
      emit('error', `${label(row.order)} quedó pendiente: ${message}`, id);
      throw new PassStopped(message);
    }
  };

  const ack = (order: StoreOrder, doc: WrittenDocument) =>
    d.store.ackOrder(order.id, { erpFolio: doc.folio, erpDocumentId: doc.documentId }, { signal: d.signal });

  try {
    // 1. Reconcile what a previous run (or a crash) left open.
    for (const row of d.inbox.open(d.scope)) await settle(row);
    // 2. The store's pending orders, page by page, until a page brings nothing new.
    const pageSize = d.pageSize ?? 50;
    for (;;) {
      const page = await d.store.pendingOrders({ limit: pageSize, signal: d.signal });
      const fresh = page.filter((o) => !done.has(o.id));
      for (const order of fresh) {
        const row = d.inbox.receive(d.scope, order);
        if (row.state === 'received' && row.attempts === 0) await step('received', order.id);
        await settle(row);
      }
      if (fresh.length === 0 || page.length < pageSize) break;
    }
  } catch (err) {
    if (err instanceof PassStopped) counts.problem ??= err.message;
    else {
      if (d.signal?.aborted) throw err;
      counts.problem ??= `No se pudieron leer los pedidos de la tienda: ${errorText(err)}`;
      emit('error', counts.problem, null);
    }
  } finally {
    d.inbox.unlock(d.scope, owner);
  }
  counts.pending = d.inbox.openCount(d.scope);
  return counts;
}
