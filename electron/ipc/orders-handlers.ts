import type { OrdersMethod } from '../../shared/ipc/orders-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

/** Pedidos y cotizaciones. */
export function ordersHandlers({ orders }: Pick<HandlerDeps, 'orders'>): HandlersOf<OrdersMethod> {
  return {
    getOrderSettings: (r) => orders.get({ connectionId: r.connectionId, companyId: r.companyId }, r.articleSearch),
    listFailedOrders: (r) => orders.listFailed(r),
    retryOrder: (r) => orders.retry({ connectionId: r.connectionId, companyId: r.companyId }, r.storeOrderId),
  };
}
