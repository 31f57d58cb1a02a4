import type { MicrosipCatalog, SqlBuilder } from './catalog-definition';
import { keyText, num } from '../../record-values';

/**
 * Stock per article × visible warehouse (reference §2.3), blocked by ARTICULO_ID:
 * - onHand = Σ SALDOS_IN (ENTRADAS_UNIDADES − SALIDAS_UNIDADES) over all months, what EXIVAL_ART/Microsip's
 *   integrators compute;
 * - committed = Σ DOCTOS_VE_DET.UNIDADES_COMPROM of pending pedidos (DOCTOS_VE TIPO_DOCTO 'P', ESTATUS 'P') in
 *   that warehouse: the units a pedido reserves (UNCERTAIN: the exact rule of Microsip's CALC_DISP_ARTALM);
 * - available = onHand − committed.
 * Pairs with neither movements nor commitments have no record (the store shows them without stock).
 */
export const stock: MicrosipCatalog = {
  name: 'stock',
  blockColumn: 'ID',
  keyColumns: ['ID', 'ALMACEN_ID'],
  requires: ['SALDOS_IN', 'ALMACENES'],
  optional: ['DOCTOS_VE', 'DOCTOS_VE_DET'],
  columns: { ALMACEN_ID: 'value', EXISTENCIA: 'value', COMPROMETIDO: 'value' },
  select: (b) => `
SELECT m.ARTICULO_ID AS ID, m.ALMACEN_ID, SUM(m.EXISTENCIA) AS EXISTENCIA, SUM(m.COMPROMETIDO) AS COMPROMETIDO
FROM (
  SELECT si.ARTICULO_ID, si.ALMACEN_ID, si.ENTRADAS_UNIDADES - si.SALIDAS_UNIDADES AS EXISTENCIA,
         CAST(0 AS NUMERIC(18,5)) AS COMPROMETIDO
  FROM SALDOS_IN si
  WHERE ${b.range('si.ARTICULO_ID')}${committedSql(b)}
) m
JOIN ALMACENES w ON w.ALMACEN_ID = m.ALMACEN_ID${b.schema.notFlagged('w', 'ALMACENES', 'OCULTO')}
GROUP BY m.ARTICULO_ID, m.ALMACEN_ID`,
  // Pedido headers count too: a pedido leaving 'P' (surtido, cancelado) changes what is committed.
  fingerprint: (s) => ({
    perBlock: [
      { from: 'SALDOS_IN si', id: 'si.ARTICULO_ID', versionsOf: ['si'] },
      ...(s.has('DOCTOS_VE') && s.hasColumn('DOCTOS_VE_DET', 'UNIDADES_COMPROM')
        ? [
            {
              from: 'DOCTOS_VE_DET dd JOIN DOCTOS_VE v ON v.DOCTO_VE_ID = dd.DOCTO_VE_ID',
              id: 'dd.ARTICULO_ID',
              versionsOf: ['dd', 'v'],
              where: "v.TIPO_DOCTO = 'P'",
            },
          ]
        : []),
    ],
    global: [{ from: 'ALMACENES w', alias: 'w' }],
  }),
  toRecord: (r) => {
    const onHand = num(r.EXISTENCIA);
    const committed = num(r.COMPROMETIDO);
    return {
      key: `${keyText(r.ID)}:${keyText(r.ALMACEN_ID)}`,
      data: {
        articleKey: keyText(r.ID),
        warehouseKey: keyText(r.ALMACEN_ID),
        onHand,
        committed,
        available: num(onHand - committed),
      },
    };
  },
};

function committedSql(b: SqlBuilder): string {
  const s = b.schema;
  if (!s.has('DOCTOS_VE') || !s.hasColumn('DOCTOS_VE_DET', 'UNIDADES_COMPROM')) return '';
  return `
  UNION ALL
  SELECT dd.ARTICULO_ID, v.ALMACEN_ID, CAST(0 AS NUMERIC(18,5)), dd.UNIDADES_COMPROM
  FROM DOCTOS_VE v
  JOIN DOCTOS_VE_DET dd ON dd.DOCTO_VE_ID = v.DOCTO_VE_ID
  WHERE v.TIPO_DOCTO = 'P' AND v.ESTATUS = 'P' AND dd.UNIDADES_COMPROM <> 0 AND ${b.range('dd.ARTICULO_ID')}`;
}
