import type { MicrosipCatalog, SqlBuilder } from './catalog-definition';
import { keyText, num, text } from '../../record-values';
import type { SchemaFacts } from './schema-facts';

/**
 * Block ids of the kinds live apart: ID = kind × 10^10 + the id the kind blocks by (ids are 32-bit), so a
 * customer and an article with the same id never share a block, and each branch still filters its own
 * indexed id column.
 */
const KIND_SPAN = 10_000_000_000;

interface Kind {
  no: number;
  tables: readonly string[];
  select(b: SqlBuilder, offset: number): string;
}

const NULL_DATE = 'CAST(NULL AS VARCHAR(24))';

/**
 * Discount policies of Ventas (reference §2.6), as far as the reference shows their tables:
 * - customer: the customer's PRECIOS_CLI_CLI policy → POLITICAS_DSCTOS_ART_CLI.DESCUENTO (key `customer:<cliente>`;
 *   the first assignment if several; per-article detail of these policies is not known → UNCERTAIN);
 * - promotion: DSCTOS_PROMO_ARTS / DSCTOS_PROMO_LINEAS of POLITICAS_DSCTOS_PROMOCION with HABILITADA = 'S' whose
 *   vigencia has not ended (key `promotion:<política>:article:<artículo>` / `…:line:<línea>`), with validFrom/validTo;
 * - volume: DSCTOS_VOL_ARTS (key `volume:<política>:<artículo>:<unidades>`), minQuantity = UNIDADES.
 * Which customers a promotion or volume policy applies to is not modelled (UNCERTAIN). Microsip's own
 * precedence lives in GET_DSCTO_ART; the store receives the policies, not a computed price.
 */
const KINDS: readonly Kind[] = [
  {
    no: 1,
    tables: ['PRECIOS_CLI_CLI', 'POLITICAS_DSCTOS_ART_CLI'],
    select: (b, offset) => `
SELECT CAST(pc.CLIENTE_ID AS BIGINT) + ${offset} AS ID, 1 AS KIND_NO, CAST(pc.CLIENTE_ID AS BIGINT) AS K1, CAST(NULL AS BIGINT) AS K2,
       CAST(NULL AS NUMERIC(18,5)) AS UNIDADES, CAST(pol.DESCUENTO AS NUMERIC(18,6)) AS PCTJE, ${NULL_DATE} AS DESDE, ${NULL_DATE} AS HASTA
FROM PRECIOS_CLI_CLI pc
JOIN POLITICAS_DSCTOS_ART_CLI pol ON pol.POLITICA_DSCTO_ART_CLI_ID = pc.POLITICA_DSCTO_ART_CLI_ID
WHERE ${b.range('pc.CLIENTE_ID', offset)} AND pol.DESCUENTO <> 0
  AND NOT EXISTS (SELECT 1 FROM PRECIOS_CLI_CLI p2 WHERE p2.CLIENTE_ID = pc.CLIENTE_ID
                     AND p2.POLITICA_DSCTO_ART_CLI_ID IS NOT NULL AND p2.PRECIO_CLI_CLI_ID + 0 < pc.PRECIO_CLI_CLI_ID)`,
  },
  {
    no: 2,
    tables: ['DSCTOS_PROMO_ARTS', 'POLITICAS_DSCTOS_PROMOCION'],
    select: (b, offset) => promotionSql(b, offset, 2, 'DSCTOS_PROMO_ARTS', 'ARTICULO_ID'),
  },
  {
    no: 3,
    tables: ['DSCTOS_PROMO_LINEAS', 'POLITICAS_DSCTOS_PROMOCION'],
    select: (b, offset) => promotionSql(b, offset, 3, 'DSCTOS_PROMO_LINEAS', 'LINEA_ARTICULO_ID'),
  },
  {
    no: 4,
    tables: ['DSCTOS_VOL_ARTS'],
    select: (b, offset) => `
SELECT CAST(va.ARTICULO_ID AS BIGINT) + ${offset} AS ID, 4 AS KIND_NO, CAST(va.POLITICA_DSCTO_VOLUMEN_ID AS BIGINT) AS K1,
       CAST(va.ARTICULO_ID AS BIGINT) AS K2, CAST(va.UNIDADES AS NUMERIC(18,5)) AS UNIDADES,
       CAST(va.DESCUENTO AS NUMERIC(18,6)) AS PCTJE, ${NULL_DATE} AS DESDE, ${NULL_DATE} AS HASTA
FROM DSCTOS_VOL_ARTS va
WHERE ${b.range('va.ARTICULO_ID', offset)} AND va.DESCUENTO <> 0`,
  },
];

