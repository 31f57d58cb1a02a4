/**
 * The SQL of the Start/Pro order path (reference §3): the statements every written document shares live in
 * ../documents/document-queries.ts; only what is order-specific is here.
 */
export * from '../documents/document-queries';

/** The pedido's / cotización's CFD anchor row: an empty 4.0 row, as the native path leaves it (no CFDI data). */
export const INSERT_CFD = `INSERT INTO dbo.docDocumentCFD (DocumentID, FinancialOperationID, Anexo20Ver) VALUES (@doc, 0, '4.0')`;

/** The document of a store order: its marker on a pedido (40) or cotización (1), never on an invoice. */
export const FIND_BY_MARKER = `
SELECT DocumentID AS documentId, FolioPrefix AS folioPrefix, Folio AS folio, Title AS title FROM dbo.docDocument
WHERE OwnedBusinessEntityID = @company AND Title = @marker AND DocumentTypeID IN (1, 40)
ORDER BY DocumentID`;
