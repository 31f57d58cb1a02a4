import type { MicrosipCatalog } from './catalog-definition';
import { keyText, num, refKey } from '../../record-values';

/**
 * PRECIOS_ARTICULOS (reference §2.4): one price per article × price list, without tax, in the row's MONEDA_ID.
 * Key `articuloId:precioEmpresaId`, blocked by ARTICULO_ID. Assumes one row per article and list (UNCERTAIN: if a
 * database has several, one per currency, the lowest PRECIO_ARTICULO_ID wins). `+ 0` on the id comparison keeps
 * Firebird on the ARTICULO_ID index: a range on the primary key would be scanned for every row.
 */
export const articlePrices: MicrosipCatalog = {
  name: 'article-prices',
  blockColumn: 'ID',
  keyColumns: ['ID', 'PRECIO_EMPRESA_ID'],
  requires: ['PRECIOS_ARTICULOS'],
  columns: { PRECIO_EMPRESA_ID: 'value', MONEDA_ID: 'value', PRECIO: 'value' },
  select: (b) => `
SELECT p.ARTICULO_ID AS ID, p.PRECIO_EMPRESA_ID, ${b.schema.value('p', 'PRECIOS_ARTICULOS', 'MONEDA_ID')} AS MONEDA_ID, p.PRECIO
FROM PRECIOS_ARTICULOS p
WHERE ${b.range('p.ARTICULO_ID')}
  AND NOT EXISTS (SELECT 1 FROM PRECIOS_ARTICULOS p2
                   WHERE p2.ARTICULO_ID = p.ARTICULO_ID AND p2.PRECIO_EMPRESA_ID = p.PRECIO_EMPRESA_ID
                     AND p2.PRECIO_ARTICULO_ID + 0 < p.PRECIO_ARTICULO_ID)`,
  fingerprint: () => ({ perBlock: [{ from: 'PRECIOS_ARTICULOS p', id: 'p.ARTICULO_ID', versionsOf: ['p'] }] }),
  toRecord: (r) => ({
    key: `${keyText(r.ID)}:${keyText(r.PRECIO_EMPRESA_ID)}`,
    data: {
      articleKey: keyText(r.ID),
      priceListKey: keyText(r.PRECIO_EMPRESA_ID),
      currencyKey: refKey(r.MONEDA_ID),
      price: num(r.PRECIO),
    },
  }),
};
