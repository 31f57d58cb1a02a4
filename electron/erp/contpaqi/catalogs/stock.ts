import type { StartProCatalog } from './catalog-definition';
import { keyText, num } from '../../record-values';

/** ProductTypeID 4 = servicio: no stock (the BROS kardex code skips it too) [C/P]. */
const PRODUCT_TYPE_SERVICE = 4;

/**
 * From vwLBSProductQuantityList, the vendor's own per product × depot quantities (columns [C], SYNC-AGENTS;
 * definition unknown), rather than summing orgProductKardex: the view already applies Comercial's rules for
 * cancelled movements and commitments, whose kardex sign conventions are only [P] (reference §2.4).
 * onHand = QtyPresent, committed = QtyToDeliverToCustomer (pedidos not yet delivered), available = their
 * difference as the store contract defines it (the view's own QtyAvailable may also count incoming supply [?]).
 * Joined to the company's live depots and live, non-service products so every row points at records the
 * warehouses and articles catalogs push. Blocks by ProductID.
 */
export const stock: StartProCatalog = {
  name: 'stock',
  select: `
SELECT q.ProductID AS productId, q.DepotID AS depotId, q.QtyPresent AS qtyPresent, q.QtyToDeliverToCustomer AS qtyCommitted
FROM dbo.vwLBSProductQuantityList q
JOIN dbo.orgDepot d ON d.DepotID = q.DepotID
JOIN dbo.orgProduct p ON p.ProductID = q.ProductID
WHERE q.OwnedBusinessEntityID = @company AND d.OwnedBusinessEntityID = @company AND d.DeletedOn IS NULL
  AND p.DeletedOn IS NULL AND p.ProductTypeID <> ${PRODUCT_TYPE_SERVICE}`,
  blockColumn: 'productId',
  keyColumns: ['productId', 'depotId'],
  columns: ['depotId', 'qtyPresent', 'qtyCommitted'],
  toRecord(r) {
    const onHand = num(r.qtyPresent);
    const committed = num(r.qtyCommitted);
    return {
      key: `${keyText(r.productId)}:${keyText(r.depotId)}`,
      data: {
        articleKey: keyText(r.productId),
        warehouseKey: keyText(r.depotId),
        onHand,
        committed,
        available: num(onHand - committed),
      },
    };
  },
};
