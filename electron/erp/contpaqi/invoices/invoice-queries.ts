/**
 * The SQL of the Start/Pro invoice path. Everything a written document shares (header, anchors, items,
 * folio series, marker) is in ../documents/document-queries.ts; only what is invoice-specific is here. Same
 * dialect rules: @named params, no TOP, no N'' literals, no GETDATE.
 */
export * from '../documents/document-queries';

/** The invoice's CFD row (reference §3.6/§3.8): receptor data for the CFDI, not stamped yet (CFDStatusID 0). */
export const INSERT_INVOICE_CFD = `
INSERT INTO dbo.docDocumentCFD (
  DocumentID, FinancialOperationID, Anexo20Ver, ReceptorUsoCFDI, FormaPago, MetodoPago, RFC, Serie, Folio, CFDStatusID, CFDCancelledStatusID)
VALUES (@doc, 0, '4.0', @usoCfdi, @formaPago, @metodoPago, @rfc, @serie, @folio, 0, 0)`;

/** The pedido the invoice bills: a document of the company (its depot is reused). */
export const FIND_SOURCE_DOCUMENT = `
SELECT DocumentID AS documentId, DepotID AS depotId FROM dbo.docDocument
WHERE DocumentID = @doc AND OwnedBusinessEntityID = @company`;

/**
 * The tax type a store-only article gets: plain IVA 16 % (no IEPS, no retentions), the lowest id [?: Comercial's
 * own default tax type is not known]. vwLBSTaxPerc holds 0.16 or 16 depending on the install (reference §2.3).
 */
export const FIND_IVA16_TAX_TYPE = `
SELECT t.TaxTypeID AS taxTypeId, tp.IVA_Perc AS ivaRate
FROM dbo.engTaxType t
JOIN dbo.vwLBSTaxPerc tp ON tp.TaxTypeID = t.TaxTypeID
WHERE tp.IVA_Perc IN (0.16, 16) AND tp.IEPS_Perc = 0 AND tp.Retencion_IVA = 0 AND tp.Retencion_ISR = 0
ORDER BY t.TaxTypeID`;

/** An article that exists only in the store, created with the company's default SAT keys (orgProduct columns [C]). */
export const INSERT_PRODUCT = `
INSERT INTO dbo.orgProduct (
  ProductKey, ProductName, ProductTypeID, Unit, UnitSale, ClaveProdServ, ClaveUnidad, ObjetoImpuesto, TaxTypeID, CurrencyID,
  ProductIsService, AvailableForSale, CreatedOn, CreatedBy, UserID)
VALUES (
  @productKey, @productName, 1, @unit, @unit, @claveProdServ, @claveUnidad, @objetoImpuesto, @taxType, @currency,
  0, 1, @now, 0, 0)`;

/** INSERT_PRODUCT for a database whose orgProduct has no ObjetoImpuesto column (documents/native-schema.ts). */
export function withoutObjetoColumn(sql: string): string {
  return sql
    .replace('ClaveUnidad, ObjetoImpuesto,', 'ClaveUnidad,')
    .replace('@claveUnidad, @objetoImpuesto,', '@claveUnidad,');
}

/** The invoice's stamp (reference §3.8 [C]): CFDStatusID 3 = timbrado, CFDIFolioFiscal = UUID, CFDFileXML = path. */
export const STAMP_OF_DOCUMENT = `
SELECT f.CFDStatusID AS status, f.CFDIFolioFiscal AS uuid, f.CFDFileXML AS xmlPath
FROM dbo.docDocumentCFD f
JOIN dbo.docDocument d ON d.DocumentID = f.DocumentID
WHERE f.DocumentID = @doc AND d.OwnedBusinessEntityID = @company`;
