import { CUSTOMER_TABLES, LIVE_CUSTOMER_OF_COMPANY } from '../catalogs/customer-filter';

/**
 * The SQL every Start/Pro document the connector writes shares (orders and invoices, reference §3): module
 * resolution, text limits, the connector's own folio table and the Title marker. Same dialect rules as
 * startpro-queries.ts: @named params, no TOP, no N'' literals, no GETDATE (dates travel as parameters), so
 * SQLite runs the same text in tests.
 *
 * The only object the connector creates in the customer's database is FOLIO_TABLE (its own folio reservations).
 */

/** The connector's own table: one row per company + module + series it numbers. Never used by Comercial itself. */
export const FOLIO_TABLE = 'zzWopenFolio';

export const FOLIO_TABLE_EXISTS = `SELECT OBJECT_ID('dbo.zzWopenFolio', 'U') AS id`;

export const CREATE_FOLIO_TABLE = `CREATE TABLE dbo.zzWopenFolio (
  OwnedBusinessEntityID BIGINT NOT NULL, ModuleID INT NOT NULL, Prefix NVARCHAR(20) NOT NULL, LastFolio BIGINT NOT NULL,
  UpdatedOn DATETIME NULL, PRIMARY KEY (OwnedBusinessEntityID, ModuleID, Prefix))`;

/**
 * Factory module (not a clone) whose engModuleParameter says DocumentTypeID = @type and DocRecipient = 1. Real
 * installs mark "no base" with NULL **or** 0 (real-installations.md §2.1: `ISNULL(NULLIF(ModuleIDBase, 0), ModuleID)`).
 */
export const RESOLVE_MODULE = `
SELECT m.ModuleID AS moduleId
FROM dbo.engModule m
JOIN dbo.engModuleParameter t ON t.ModuleID = m.ModuleID AND t.ParameterKey = 'DocumentTypeID' AND t.Value = @type
JOIN dbo.engModuleParameter r ON r.ModuleID = m.ModuleID AND r.ParameterKey = 'DocRecipient' AND r.Value = '1'
WHERE m.DeletedOn IS NULL AND COALESCE(m.ModuleIDBase, 0) = 0
ORDER BY m.ModuleID`;

/** Column sizes in bytes (NVARCHAR: 2 per character; -1 = MAX), read once when a writer opens. */
export const COLUMN_LIMITS = `
SELECT COL_LENGTH('dbo.docDocument', 'Title') AS title, COL_LENGTH('dbo.docDocument', 'Comments') AS comments,
       COL_LENGTH('dbo.docDocument', 'FolioPrefix') AS folioPrefix, COL_LENGTH('dbo.docDocumentItem', 'Comments') AS itemComments,
       COL_LENGTH('dbo.orgCustomer', 'OwnedBusinessEntityID') AS customerCompany,
       COL_LENGTH('dbo.orgProduct', 'ProductKey') AS productKey, COL_LENGTH('dbo.orgProduct', 'ProductName') AS productName`;

export const FIND_CUSTOMER = `
SELECT c.CustomerID AS customerId, c.BusinessEntityID AS entityId, c.PaymentTermID AS paymentTermId,
       be.OfficialName AS officialName, be.CommercialName AS commercialName, mi.OfficialNumber AS rfc
FROM ${CUSTOMER_TABLES}
LEFT JOIN dbo.orgBusinessEntityMainInfo mi ON mi.BusinessEntityID = c.BusinessEntityID
WHERE c.CustomerID = @customerId AND ${LIVE_CUSTOMER_OF_COMPANY}`;

export interface CustomerRow {
  customerId: number;
  entityId: number;
  paymentTermId: number | null;
  officialName: string | null;
  commercialName: string | null;
  rfc: string | null;
}

