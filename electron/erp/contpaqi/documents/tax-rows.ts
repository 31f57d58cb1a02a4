import { ErpError } from '../../port';
import type { SqlQueryRunner } from '../sql-executor';
import type { NativeSchema } from './native-schema';

/**
 * The three tax tables of a document as the SQL-puro templates write them after comparing with native documents
 * (contpaqi-startpro-schema.md §3.3, real-installations.md §2.4; BROS PLANTILLA_*_SQL_PURO.sql) [C] for IVA 16 %:
 * - docDocumentTax: one row, IVA_T = the document's IVA, every other column 0;
 * - docDocumentTaxDetail: one row per taxed item: TaxTypeID of the item, Amount = its IVA, Retention 0,
 *   IVASobreIEPS 0, RegionalTaxID 0, TaxName 'IVA 16.00%', TaxTypeName 'IVA', TaxBase, TaxPerc 0.16, TipoFactor 'Tasa';
 * - docDocumentTaxSum: one row, TaxName1 'IVA 16%', TaxAmount1 = TotalFederal = the IVA, TotalLocal 0, TotalOtro 0.
 * [?]: TaxBase after the line discount (the templates have no discount; CFDI 4.0 Base = Importe − Descuento);
 * TaxItemID from engTaxTypeItem when it has the column, else 0 (the sandbox's 6 is not derivable); names of other
 * rates ('IVA 8.00%' / 'IVA 8%'); one TaxSum pair per rate; no detail row and no TaxSum row for untaxed (0 %) lines.
 */

export interface TaxedItem {
  itemId: number;
  taxTypeId: number | null;
  /** Fraction (0.16). */
  taxPerc: number;
  /** Line amount after discount: the tax base. */
  net: number;
  tax: number;
}

export const INSERT_TAX_DETAIL = `
INSERT INTO dbo.docDocumentTaxDetail (
  DocumentID, DocumentItemID, TaxTypeID, TaxItemID, Amount, Retention, IVASobreIEPS, RegionalTaxID, TaxName, TaxTypeName, TaxBase, TaxPerc, TipoFactor)
VALUES (@doc, @item, @taxType, @taxItem, @amount, 0, 0, 0, @taxName, 'IVA', @base, @perc, 'Tasa')`;

export const TAX_ITEM_OF_TYPE = `SELECT MIN(TaxItemID) AS id FROM dbo.engTaxTypeItem WHERE TaxTypeID = @taxType`;

const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
const percentText = (perc: number): string => String(round2(perc * 100));

/** docDocumentTax with IVA_T and the zero columns this database has. */
export function taxInsert(schema: NativeSchema): string {
  const cols = ['DocumentID', 'IVA_T', ...schema.taxZeroColumns];
  const values = ['@doc', '@iva', ...schema.taxZeroColumns.map(() => '0')];
  return `INSERT INTO dbo.docDocumentTax (${cols.join(', ')}) VALUES (${values.join(', ')})`;
}

/** docDocumentTaxSum with one TaxName<n>/TaxAmount<n> pair per rate. */
export function taxSumInsert(rates: number): string {
  const pairs = Array.from({ length: rates }, (_, i) => [`TaxName${i + 1}`, `TaxAmount${i + 1}`]).flat();
  const values = Array.from({ length: rates }, (_, i) => [`@name${i + 1}`, `@amount${i + 1}`]).flat();
  return `INSERT INTO dbo.docDocumentTaxSum (DocumentID, ${pairs.join(', ')}, TotalFederal, TotalLocal, TotalOtro)
VALUES (@doc, ${values.join(', ')}, @federal, 0, 0)`;
}

/** Writes the document's tax rows inside `tx`; `totalTax` is docDocument.TotalTax (= Σ item IVA). */
export async function insertTaxRows(
  tx: SqlQueryRunner,
  schema: NativeSchema,
  documentId: number,
  items: readonly TaxedItem[],
  totalTax: number,
): Promise<void> {
  await tx.query(taxInsert(schema), { doc: documentId, iva: totalTax });
  const taxed = items.filter((i) => i.taxPerc > 0 && i.tax > 0);
  if (schema.taxDetail) {
    const taxItems = new Map<number | null, number>();
    for (const item of taxed) {
      let taxItem = taxItems.get(item.taxTypeId);
      if (taxItem === undefined) {
        const [row] =
          schema.taxItemLookup && item.taxTypeId !== null
            ? await tx.query<{ id: number | null }>(TAX_ITEM_OF_TYPE, { taxType: item.taxTypeId })
            : [];
        taxItem = row?.id === null || row?.id === undefined ? 0 : Number(row.id);
        taxItems.set(item.taxTypeId, taxItem);
      }
      await tx.query(INSERT_TAX_DETAIL, {
        doc: documentId,
        item: item.itemId,
        taxType: item.taxTypeId,
        taxItem,
        amount: item.tax,
        taxName: `IVA ${round2(item.taxPerc * 100).toFixed(2)}%`,
        base: item.net,
        perc: item.taxPerc,
      });
    }
  }
  if (schema.taxSumSlots === 0 || taxed.length === 0) return;
  const byRate = new Map<number, number>();
  for (const item of taxed) byRate.set(item.taxPerc, (byRate.get(item.taxPerc) ?? 0) + item.tax);
  const rates = [...byRate].sort((a, b) => b[0] - a[0]);
  if (rates.length > schema.taxSumSlots) {
    throw new ErpError(
      `El documento lleva ${rates.length} tasas de IVA distintas y docDocumentTaxSum de esta base de CONTPAQi admite ${schema.taxSumSlots}.`,
      ['Separe las partidas por tasa de IVA o avise a soporte.'],
    );
  }
  const params: Record<string, string | number> = { doc: documentId, federal: totalTax };
  rates.forEach(([perc, amount], i) => {
    params[`name${i + 1}`] = `IVA ${percentText(perc)}%`;
    params[`amount${i + 1}`] = round2(amount);
  });
  await tx.query(taxSumInsert(rates.length), params);
}
