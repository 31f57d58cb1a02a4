import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, num, text, truthy } from '../../record-values';

/**
 * IMPUESTOS + TIPOS_IMPUESTOS (reference §2.5): the tax type's ID_INTERNO says what it is ('V' IVA, 'P' IEPS);
 * PCTJE_IMPUESTO is already a percent (16 = 16 %).
 */
export const taxes: MicrosipCatalog = {
  name: 'taxes',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['IMPUESTOS'],
  optional: ['TIPOS_IMPUESTOS'],
  columns: { NOMBRE: 'text', ID_INTERNO: 'text', PCTJE: 'value', ES_PREDET: 'value' },
  select: (b) => {
    const s = b.schema;
    const kind = s.has('TIPOS_IMPUESTOS')
      ? `(SELECT ${s.text('ti', 'TIPOS_IMPUESTOS', 'ID_INTERNO')} FROM TIPOS_IMPUESTOS ti WHERE ti.TIPO_IMPTO_ID = i.TIPO_IMPTO_ID)`
      : 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
    return `
SELECT i.IMPUESTO_ID AS ID, ${s.text('i', 'IMPUESTOS', 'NOMBRE')} AS NOMBRE, ${kind} AS ID_INTERNO,
       ${s.value('i', 'IMPUESTOS', 'PCTJE_IMPUESTO', 'NUMERIC(9,6)')} AS PCTJE, ${s.flag('i', 'IMPUESTOS', 'ES_PREDET')} AS ES_PREDET
FROM IMPUESTOS i
WHERE ${b.range('i.IMPUESTO_ID')}`;
  },
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: {
      name: nameOr(r.NOMBRE, `Impuesto ${keyText(r.ID)}`),
      kind: taxKind(r.ID_INTERNO),
      rate: num(r.PCTJE),
      isDefault: truthy(r.ES_PREDET),
    },
  }),
};

function taxKind(idInterno: unknown): 'IVA' | 'IEPS' | 'OTRO' {
  const k = text(idInterno)?.toUpperCase();
  return k === 'V' ? 'IVA' : k === 'P' ? 'IEPS' : 'OTRO';
}