const PRODUCT_SELECT = `
SELECT p.ProductID AS productId, p.ProductKey AS productKey, p.ProductName AS productName, p.Unit AS unit,
       p.UnitSale AS unitSale, p.ClaveUnidad AS claveUnidad, p.ProductTypeID AS productTypeId, p.TaxTypeID AS taxTypeId,
       tp.IVA_Perc AS ivaRate, tp.IEPS_Perc AS iepsRate, tp.Retencion_IVA AS ivaRetention, tp.Retencion_ISR AS isrRetention
FROM dbo.orgProduct p
LEFT JOIN dbo.vwLBSTaxPerc tp ON tp.TaxTypeID = p.TaxTypeID`;

export const FIND_PRODUCT = `${PRODUCT_SELECT}
WHERE p.ProductID = @productId AND p.DeletedOn IS NULL`;

/** By Comercial's own article code (orgProduct.ProductKey): how an article created from the store is found again. */
export const FIND_PRODUCT_BY_KEY = `${PRODUCT_SELECT}
WHERE p.ProductKey = @productKey AND p.DeletedOn IS NULL
ORDER BY p.ProductID`;

export interface ProductRow {
  productId: number;
  productKey: string | null;
  productName: string;
  unit: string | null;
  unitSale: string | null;
  claveUnidad: string | null;
  productTypeId: number | null;
  taxTypeId: number | null;
  ivaRate: number | null;
  iepsRate: number | null;
  ivaRetention: number | null;
  isrRetention: number | null;
}

export const FIND_CURRENCY = `SELECT CurrencyID AS currencyId, IntlSymbol AS iso, Rate AS rate FROM dbo.engRefCurrency WHERE IntlSymbol = @iso`;

export const COMPANY_DEPOTS = `SELECT DepotID AS id FROM dbo.orgDepot WHERE OwnedBusinessEntityID = @company AND DeletedOn IS NULL ORDER BY DepotID`;

/**
 * Documents of the module in the prefix NOT written by the connector: such a series belongs to Comercial. Every
 * marker the connector writes starts with 'WOPEN-' (../../document-marker.ts).
 */
export const FOREIGN_DOCS_IN_SERIES = `
SELECT COUNT(*) AS n FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND FolioPrefix = @prefix
  AND (Title IS NULL OR SUBSTRING(Title, 1, 6) <> 'WOPEN-')`;

/** Every folio ever used in the series, deleted and cancelled included (seed of the reservation row). */
export const FOLIOS_IN_SERIES = `
SELECT Folio AS folio FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND FolioPrefix = @prefix`;

export const SERIES_OF_COMPANY = `
SELECT ModuleID AS moduleId, Prefix AS prefix, LastFolio AS lastFolio FROM dbo.zzWopenFolio
WHERE OwnedBusinessEntityID = @company ORDER BY Prefix`;

export const INSERT_FOLIO_ROW = `
INSERT INTO dbo.zzWopenFolio (OwnedBusinessEntityID, ModuleID, Prefix, LastFolio, UpdatedOn)
SELECT @company, @module, @prefix, @seed, @now
WHERE NOT EXISTS (SELECT 1 FROM dbo.zzWopenFolio WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND Prefix = @prefix)`;

/** Takes the row lock (SQL Server: exclusive until COMMIT), so reservations in one series are serialised. */
export const BUMP_FOLIO = `
UPDATE dbo.zzWopenFolio SET LastFolio = LastFolio + 1, UpdatedOn = @now
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND Prefix = @prefix`;

export const READ_FOLIO = `
SELECT LastFolio AS lastFolio FROM dbo.zzWopenFolio
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND Prefix = @prefix`;

export const FOLIO_TAKEN = `
SELECT COUNT(*) AS n FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND FolioPrefix = @prefix AND Folio = @folio`;

/**
 * A store id lives in docDocument.Title as a marker of the store identity and the id (../../document-marker.ts;
 * 'WOPEN-…' before store identities; see docs/contpaqi-startpro.md). Deleted and cancelled documents count too: the document was written once; writing
 * it again is the user's decision, not ours. @documentType keeps the writers apart: an invoice marker
 * 'WOPEN-F-1' is never taken for store order 'F-1' (orders/order-queries.ts searches DocumentTypeID 1 and 40 only).
 */
