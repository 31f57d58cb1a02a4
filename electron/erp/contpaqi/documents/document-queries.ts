import { CUSTOMER_TABLES, LIVE_CUSTOMER_OF_COMPANY } from '../catalogs/customer-filter';
import type { NativeDate } from './native-schema';

/**
 * The SQL every Start/Pro document the connector writes shares (orders and invoices, reference §3): module
 * resolution, text limits, the folio reservation and the Title marker. Same dialect rules as startpro-queries.ts:
 * @named params, no TOP, no N'' literals, no GETDATE (dates travel as parameters), so SQLite runs the same text in
 * tests (FOLIO_LOCK, a system procedure, is emulated there).
 *
 * The connector creates nothing in the customer's database: it needs only db_datareader + db_datawriter.
 */

/**
 * The table earlier versions created for their folio reservations (one row per company + module + series). No
 * longer created or written; when a database still has it, its LastFolio counts as used (never hand out a number
 * it already gave).
 */
export const FOLIO_TABLE = 'zzWopenFolio';

export const FOLIO_TABLE_EXISTS = `SELECT OBJECT_ID('dbo.zzWopenFolio', 'U') AS id`;

/**
 * Serialises reservations in one company + module + series: an exclusive application lock owned by the write
 * transaction (released at COMMIT or ROLLBACK). sp_getapplock needs only membership in `public`, so a login with
 * db_datareader + db_datawriter can take it (no CREATE TABLE). Result ≥ 0 = granted; < 0 = timeout, deadlock or error.
 */
export const FOLIO_LOCK = `DECLARE @lockResult INT;
EXEC @lockResult = sp_getapplock @Resource = @lockName, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 15000;
SELECT @lockResult AS result`;

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
       p.UnitSale AS unitSale, p.ClaveUnidad AS claveUnidad, p.ObjetoImpuesto AS objetoImpuesto, p.ProductTypeID AS productTypeId, p.TaxTypeID AS taxTypeId,
       tp.IVA_Perc AS ivaRate, tp.IEPS_Perc AS iepsRate, tp.Retencion_IVA AS ivaRetention, tp.Retencion_ISR AS isrRetention
FROM dbo.orgProduct p
LEFT JOIN dbo.vwLBSTaxPerc tp ON tp.TaxTypeID = p.TaxTypeID`;

/** The product SQL for a database whose orgProduct has no ObjetoImpuesto column (native-schema.ts). */
export function withoutProductObjeto(sql: string): string {
  return sql.replace('p.ObjetoImpuesto AS objetoImpuesto', 'NULL AS objetoImpuesto');
}

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
  /** orgProduct.ObjetoImpuesto (SAT c_ObjetoImp), copied to the items; null when empty or the column is missing. */
  objetoImpuesto: string | null;
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

/** Every folio ever used in the series, deleted and cancelled included: the next folio is the highest + 1. */
export const FOLIOS_IN_SERIES = `
SELECT Folio AS folio FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND FolioPrefix = @prefix`;

/** The connector's series in a module: prefixes of the documents it wrote there (every marker starts 'WOPEN-'). */
export const OWN_FOLIOS_OF_MODULE = `
SELECT FolioPrefix AS prefix, Folio AS folio FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND SUBSTRING(Title, 1, 6) = 'WOPEN-'`;

/** A legacy reservation row (see FOLIO_TABLE). */
export const READ_FOLIO = `
SELECT LastFolio AS lastFolio FROM dbo.zzWopenFolio
WHERE OwnedBusinessEntityID = @company AND ModuleID = @module AND Prefix = @prefix`;

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
export const exactMarker = (rows: DocumentRow[], marker: string): DocumentRow[] =>
  rows.filter((r) => r.title === undefined || r.title === marker);

/**
 * The header of every document the connector writes (module profile of reference §3.1/§3.6). DocRecipientID 1
 * (customer) always; @source is docDocument.SourceDocumentID (the pedido an invoice bills; NULL for orders).
 * `dates` are the native dates this database has (native-schema.ts): DateCost, DateDocDelivery, DateFrom and
 * DateTo = the document date, DateLastPayment = its day, as NuevoDocumento sets them [C].
 */
export function documentInsert(dates: readonly NativeDate[]): string {
  const values = dates.map((d) => (d === 'DateLastPayment' ? '@day' : '@date'));
  return `
INSERT INTO dbo.docDocument (
  ModuleID, DocumentTypeID, DocRecipientID, OwnedBusinessEntityID, BusinessEntityID, DepotID, DepotIDFrom,
  FolioPrefix, Folio, DateDocument, DateDelivery, ${dates.map((d) => `${d}, `).join('')}LanguageID, CurrencyID, Rate, PaymentTermID, Title, Comments,
  SubTotal, SubTotalWithDiscount, TotalDiscount, TotalTax, TotalRetention, Total, TotalCost, TotalLetter, TotalPaid, Balance,
  StatusPaidID, StatusDeliveryID, MustBeSynchronized, ExportID, SourceDocumentID, CreatedOn, CreatedBy, UserID)
VALUES (
  @module, @documentType, 1, @company, @entity, @depot, 0,
  @prefix, @folio, @date, @date, ${values.map((v) => `${v}, `).join('')}3, @currency, @rate, @paymentTerm, @marker, @comments,
  @subTotal, @subTotalWithDiscount, @totalDiscount, @totalTax, 0, @total, 0, @totalLetter, 0, @total,
  @statusPaid, @statusDelivery, 1, 1, @source, @now, 0, 0)`;
}

export const INSERT_EXT = `INSERT INTO dbo.docDocumentExt (IDExtra) VALUES (@doc)`;
export const INSERT_EXTRA = `INSERT INTO dbo.docDocumentExtra (DocumentID) VALUES (@doc)`;
export const INSERT_PAYMENT_AGENDA = `
INSERT INTO dbo.docDocumentPaymentAgenda (DocumentID, DatePayment, TotalPerc, Amount, Total, PartialityNumber, CreatedOn, CreatedBy)
VALUES (@doc, @date, 100, 0, 0, 1, @now, 0)`;

/** The items just inserted, to hang their tax detail rows on. */
export const ITEMS_OF_DOCUMENT = `SELECT DocumentItemID AS itemId, LineNumber AS lineNumber FROM dbo.docDocumentItem WHERE DocumentID = @doc ORDER BY LineNumber`;

export const INSERT_ITEM = `
INSERT INTO dbo.docDocumentItem (
  DocumentID, ProductID, ProductKey, Description, Unit, Quantity, QuantityInventory, UnitPrice, Total, TaxTypeID, TaxPerc,
  RetentionPerc, DiscountPerc, CostPrice, LineNumber, DateItem, ApplyGlobalDiscount, DeductiblePerc, IsBusinessOperation,
  MustBeDelivered, CoefUnit, ClaveUnidad, ObjetoImpuesto, Comments)
VALUES (
  @doc, @productId, @productKey, @description, @unit, @quantity, @quantity, @unitPrice, @gross, @taxType, @taxPerc,
  0, @discountPerc, 0, @lineNumber, @date, 1, 1, 1,
  1, 1, @claveUnidad, @objetoImpuesto, @comments)`;
