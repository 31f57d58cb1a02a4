import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, text, truthy } from '../../record-values';

/** ALMACENES without the hidden ones (OCULTO = 'S'): a warehouse hidden in Microsip is deactivated in the store. */
export const warehouses: MicrosipCatalog = {
  name: 'warehouses',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['ALMACENES'],
  columns: { NOMBRE: 'text', NOMBRE_ABREV: 'text', ES_PREDET: 'value' },
  select: (b) => `
SELECT w.ALMACEN_ID AS ID, ${b.schema.text('w', 'ALMACENES', 'NOMBRE')} AS NOMBRE,
       ${b.schema.text('w', 'ALMACENES', 'NOMBRE_ABREV')} AS NOMBRE_ABREV, ${b.schema.flag('w', 'ALMACENES', 'ES_PREDET')} AS ES_PREDET
FROM ALMACENES w
WHERE ${b.range('w.ALMACEN_ID')}${b.schema.notFlagged('w', 'ALMACENES', 'OCULTO')}`,
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: {
      name: nameOr(r.NOMBRE, `Almacén ${keyText(r.ID)}`),
      shortName: text(r.NOMBRE_ABREV),
      isDefault: truthy(r.ES_PREDET),
    },
  }),
};
