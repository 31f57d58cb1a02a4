import type { StartProCatalog } from './catalog-definition';
import { keyText, num, refKey, text } from '../../record-values';
import { readCfdiXml } from '../documents/cfdi-xml';
import { requestIdOfInvoiceMarker } from '../../document-marker';

/**
 * Customer invoices stamped in Comercial, so customers download their CFDI from the store. Key =
 * docDocument.DocumentID. Rows: DocumentTypeID 5 (factura) to a customer (DocRecipientID 1) of the company, any
 * invoice module (clones included), not deleted, with docDocumentCFD.CFDStatusID = 3 (timbrado) and a UUID
 * (CFDIFolioFiscal) [C, reference §3.8]. Start licences sync only MXN, EUR and USD documents, so other currencies
 * are left out. Cancelled invoices stay, with status 'cancelada' (CFDCancelledStatusID 3 or CancelledOn set).
 * The XML is read from the CFDFileXML path when this machine can (the checksum sees the path, not the file).
 */
export const invoices: StartProCatalog = {
  name: 'invoices',
  select: `
SELECT d.DocumentID AS documentId, d.FolioPrefix AS folioPrefix, d.Folio AS folio, d.DateDocument AS documentDate,
       (SELECT MIN(c.CustomerID) FROM dbo.orgCustomer c
         WHERE c.BusinessEntityID = d.BusinessEntityID AND c.OwnedBusinessEntityID = @company AND c.DeletedOn IS NULL) AS customerId,
       UPPER(cur.IntlSymbol) AS currency, d.SubTotal AS subTotal, d.TotalTax AS totalTax, d.Total AS total,
       f.CFDIFolioFiscal AS uuid, f.CFDCancelledStatusID AS cfdCancelled, d.CancelledOn AS cancelledOn, d.Title AS title,
       f.CFDFileXML AS xmlPath
FROM dbo.docDocument d
JOIN dbo.docDocumentCFD f ON f.DocumentID = d.DocumentID
JOIN dbo.engRefCurrency cur ON cur.CurrencyID = d.CurrencyID
WHERE d.OwnedBusinessEntityID = @company AND d.DocumentTypeID = 5 AND d.DocRecipientID = 1 AND d.DeletedOn IS NULL
  AND f.CFDStatusID = 3 AND f.CFDIFolioFiscal IS NOT NULL AND LTRIM(RTRIM(f.CFDIFolioFiscal)) <> ''
  AND UPPER(cur.IntlSymbol) IN ('MXN', 'EUR', 'USD')`,
  blockColumn: 'documentId',
  keyColumns: ['documentId'],
  columns: [
    'folioPrefix',
    'folio',
    'documentDate',
    'customerId',
    'currency',
    'subTotal',
    'totalTax',
    'total',
    'uuid',
    'cfdCancelled',
    'cancelledOn',
    'title',
    'xmlPath',
  ],
  toRecord(r) {
    const title = text(r.title);
    const cancelled = Number(r.cfdCancelled) === 3 || (r.cancelledOn !== null && r.cancelledOn !== undefined);
    return {
      key: keyText(r.documentId),
      data: {
        folio: `${text(r.folioPrefix) ?? ''}${text(r.folio) ?? ''}`,
        date: dayOf(r.documentDate),
        customerKey: refKey(r.customerId),
        currency: text(r.currency),
        subtotal: num(r.subTotal),
        tax: num(r.totalTax),
        total: num(r.total),
        uuid: text(r.uuid),
        status: cancelled ? 'cancelada' : 'vigente',
        storeRequestId: requestIdOfInvoiceMarker(title),
        // Read by complete() from the CFDFileXML path (asynchronously, with a timeout).
        xml: r.xml ?? null,
      },
    };
  },
  async complete(rows, reader) {
    // Files read in parallel: a slice's XMLs usually sit in one folder of the same share.
    await Promise.all(rows.map(async (row) => (row.xml = await readCfdiXml(row.xmlPath ?? null, reader.cfdiFolders))));
  },
};

/** 'YYYY-MM-DD' of a DATETIME: mssql gives a Date read as UTC (useUTC), SQLite the stored ISO text. */
function dayOf(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = text(v);
  return s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : s;
}
