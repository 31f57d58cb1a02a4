import type { StartProCatalog } from './catalog-definition';
import { keyText, num } from '../../record-values';

/**
 * orgProductPriceList (ProductID, PriceListID, Price) [C] of live products and lists. The price's currency is
 * not known (the product's CurrencyID is the *cost* currency [C]), so currencyKey is omitted and the store keeps
 * its default. The other mechanism, orgProductCustomerTypeSalePrice [P], is not read (reference §2.2).
 */
export const articlePrices: StartProCatalog = {
  name: 'article-prices',
  select: `
SELECT pp.ProductID AS productId, pp.PriceListID AS priceListId, pp.Price AS price
FROM dbo.orgProductPriceList pp
JOIN dbo.orgProduct p ON p.ProductID = pp.ProductID
JOIN dbo.orgPriceList l ON l.PriceListID = pp.PriceListID
WHERE p.DeletedOn IS NULL AND l.DeletedOn IS NULL`,
  blockColumn: 'productId',
  keyColumns: ['productId', 'priceListId'],
  columns: ['priceListId', 'price'],
  toRecord(r) {
    return {
      key: `${keyText(r.productId)}:${keyText(r.priceListId)}`,
      data: { articleKey: keyText(r.productId), priceListKey: keyText(r.priceListId), price: num(r.price) },
    };
  },
};
