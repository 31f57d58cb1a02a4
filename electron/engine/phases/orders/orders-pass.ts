import type { OrderSettings, OrderWriter } from '../../../erp/order-writer';
import { capabilitiesOf } from '../../../erp/capabilities';
import type { StoreClient } from '../../../store/port';
import { importOrders, type OrderCounts, type OrderEvent } from './order-import';
import type { InboxScope } from '../inbox/inbox-repo';
import type { ImportLock } from '../inbox/import-lock';
import type { OrderInboxRepo } from './order-inbox-repo';

export interface OrdersReport extends OrderCounts {
  /** 'failed': the ERP or the store stopped the pass (orders stay pending); 'skipped': the ERP cannot take orders. */
  state: 'success' | 'failed' | 'skipped';
  message: string;
}

export interface OrdersPassDeps {
  scope: InboxScope;
  erp: object;
  store: StoreClient;
  inbox: OrderInboxRepo;
  lock: ImportLock;
  settings: OrderSettings;
  onEvent: (e: OrderEvent) => void;
  signal?: AbortSignal;
}

const fmt = (n: number) => n.toLocaleString('es-MX');

export function describeOrders(c: OrderCounts): string {
  const waiting = c.awaitingPayment > 0 ? `, ${fmt(c.awaitingPayment)} esperando pago` : '';
  return `Pedidos: ${fmt(c.imported)} importados, ${fmt(c.rejected)} rechazados, ${fmt(c.pending)} pendientes${waiting}.`;
}

/** The orders part of a company run (after the catalogs, when Sincronización Pedidos is on). */
export async function runOrdersPass(d: OrdersPassDeps): Promise<OrdersReport> {
  const erp = capabilitiesOf(d.erp).orders;
  if (!erp) {
    return {
      state: 'skipped',
      imported: 0,
      rejected: 0,
      pending: d.inbox.openCount(d.scope),
      awaitingPayment: 0,
      message: 'Este ERP todavía no puede recibir pedidos.',
    };
  }
  let writer: OrderWriter;
  try {
    writer = await erp.openOrders(d.scope.companyId);
  } catch (err) {
    const message = `No se pudo abrir el ERP para escribir pedidos: ${err instanceof Error ? err.message : String(err)}`;
    d.onEvent({ level: 'error', message, storeOrderId: null });
    return {
      state: 'failed',
      imported: 0,
      rejected: 0,
      pending: d.inbox.openCount(d.scope),
      awaitingPayment: 0,
      message,
    };
  }
  try {
    const counts = await importOrders({
      scope: d.scope,
      writer,
      store: d.store,
      inbox: d.inbox,
      lock: d.lock,
      settings: d.settings,
      signal: d.signal,
      onEvent: d.onEvent,
    });
    const { problem, ...rest } = counts;
    return {
      state: problem ? 'failed' : 'success',
      ...rest,
      message: problem ? `${describeOrders(rest)} ${problem}` : describeOrders(rest),
    };
  } finally {
    await writer.close().catch(() => undefined);
  }
}
