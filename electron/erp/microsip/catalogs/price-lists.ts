import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, num } from '../../record-values';

/** PRECIOS_EMPRESA (PRECIO_EMPRESA_ID, NOMBRE, POSICION): the company's price lists. */
export const priceLists: MicrosipCatalog = {
  name: 'price-lists',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['PRECIOS_EMPRESA'],
  columns: { NOMBRE: 'text', POSICION: 'value' },
  select: (b) => `
SELECT p.PRECIO_EMPRESA_ID AS ID, ${b.schema.text('p', 'PRECIOS_EMPRESA', 'NOMBRE')} AS NOMBRE,
       ${b.schema.value('p', 'PRECIOS_EMPRESA', 'POSICION')} AS POSICION
FROM PRECIOS_EMPRESA p
WHERE ${b.range('p.PRECIO_EMPRESA_ID')}`,
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: { name: nameOr(r.NOMBRE, `Lista ${keyText(r.ID)}`), position: num(r.POSICION) },
  }),
};
