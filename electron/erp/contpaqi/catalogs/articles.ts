import type { StartProCatalog } from './catalog-definition';
import { keyText, num, refKey, text } from '../../record-values';
import { LINE_KEY_OF_PRODUCT } from './article-lines';

/** orgProduct.ProductTypeID 3 = paquete (kit) [C/P] (reference §2.1). */
const PRODUCT_TYPE_KIT = 3;

/**
 * orgProduct [C] (reference §2.1): live products (DeletedOn IS NULL), so a deleted product is deactivated in the
 * store. Start/Pro has no separate "suspended" state we know of, so status is always active. Its default tax is
 * TaxTypeID (a combination, see taxes.ts). SAT keys (ClaveProdServ, ClaveUnidad) travel as satProductKey and
 * satUnitKey. descriptionLength is only checksummed: BINARY_CHECKSUM reads just the first 255 characters of an
 * NVARCHAR(MAX), so an edit further into a long description still moves the block when its length changes.
 */
export const articles: StartProCatalog = {
  name: 'articles',
  select: `
SELECT p.ProductID AS productId, p.ProductKey AS productKey, p.ProductName AS productName,
       p.ProductDescription AS productDescription, LEN(p.ProductDescription) AS descriptionLength,
       ${LINE_KEY_OF_PRODUCT} AS lineKey, p.Unit AS unit, p.UnitSale AS unitSale, p.ProductTypeID AS productTypeId,
       p.TaxTypeID AS taxTypeId, p.ClaveProdServ AS satProductKey, p.ClaveUnidad AS satUnitKey
FROM dbo.orgProduct p
WHERE p.DeletedOn IS NULL`,
  blockColumn: 'productId',
  keyColumns: ['productId'],
  columns: [
    'productKey',
    'productName',
    'productDescription',
    'descriptionLength',
    'lineKey',
    'unit',
    'unitSale',
    'productTypeId',
    'taxTypeId',
    'satProductKey',
    'satUnitKey',
  ],
  toRecord(r) {
    const tax = refKey(r.taxTypeId);
    return {
      key: keyText(r.productId),
      data: {
        code: text(r.productKey),
        name: text(r.productName),
        description: text(r.productDescription),
        lineKey: text(r.lineKey),
        unit: text(r.unitSale) ?? text(r.unit),
        status: 'active',
        isKit: num(r.productTypeId) === PRODUCT_TYPE_KIT,
        taxKeys: tax ? [tax] : [],
        satProductKey: text(r.satProductKey),
        satUnitKey: text(r.satUnitKey),
      },
    };
  },
};
