import type { CatalogName } from './catalogs';

/** One catalog whose deactivations a run held for a person (*Bajas retenidas*). */
export interface HeldCatalogView {
  catalog: CatalogName;
  /** CONTPAQi's name of the catalog (*Catálogos de artículos*). */
  label: string;
  /** `threshold`: more than both limits; `emptied`: the ERP read the catalog as empty. */
  reason: 'threshold' | 'emptied';
  /** Why it was held, in Spanish («98 % de los 300 que tiene la tienda»). */
  reasonText: string;
  /** Deactivations held back. */
  count: number;
  /** Whole percentage of what the store holds for the catalog. */
  sharePct: number;
  storeHolds: number;
  erpCount: number;
  runId: number;
  heldAt: string;
  /** *Aplicar* was given: the next run sends them. */
  approvedAt: string | null;
  approvedBy: string | null;
  /** Up to 10 of the held keys, in key order. */
  samples: string[];
}
