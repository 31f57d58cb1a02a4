import type { StartProCatalog } from './catalog-definition';
import { keyText, num, text } from '../../record-values';

/** orgPriceList (PriceListID, PriceListName, DeletedOn) [C]; no company column seen, so shared [P]. */
export const priceLists: StartProCatalog = {
  name: 'price-lists',
  select: `
SELECT l.PriceListID AS priceListId, l.PriceListName AS priceListName
FROM dbo.orgPriceList l
WHERE l.DeletedOn IS NULL`,
  blockColumn: 'priceListId',
  keyColumns: ['priceListId'],
  columns: ['priceListName'],
  toRecord(r) {
    return {
      key: keyText(r.priceListId),
      // No display order column is known; the id is the order lists were created in.
      data: { name: text(r.priceListName) ?? `Lista ${keyText(r.priceListId)}`, position: num(r.priceListId) },
    };
  },
};
