export const ORDERS_METHODS = ['getOrderSettings', 'listFailedOrders', 'retryOrder'] as const;
export type OrdersMethod = (typeof ORDERS_METHODS)[number];
