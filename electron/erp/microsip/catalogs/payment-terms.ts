import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, num } from '../../record-values';

/**
 * CONDICIONES_PAGO + PLAZOS_COND_PAG (reference §2.2): days = the longest DIAS_PLAZO of the term's plazos (a
 * term paid in installments is due in full on its last one); 0 without plazos (contado).
 */
export const paymentTerms: MicrosipCatalog = {
  name: 'payment-terms',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['CONDICIONES_PAGO'],
  optional: ['PLAZOS_COND_PAG'],
  columns: { NOMBRE: 'text', DIAS: 'value', PCTJE_PPAG: 'value' },
  select: (b) => {
    const s = b.schema;
    const days = s.has('PLAZOS_COND_PAG')
      ? '(SELECT MAX(pl.DIAS_PLAZO) FROM PLAZOS_COND_PAG pl WHERE pl.COND_PAGO_ID = c.COND_PAGO_ID)'
      : 'CAST(NULL AS INTEGER)';
    return `
SELECT c.COND_PAGO_ID AS ID, ${s.text('c', 'CONDICIONES_PAGO', 'NOMBRE')} AS NOMBRE, ${days} AS DIAS,
       ${s.value('c', 'CONDICIONES_PAGO', 'PCTJE_DSCTO_PPAG', 'NUMERIC(9,6)')} AS PCTJE_PPAG
FROM CONDICIONES_PAGO c
WHERE ${b.range('c.COND_PAGO_ID')}`;
  },
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: {
      name: nameOr(r.NOMBRE, `Condición ${keyText(r.ID)}`),
      days: num(r.DIAS),
      prontoPagoPercent: num(r.PCTJE_PPAG),
    },
  }),
};
