import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, text } from '../../record-values';

/** LINEAS_ARTICULOS + GRUPOS_LINEAS (reference §2.1): group = the name of the line's group. Hidden lines stay (articles point to them). */
export const articleLines: MicrosipCatalog = {
  name: 'article-lines',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['LINEAS_ARTICULOS'],
  optional: ['GRUPOS_LINEAS'],
  columns: { NOMBRE: 'text', GRUPO: 'text' },
  select: (b) => {
    const s = b.schema;
    const group =
      s.has('GRUPOS_LINEAS') && s.hasColumn('LINEAS_ARTICULOS', 'GRUPO_LINEA_ID')
        ? `(SELECT ${s.text('g', 'GRUPOS_LINEAS', 'NOMBRE')} FROM GRUPOS_LINEAS g WHERE g.GRUPO_LINEA_ID = l.GRUPO_LINEA_ID)`
        : 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
    return `
SELECT l.LINEA_ARTICULO_ID AS ID, ${s.text('l', 'LINEAS_ARTICULOS', 'NOMBRE')} AS NOMBRE, ${group} AS GRUPO
FROM LINEAS_ARTICULOS l
WHERE ${b.range('l.LINEA_ARTICULO_ID')}`;
  },
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: { name: nameOr(r.NOMBRE, `Línea ${keyText(r.ID)}`), group: text(r.GRUPO) },
  }),
};
