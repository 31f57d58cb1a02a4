import * as orderSql from '../orders/order-queries';
import * as invoiceSql from '../invoices/invoice-queries';
import { statementsOf } from './sql-references';

/**
 * What each Start/Pro writer relies on, declared for the diagnosis by reading the writers (orders/, invoices/,
 * documents/). The statements are the query modules' own SQL constants, so a column a writer starts filling is seen
 * without touching this file; `tables` is the floor read from the writer code today, so a table whose statement the
 * diagnosis cannot find (SQL built at run time) is reported instead of silently skipped. `documentType` repeats the
 * writers' private constants (orders/startpro-order-writer.ts DOCUMENT_TYPE, invoices/startpro-invoice-writer.ts
 * INVOICE_DOCUMENT_TYPE): keep them in step.
 */
export interface WritePath {
  key: 'write:orders' | 'write:quotes' | 'write:invoices';
  title: string;
  /** engModuleParameter DocumentTypeID of the factory module the writer resolves (DocRecipient 1). */
  documentType: number;
  /** «pedidos de cliente»: the writer's own words for the module in its error message. */
  moduleName: string;
  /** «los pedidos»: the subject of every consequence sentence. */
  documents: string;
  statements: readonly string[];
  tables: readonly string[];
}

const DOCUMENT_TABLES = [
  'docDocument',
  'docDocumentExt',
  'docDocumentExtra',
  'docDocumentCFD',
  'docDocumentPaymentAgenda',
  'docDocumentItem',
  'docDocumentTax',
] as const;

const ORDER_STATEMENTS = statementsOf(orderSql);

export const WRITE_PATHS: readonly WritePath[] = [
  {
    key: 'write:orders',
    title: 'Pedidos (escritura)',
    documentType: 40,
    moduleName: 'pedidos de cliente',
    documents: 'los pedidos',
    statements: ORDER_STATEMENTS,
    tables: DOCUMENT_TABLES,
  },
  {
    key: 'write:quotes',
    title: 'Cotizaciones (escritura)',
    documentType: 1,
    moduleName: 'cotizaciones de cliente',
    documents: 'las cotizaciones',
    statements: ORDER_STATEMENTS,
    tables: DOCUMENT_TABLES,
  },
  {
    key: 'write:invoices',
    title: 'Facturas (escritura)',
    documentType: 5,
    moduleName: 'facturas de cliente',
    documents: 'las facturas',
    statements: statementsOf(invoiceSql),
    // orgProduct: store-only articles are created inside the invoice's transaction.
    tables: [...DOCUMENT_TABLES, 'orgProduct'],
  },
];

/** What a table's 'falta' costs when it is not the document itself. */
export const TABLE_CONSEQUENCE: Readonly<Record<string, string>> = {
  orgProduct: 'las facturas con artículos que solo existen en la tienda no se pueden registrar',
};
