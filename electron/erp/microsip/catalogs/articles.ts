import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr, refKey, text, truthy } from '../../record-values';
import { ARTICLE_KEYS, principalKeySql } from './principal-key';

/** Bytes of NOTAS_VENTAS (a text BLOB) sent as the description. */
const DESCRIPTION_BYTES = 4000;

/**
 * ARTICULOS (reference §2.1): code = principal key (CLAVES_ARTICULOS whose role has ES_PPAL = 'S'),
 * description = the first 4,000 bytes of NOTAS_VENTAS, unit = UNIDAD_VENTA, isKit = ES_JUEGO = 'S',
 * taxKeys = its IMPUESTOS_ARTICULOS. status: ESTATUS 'A' active, anything else ('S' suspendido, 'B' baja:
 * domain UNCERTAIN) suspended.
 */
export const articles: MicrosipCatalog = {
  name: 'articles',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['ARTICULOS'],
  optional: ['CLAVES_ARTICULOS', 'ROLES_CLAVES_ARTICULOS', 'IMPUESTOS_ARTICULOS'],
  columns: {
    CLAVE: 'text',
    NOMBRE: 'text',
    DESCRIPCION: 'text',
    LINEA_ID: 'value',
    UNIDAD: 'text',
    ESTATUS: 'text',
    ES_JUEGO: 'value',
    IMPUESTOS: 'text',
  },
  select: (b) => {
    const s = b.schema;
    // LIST() gives a BLOB; cast to text so it can be hashed and read like any column. Order fixed by toRecord.
    const taxes = s.has('IMPUESTOS_ARTICULOS')
      ? `(SELECT CAST(LIST(ia.IMPUESTO_ID, ',') AS VARCHAR(1000) CHARACTER SET OCTETS) FROM IMPUESTOS_ARTICULOS ia WHERE ia.ARTICULO_ID = a.ARTICULO_ID)`
      : 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
    return `
SELECT a.ARTICULO_ID AS ID, ${principalKeySql(s, ARTICLE_KEYS, 'a.ARTICULO_ID')} AS CLAVE,
       ${s.text('a', 'ARTICULOS', 'NOMBRE')} AS NOMBRE, ${s.blobText('a', 'ARTICULOS', 'NOTAS_VENTAS', DESCRIPTION_BYTES)} AS DESCRIPCION,
       ${s.value('a', 'ARTICULOS', 'LINEA_ARTICULO_ID')} AS LINEA_ID, ${s.text('a', 'ARTICULOS', 'UNIDAD_VENTA')} AS UNIDAD,
       ${s.text('a', 'ARTICULOS', 'ESTATUS')} AS ESTATUS, ${s.flag('a', 'ARTICULOS', 'ES_JUEGO')} AS ES_JUEGO, ${taxes} AS IMPUESTOS
FROM ARTICULOS a
WHERE ${b.range('a.ARTICULO_ID')}`;
  },
  fingerprint: (s) => ({
    perBlock: [
      { from: 'ARTICULOS a', id: 'a.ARTICULO_ID', versionsOf: ['a'] },
      ...(s.has('CLAVES_ARTICULOS') ? [{ from: 'CLAVES_ARTICULOS k', id: 'k.ARTICULO_ID', versionsOf: ['k'] }] : []),
      ...(s.has('IMPUESTOS_ARTICULOS')
        ? [{ from: 'IMPUESTOS_ARTICULOS ia', id: 'ia.ARTICULO_ID', versionsOf: ['ia'] }]
        : []),
    ],
    // Which key role is the principal one decides every article's code.
    global: s.has('ROLES_CLAVES_ARTICULOS') ? [{ from: 'ROLES_CLAVES_ARTICULOS r', alias: 'r' }] : [],
  }),
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: {
      code: text(r.CLAVE),
      name: nameOr(r.NOMBRE, `Artículo ${keyText(r.ID)}`),
      description: text(r.DESCRIPCION),
      lineKey: refKey(r.LINEA_ID),
      unit: text(r.UNIDAD),
      status: text(r.ESTATUS)?.toUpperCase() === 'A' ? 'active' : 'suspended',
      isKit: truthy(r.ES_JUEGO),
      taxKeys: taxKeys(r.IMPUESTOS),
    },
  }),
};

function taxKeys(list: unknown): string[] {
  const ids = (text(list) ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  return [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
}
