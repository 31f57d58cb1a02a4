import type { StoreClient } from '../store/port';

/** `store`, telling `touch` whenever it answers (accepted or not): an answering store is progress. */
export function watchedStore(store: StoreClient, touch: () => void): StoreClient {
  const answered = <T>(p: Promise<T>): Promise<T> => {
    p.then(touch, touch);
    return p;
  };
  return {
    testConnection: () => answered(store.testConnection()),
    pushBatch: (catalog, batch, opts) => answered(store.pushBatch(catalog, batch, opts)),
    identify: (opts) => answered(store.identify(opts)),
    pendingOrders: (opts) => answered(store.pendingOrders(opts)),
    ackOrder: (id, ack, opts) => answered(store.ackOrder(id, ack, opts)),
    rejectOrder: (id, reason, opts) => answered(store.rejectOrder(id, reason, opts)),
    pendingInvoiceRequests: (opts) => answered(store.pendingInvoiceRequests(opts)),
    sendInvoiceResult: (id, result, opts) => answered(store.sendInvoiceResult(id, result, opts)),
  };
}
