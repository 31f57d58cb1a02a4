import { z } from 'zod';
import type { FailedOrderView, OrderSettingsView } from '../order-settings';
import type { OrdersMethod } from './orders-methods';
import { companyRef } from './refs';

/** Pedidos y cotizaciones: the settings' choices, the orders that failed, retrying one. */
export const ordersRequests = {
  getOrderSettings: { request: companyRef.extend({ articleSearch: z.string().max(100).optional() }) },
  listFailedOrders: { request: companyRef },
  retryOrder: { request: companyRef.extend({ storeOrderId: z.string().min(1).max(128) }) },
} satisfies Record<OrdersMethod, { request: z.ZodType }>;

export interface OrdersResponses {
  /** Settings with the choices read from the ERP (series, articles, warehouses) and what could not be read. */
  getOrderSettings: OrderSettingsView;
  listFailedOrders: FailedOrderView[];
  /** The order goes back to the inbox and a manual run starts. */
  retryOrder: { started: boolean; message: string };
}