function promotionSql(b: SqlBuilder, offset: number, no: number, table: string, idColumn: string): string {
  const s = b.schema;
  const enabled = s.hasColumn('POLITICAS_DSCTOS_PROMOCION', 'HABILITADA') ? " AND pp.HABILITADA = 'S'" : '';
  const ends = s.hasColumn('POLITICAS_DSCTOS_PROMOCION', 'FECHA_FIN_VIGENCIA')
    ? ' AND (pp.FECHA_FIN_VIGENCIA IS NULL OR pp.FECHA_FIN_VIGENCIA >= CURRENT_DATE)'
    : '';
  return `
SELECT CAST(x.${idColumn} AS BIGINT) + ${offset} AS ID, ${no} AS KIND_NO, CAST(x.POLITICA_DSCTO_PROMO_ID AS BIGINT) AS K1,
       CAST(x.${idColumn} AS BIGINT) AS K2, CAST(NULL AS NUMERIC(18,5)) AS UNIDADES, CAST(x.DESCUENTO AS NUMERIC(18,6)) AS PCTJE,
       ${dateText(s, 'FECHA_INI_VIGENCIA')} AS DESDE, ${dateText(s, 'FECHA_FIN_VIGENCIA')} AS HASTA
FROM ${table} x
JOIN POLITICAS_DSCTOS_PROMOCION pp ON pp.POLITICA_DSCTO_PROMO_ID = x.POLITICA_DSCTO_PROMO_ID
WHERE ${b.range(`x.${idColumn}`, offset)} AND x.DESCUENTO <> 0${enabled}${ends}`;
}

function dateText(s: SchemaFacts, column: string): string {
  return s.hasColumn('POLITICAS_DSCTOS_PROMOCION', column) ? `CAST(pp.${column} AS VARCHAR(24))` : NULL_DATE;
}

export const discounts: MicrosipCatalog = {
  name: 'discounts',
  blockColumn: 'ID',
  keyColumns: ['ID', 'KIND_NO', 'K1', 'K2', 'UNIDADES'],
  requires: [],
  optional: [...new Set(KINDS.flatMap((k) => k.tables))],
  available: (s) => KINDS.some((k) => k.tables.every((t) => s.has(t))),
  columns: {
    KIND_NO: 'value',
    K1: 'value',
    K2: 'value',
    UNIDADES: 'value',
    PCTJE: 'value',
    DESDE: 'value',
    HASTA: 'value',
  },
  select: (b) =>
    KINDS.filter((k) => k.tables.every((t) => b.schema.has(t)))
      .map((k) => k.select(b, k.no * KIND_SPAN))
      .join('\nUNION ALL'),
  toRecord: (r) => {
    const kind = Number(r.KIND_NO);
    const percent = num(r.PCTJE);
    const k1 = keyText(r.K1);
    const k2 = keyText(r.K2);
    if (kind === 1) return { key: `customer:${k1}`, data: { kind: 'customer', percent, customerKey: k1 } };
    if (kind === 4) {
      const units = num(r.UNIDADES);
      return {
        key: `volume:${k1}:${k2}:${units}`,
        data: { kind: 'volume', percent, articleKey: k2, minQuantity: units },
      };
    }
    const target = kind === 2 ? { articleKey: k2 } : { lineKey: k2 };
    return {
      key: `promotion:${k1}:${kind === 2 ? 'article' : 'line'}:${k2}`,
      data: { kind: 'promotion', percent, ...target, validFrom: day(r.DESDE), validTo: day(r.HASTA) },
    };
  },
};

/** 'YYYY-MM-DD' from a DATE or TIMESTAMP cast to text. */
function day(v: unknown): string | null {
  return text(v)?.slice(0, 10) ?? null;
}
