/**
 * The catalogs the engine pushes to the store, in push order (referenced catalogs first), with the Spanish
 * names of seed 2's *Primera sincronización* list.
 */
export const CATALOGS = [
  'taxes',
  'currencies',
  'warehouses',
  'shipping-methods',
  'price-lists',
  'payment-terms',
  'customer-types',
  'customer-zones',
  'salespeople',
  'collectors',
  'customers',
  'customer-balances',
  'article-lines',
  'articles',
  'stock',
  'article-prices',
  'discounts',
  // Invoices stamped in the ERP, so customers download their CFDI from the store.
  'invoices',
] as const;

export type CatalogName = (typeof CATALOGS)[number];

export const CATALOG_LABELS: Record<CatalogName, string> = {
  taxes: 'Impuestos',
  currencies: 'Monedas',
  warehouses: 'Almacenes',
  'shipping-methods': 'Vías de embarque',
  'price-lists': 'Listas de precios',
  'payment-terms': 'Condiciones de pago de clientes',
  'customer-types': 'Tipos de clientes',
  'customer-zones': 'Zonas de clientes',
  salespeople: 'Vendedores',
  collectors: 'Cobradores',
  customers: 'Catálogos de clientes',
  'customer-balances': 'Saldos de clientes',
  'article-lines': 'Líneas de artículos',
  articles: 'Catálogos de artículos',
  stock: 'Existencias por almacén',
  'article-prices': 'Listas de precios del producto',
  discounts: 'Descuentos',
  invoices: 'Facturas (CFDI)',
};

/** The engine's and *Diagnóstico*'s words for a catalog whose table or column this database lacks. */
export const notInThisErp = (what: string): string => `Este ERP no tiene este catálogo: falta ${what}.`;

export const isCatalogName = (v: string): v is CatalogName => (CATALOGS as readonly string[]).includes(v);
