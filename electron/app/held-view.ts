import { CATALOG_LABELS } from '../../shared/catalogs';
import type { HeldCatalogView } from '../../shared/held-view';
import type { HeldCatalog } from '../engine/held-deactivations-repo';

const n = (x: number): string => x.toLocaleString('es-MX');

/** The console's view of one held catalog. */
export function viewOfHeld(h: HeldCatalog): HeldCatalogView {
  const sharePct = h.storeHolds === 0 ? 100 : Math.round((h.held / h.storeHolds) * 100);
  return {
    catalog: h.catalog,
    label: CATALOG_LABELS[h.catalog],
    reason: h.reason,
    reasonText:
      h.reason === 'emptied'
        ? `El ERP devolvió el catálogo vacío y la tienda tiene ${n(h.storeHolds)}.`
        : `Son el ${sharePct} % de los ${n(h.storeHolds)} registros que tiene la tienda.`,
    count: h.held,
    sharePct,
    storeHolds: h.storeHolds,
    erpCount: h.erpCount,
    runId: h.runId,
    heldAt: h.heldAt,
    approvedAt: h.approvedAt,
    approvedBy: h.approvedBy,
    samples: h.samples,
  };
}
