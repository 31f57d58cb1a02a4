import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, text, truthy } from '../../record-values';

/** MONEDAS (reference §2.5): the local currency is ES_MONEDA_LOCAL = 'S', never a hard-coded id. */
export const currencies: MicrosipCatalog = {
  name: 'currencies',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['MONEDAS'],
  columns: { NOMBRE: 'text', SIMBOLO: 'text', ES_LOCAL: 'value' },
  select: (b) => `
SELECT m.MONEDA_ID AS ID, ${b.schema.text('m', 'MONEDAS', 'NOMBRE')} AS NOMBRE, ${b.schema.text('m', 'MONEDAS', 'SIMBOLO')} AS SIMBOLO,
       ${b.schema.flag('m', 'MONEDAS', 'ES_MONEDA_LOCAL')} AS ES_LOCAL
FROM MONEDAS m
WHERE ${b.range('m.MONEDA_ID')}`,
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: { name: nameOr(r.NOMBRE, `Moneda ${keyText(r.ID)}`), symbol: text(r.SIMBOLO), isLocal: truthy(r.ES_LOCAL) },
  }),
};
