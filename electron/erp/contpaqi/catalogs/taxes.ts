import type { StartProCatalog } from './catalog-definition';
import { keyText, num, text } from '../../record-values';

/**
 * engTaxType names the tax combinations; vwLBSTaxPerc turns each into IVA/IEPS percents [C] (reference §2.3).
 * Retentions are left out: the store's taxes are sale taxes. There is no default-tax flag, so `isDefault` is
 * omitted.
 */
export const taxes: StartProCatalog = {
  name: 'taxes',
  select: `
SELECT t.TaxTypeID AS taxTypeId, t.TaxTypeName AS taxName, p.IVA_Perc AS ivaRate, p.IEPS_Perc AS iepsRate
FROM dbo.engTaxType t
LEFT JOIN dbo.vwLBSTaxPerc p ON p.TaxTypeID = t.TaxTypeID`,
  blockColumn: 'taxTypeId',
  keyColumns: ['taxTypeId'],
  columns: ['taxName', 'ivaRate', 'iepsRate'],
  toRecord(r) {
    const iva = percentFromRate(r.ivaRate);
    const ieps = percentFromRate(r.iepsRate);
    // One store tax has one kind: a type carrying both IVA and IEPS is OTRO, reported with its IVA rate.
    const kind = ieps > 0 ? (iva > 0 ? 'OTRO' : 'IEPS') : 'IVA';
    return {
      key: keyText(r.taxTypeId),
      data: { name: text(r.taxName) ?? `Impuesto ${keyText(r.taxTypeId)}`, kind, rate: kind === 'IEPS' ? ieps : iva },
    };
  },
};

/**
 * Percent as the store wants it (16 = 16 %). vwLBSTaxPerc holds 0.16 or 16 depending on the install
 * (reference §2.3, BROS normalizes values above 1), so values strictly between 0 and 1 are fractions.
 */
function percentFromRate(v: unknown): number {
  const n = num(v);
  return n > 0 && n < 1 ? num(n * 100) : n;
}
