import type { MicrosipCatalog, SqlBuilder } from './catalog-definition';
import { keyText, num } from '../../record-values';

/** Tables of the CxC document split; without all of them overdue/notDue are left out of the record. */
const DUE_TABLES = ['DOCTOS_CC', 'IMPORTES_DOCTOS_CC', 'VENCIMIENTOS_CARGOS_CC'] as const;

/**
 * One record per customer (reference §2.7):
 * - creditLimit = CLIENTES.LIMITE_CREDITO;
 * - balance = Σ SALDOS_CC (CARGOS_CXC + CARGOS_XACR − CREDITOS_CXC − CREDITOS_XACR), Microsip's monthly totals;
 * - overdue / notDue split the open charges: for each non-cancelled charge (DOCTOS_CC NATURALEZA_CONCEPTO 'C'),
 *   remaining = Σ its IMPORTES_DOCTOS_CC (IMPORTE + IMPUESTO) of cargo rows − the same of abono rows (rows with
 *   DOCTO_CC_ACR_ID = the charge, not cancelled); notDue = MIN(remaining, charge total × Σ PCTJE_VEN of its
 *   VENCIMIENTOS_CARGOS_CC due today or later / 100) (payments settle the earliest installments first), overdue =
 *   remaining − notDue. A charge without due dates is due on its FECHA.
 * overdue + notDue can differ from balance when credits are not applied to a charge (anticipos).
 * Both depend on CURRENT_DATE inside the checksummed SELECT, so a charge falling due moves its block.
 */
export const customerBalances: MicrosipCatalog = {
  name: 'customer-balances',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['CLIENTES', 'SALDOS_CC'],
  optional: [...DUE_TABLES],
  columns: { LIMITE: 'value', SALDO: 'value', VENCIDO: 'value', POR_VENCER: 'value' },
  select: (b) => {
    const s = b.schema;
    const withDue = DUE_TABLES.every((t) => s.has(t));
    const split = withDue ? dueSplitSql(b) : null;
    return `
SELECT c.CLIENTE_ID AS ID, ${s.value('c', 'CLIENTES', 'LIMITE_CREDITO', 'NUMERIC(15,2)')} AS LIMITE,
       (SELECT SUM(sc.CARGOS_CXC + sc.CARGOS_XACR - sc.CREDITOS_CXC - sc.CREDITOS_XACR)
          FROM SALDOS_CC sc WHERE sc.CLIENTE_ID = c.CLIENTE_ID) AS SALDO,
       ${split ? 'COALESCE(x.VENCIDO, 0)' : 'CAST(NULL AS NUMERIC(18,2))'} AS VENCIDO,
       ${split ? 'COALESCE(x.POR_VENCER, 0)' : 'CAST(NULL AS NUMERIC(18,2))'} AS POR_VENCER
FROM CLIENTES c${split ? `\nLEFT JOIN (${split}) x ON x.CLIENTE_ID = c.CLIENTE_ID` : ''}
WHERE ${b.range('c.CLIENTE_ID')}`;
  },
  fingerprint: (s) => {
    const byCustomer = (t: string) =>
      s.has(t) && s.hasColumn(t, 'CLIENTE_ID') ? [{ from: `${t} x`, id: 'x.CLIENTE_ID', versionsOf: ['x'] }] : [];
    // Payments and due dates hang off the charge (DOCTO_CC_ACR_ID / DOCTO_CC_ID): count them under its customer.
    const byCharge = (t: string, link: string) =>
      s.has(t) && s.has('DOCTOS_CC')
        ? [{ from: `${t} x JOIN DOCTOS_CC d ON d.DOCTO_CC_ID = x.${link}`, id: 'd.CLIENTE_ID', versionsOf: ['x', 'd'] }]
        : [];
    return {
      perBlock: [
        { from: 'CLIENTES c', id: 'c.CLIENTE_ID', versionsOf: ['c'] },
        ...byCustomer('SALDOS_CC'),
        ...byCustomer('DOCTOS_CC'),
        ...byCharge('IMPORTES_DOCTOS_CC', 'DOCTO_CC_ACR_ID'),
        ...byCharge('VENCIMIENTOS_CARGOS_CC', 'DOCTO_CC_ID'),
      ],
      dependsOnDate: true,
    };
  },
  toRecord: (r) => {
    const data: Record<string, unknown> = {
      customerKey: keyText(r.ID),
      creditLimit: num(r.LIMITE),
      balance: num(r.SALDO),
    };
    if (r.VENCIDO !== null && r.VENCIDO !== undefined) {
      data.overdue = num(r.VENCIDO);
      data.notDue = num(r.POR_VENCER);
    }
    return { key: keyText(r.ID), data };
  },
};

/** Per customer: Σ overdue and Σ not-yet-due of its open charges (see above). */
function dueSplitSql(b: SqlBuilder): string {
  const amount = (kind: 'C' | 'R') =>
    `(SELECT SUM(i.IMPORTE + COALESCE(i.IMPUESTO, 0)) FROM IMPORTES_DOCTOS_CC i
       WHERE i.DOCTO_CC_ACR_ID = d.DOCTO_CC_ID AND i.TIPO_IMPTE = '${kind}' AND COALESCE(i.CANCELADO, 'N') <> 'S')`;
  const charges = `
SELECT d.CLIENTE_ID, d.DOCTO_CC_ID,
       COALESCE(${amount('C')}, 0) AS TOTAL,
       COALESCE(${amount('C')}, 0) - COALESCE(${amount('R')}, 0) AS PENDIENTE,
       IIF(EXISTS (SELECT 1 FROM VENCIMIENTOS_CARGOS_CC v0 WHERE v0.DOCTO_CC_ID = d.DOCTO_CC_ID),
           COALESCE((SELECT SUM(v.PCTJE_VEN) FROM VENCIMIENTOS_CARGOS_CC v
                      WHERE v.DOCTO_CC_ID = d.DOCTO_CC_ID AND v.FECHA_VENCIMIENTO >= CURRENT_DATE), 0),
           IIF(d.FECHA >= CURRENT_DATE, 100, 0)) AS PCTJE_POR_VENCER
FROM DOCTOS_CC d
WHERE d.NATURALEZA_CONCEPTO = 'C' AND COALESCE(d.CANCELADO, 'N') <> 'S' AND ${b.range('d.CLIENTE_ID')}`;
  return `
SELECT ch.CLIENTE_ID,
       SUM(ch.PENDIENTE - ch.NO_VENCIDO) AS VENCIDO,
       SUM(ch.NO_VENCIDO) AS POR_VENCER
FROM (SELECT k.CLIENTE_ID, k.PENDIENTE,
             MAXVALUE(0, MINVALUE(k.PENDIENTE, CAST(k.TOTAL * k.PCTJE_POR_VENCER / 100 AS NUMERIC(18,2)))) AS NO_VENCIDO
        FROM (${charges}) k
       WHERE k.PENDIENTE <> 0) ch
GROUP BY ch.CLIENTE_ID`;
}
