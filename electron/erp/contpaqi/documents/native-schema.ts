import type { SqlQueryRunner } from '../sql-executor';

/**
 * The native columns and tables a written document carries besides the ones every Start/Pro database is known to
 * have, probed once when a writer opens (COL_LENGTH answers NULL for a missing column or table), so a company whose
 * database lacks one still gets its documents, and one that has them gets them filled as the native program does.
 * Evidence (contpaqi-startpro-schema.md §3.3/§3.6, real-installations.md §2.3–2.5, BROS Scripting.cs NuevoDocumento
 * and the SQL-puro templates compared column by column with native documents) [C] on a Pro install; [?] on Start.
 */

/** docDocument dates NuevoDocumento always sets ("las fechas = DateDocument, DateLastPayment a nivel fecha") [C]. */
export const NATIVE_DATES = ['DateCost', 'DateDocDelivery', 'DateFrom', 'DateTo', 'DateLastPayment'] as const;
export type NativeDate = (typeof NATIVE_DATES)[number];

/** docDocumentTax columns besides DocumentID and IVA_T, all 0 for an IVA-only document (SQL-puro templates) [C]. */
export const TAX_ZERO_COLUMNS = ['IVA_R', 'ISR_R', 'IEPS_T', 'IEPS_R', 'Otro', 'Local_T', 'Local_R'] as const;

/** How many TaxName<n>/TaxAmount<n> pairs of docDocumentTaxSum are looked for (TaxName1 is [C]; the others [?]). */
const TAX_SUM_SLOTS = 6;

export interface NativeSchema {
  documentDates: readonly NativeDate[];
  taxZeroColumns: readonly string[];
  /** docDocumentTaxDetail exists: one row per taxed item. */
  taxDetail: boolean;
  /** Consecutive TaxName<n>/TaxAmount<n> pairs of docDocumentTaxSum, from 1; 0 = no such table. */
  taxSumSlots: number;
  /** orgProduct.ObjetoImpuesto exists (CFDI 4.0 column; copied to the items). */
  productObjetoImpuesto: boolean;
  /** engTaxTypeItem (TaxTypeID, TaxItemID) exists to give docDocumentTaxDetail.TaxItemID [?]. */
  taxItemLookup: boolean;
}

const probes: [string, string, string][] = [
  ...NATIVE_DATES.map((c): [string, string, string] => [`d_${c}`, 'docDocument', c]),
  ...TAX_ZERO_COLUMNS.map((c): [string, string, string] => [`t_${c}`, 'docDocumentTax', c]),
  ['detail', 'docDocumentTaxDetail', 'DocumentItemID'],
  ...Array.from({ length: TAX_SUM_SLOTS }, (_, i): [string, string, string][] => [
    [`sumName${i + 1}`, 'docDocumentTaxSum', `TaxName${i + 1}`],
    [`sumAmount${i + 1}`, 'docDocumentTaxSum', `TaxAmount${i + 1}`],
  ]).flat(),
  ['sumTotals', 'docDocumentTaxSum', 'TotalFederal'],
  ['objeto', 'orgProduct', 'ObjetoImpuesto'],
  ['taxItemType', 'engTaxTypeItem', 'TaxTypeID'],
  ['taxItemId', 'engTaxTypeItem', 'TaxItemID'],
];

/** One SELECT of COL_LENGTH probes; names are constants of this file, never input. */
export const NATIVE_SCHEMA_PROBE = `SELECT ${probes.map(([alias, table, column]) => `COL_LENGTH('dbo.${table}', '${column}') AS ${alias}`).join(', ')}`;

export async function readNativeSchema(db: SqlQueryRunner): Promise<NativeSchema> {
  const [row = {}] = await db.query<Record<string, unknown>>(NATIVE_SCHEMA_PROBE);
  const has = (alias: string) => row[alias] !== null && row[alias] !== undefined;
  let slots = 0;
  if (has('sumTotals'))
    while (slots < TAX_SUM_SLOTS && has(`sumName${slots + 1}`) && has(`sumAmount${slots + 1}`)) slots++;
  return {
    documentDates: NATIVE_DATES.filter((c) => has(`d_${c}`)),
    taxZeroColumns: TAX_ZERO_COLUMNS.filter((c) => has(`t_${c}`)),
    taxDetail: has('detail'),
    taxSumSlots: slots,
    productObjetoImpuesto: has('objeto'),
    taxItemLookup: has('taxItemType') && has('taxItemId'),
  };
}
