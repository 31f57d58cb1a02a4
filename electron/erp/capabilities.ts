import type { CatalogProvider, DatabaseDiscovery, ErpDiagnostics, IdentityReader } from './port';
import type { OrderProvider } from './order-writer';
import type { InvoiceProvider } from './invoice-writer';
import type { StamperProvider } from './stamper';

/**
 * What one ERP connector can do, asked in one place. Each entry is the connector itself, typed for that
 * capability, or null when it lacks it: callers test and use the same value.
 */
export interface Capabilities<E extends object> {
  catalogs: (E & CatalogProvider) | null;
  discovery: (E & DatabaseDiscovery) | null;
  orders: (E & OrderProvider) | null;
  invoices: (E & InvoiceProvider) | null;
  stamping: (E & StamperProvider) | null;
  diagnosis: (E & ErpDiagnostics) | null;
  /** The company identity guard (docs/identity-guard.md); without it a company is never blocked. */
  identity: (E & IdentityReader) | null;
}

export function capabilitiesOf<E extends object>(erp: E): Capabilities<E> {
  const has = <T>(method: string): (E & T) | null =>
    typeof (erp as Record<string, unknown>)[method] === 'function' ? (erp as E & T) : null;
  return {
    catalogs: has<CatalogProvider>('openCatalogs'),
    discovery: has<DatabaseDiscovery>('discoverDatabases'),
    orders: has<OrderProvider>('openOrders'),
    invoices: has<InvoiceProvider>('openInvoices'),
    stamping: has<StamperProvider>('openStamper'),
    diagnosis: has<ErpDiagnostics>('diagnose'),
    identity: has<IdentityReader>('readIdentity'),
  };
}
