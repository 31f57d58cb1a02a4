/**
 * How the writer uses CALC_TOTALES_DOCTO_VE, from what RDB$PROCEDURE_PARAMETERS declares (reference §1.6). One
 * function for the writer and *Diagnóstico*, so the report says exactly what the next order will do:
 * - 'read': the procedure returns IMPORTE_NETO and TOTAL_IMPUESTOS (older databases): read with 'S' (solo lectura);
 * - 'compute': two inputs and no totals among the outputs (what real 2020+ databases show): `EXECUTE PROCEDURE
 *   …(id, 'N')` lets Microsip write the totals itself;
 * - 'none': no procedure, or another shape: the header keeps the connector's own sum of the lines and no taxes.
 */
export type TotalsUse = 'read' | 'compute' | 'none';

export const TOTALS_PROCEDURE = 'CALC_TOTALES_DOCTO_VE';

export function totalsUse(totals: { inputs: readonly string[]; outputs: readonly string[] } | null): TotalsUse {
  if (!totals) return 'none';
  if (totals.outputs.includes('IMPORTE_NETO') && totals.outputs.includes('TOTAL_IMPUESTOS')) return 'read';
  return totals.inputs.length === 2 ? 'compute' : 'none';
}
