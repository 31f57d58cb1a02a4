import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, truthy } from '../../record-values';

/** VIAS_EMBARQUE (VIA_EMBARQUE_ID, NOMBRE, ES_PREDET). */
export const shippingMethods: MicrosipCatalog = {
  name: 'shipping-methods',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['VIAS_EMBARQUE'],
  columns: { NOMBRE: 'text', ES_PREDET: 'value' },
  select: (b) => `
SELECT v.VIA_EMBARQUE_ID AS ID, ${b.schema.text('v', 'VIAS_EMBARQUE', 'NOMBRE')} AS NOMBRE,
       ${b.schema.flag('v', 'VIAS_EMBARQUE', 'ES_PREDET')} AS ES_PREDET
FROM VIAS_EMBARQUE v
WHERE ${b.range('v.VIA_EMBARQUE_ID')}`,
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: { name: nameOr(r.NOMBRE, `Vía ${keyText(r.ID)}`), isDefault: truthy(r.ES_PREDET) },
  }),
};