export const FIND_BY_MARKER_OF_TYPE = `
SELECT DocumentID AS documentId, FolioPrefix AS folioPrefix, Folio AS folio, Title AS title FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND Title = @marker AND DocumentTypeID = @documentType
ORDER BY DocumentID`;

export interface DocumentRow {
  documentId: number | string;
  folioPrefix: string | null;
  folio: string | null;
  title?: string | null;
}

/**
 * The rows whose Title is exactly the marker: SQL Server's usual collations compare case-insensitively and
 * ignore trailing spaces, so store ids 'abc' and 'ABC' would otherwise find each other's document.
 */
export const exactMarker = (rows: DocumentRow[], marker: string): DocumentRow[] => rows.filter((r) => r.title === undefined || r.title === marker);

/**
 * The header of every document the connector writes (module profile of reference §3.1/§3.6). DocRecipientID 1
 * (customer) always; @source is docDocument.SourceDocumentID (the pedido an invoice bills; NULL for orders).
 */
export const INSERT_DOCUMENT = `
INSERT INTO dbo.docDocument (
  ModuleID, DocumentTypeID, DocRecipientID, OwnedBusinessEntityID, BusinessEntityID, DepotID, DepotIDFrom,
  FolioPrefix, Folio, DateDocument, DateDelivery, LanguageID, CurrencyID, Rate, PaymentTermID, Title, Comments,
  SubTotal, SubTotalWithDiscount, TotalDiscount, TotalTax, TotalRetention, Total, TotalCost, TotalLetter, TotalPaid, Balance,
  StatusPaidID, StatusDeliveryID, MustBeSynchronized, ExportID, SourceDocumentID, CreatedOn, CreatedBy, UserID)
VALUES (
  @module, @documentType, 1, @company, @entity, @depot, 0,
  @prefix, @folio, @date, @date, 3, @currency, @rate, @paymentTerm, @marker, @comments,
  @subTotal, @subTotalWithDiscount, @totalDiscount, @totalTax, 0, @total, 0, NULL, 0, @total,
  @statusPaid, @statusDelivery, 1, 1, @source, @now, 0, 0)`;

export const INSERT_EXT = `INSERT INTO dbo.docDocumentExt (IDExtra) VALUES (@doc)`;
export const INSERT_EXTRA = `INSERT INTO dbo.docDocumentExtra (DocumentID) VALUES (@doc)`;
export const INSERT_PAYMENT_AGENDA = `
INSERT INTO dbo.docDocumentPaymentAgenda (DocumentID, DatePayment, TotalPerc, Amount, Total, PartialityNumber, CreatedOn, CreatedBy)
VALUES (@doc, @date, 100, 0, 0, 1, @now, 0)`;
export const INSERT_TAX = `INSERT INTO dbo.docDocumentTax (DocumentID, IVA_T) VALUES (@doc, @iva)`;

export const INSERT_ITEM = `
INSERT INTO dbo.docDocumentItem (
  DocumentID, ProductID, ProductKey, Description, Unit, Quantity, QuantityInventory, UnitPrice, Total, TaxTypeID, TaxPerc,
  RetentionPerc, DiscountPerc, CostPrice, LineNumber, DateItem, ApplyGlobalDiscount, DeductiblePerc, IsBusinessOperation,
  MustBeDelivered, CoefUnit, ClaveUnidad, ObjetoImpuesto, Comments)
VALUES (
  @doc, @productId, @productKey, @description, @unit, @quantity, @quantity, @unitPrice, @gross, @taxType, @taxPerc,
  0, @discountPerc, 0, @lineNumber, @date, 1, 1, 1,
  1, 1, @claveUnidad, @objetoImpuesto, @comments)`;
