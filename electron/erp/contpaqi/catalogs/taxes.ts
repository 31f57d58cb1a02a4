import type { StartProCatalog } from './catalog-definition';
import { keyText, percentFromRate, text } from './catalog-definition';

/**
 * engTaxType names the tax combinations; vwLBSTaxPerc turns each into IVA/IEPS percents [C] (reference §2.3).
 * Retentions are left out: the store's taxes are sale taxes. There is no default-tax flag, so `isDefault` is
 * omitted.
 */
export const taxes: StartProCatalog = {
  name: 'taxes',
  source: `
SELECT t.TaxTypeID AS taxTypeId, t.TaxTypeName AS taxName, p.IVA_Perc AS ivaRate, p.IEPS_Perc AS iepsRate
FROM dbo.engTaxType t
LEFT JOIN dbo.vwLBSTaxPerc p ON p.TaxTypeID = t.TaxTypeID`,
  blockColumn: 'taxTypeId',
  orderColumns: ['taxTypeId'],
  checksumColumns: ['taxTypeId', 'taxName', 'ivaRate', 'iepsRate'],
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
