export { StartProInvoiceWriter } from './startpro-invoice-writer';
export { DEFAULT_INVOICE_SERIES, DEFAULT_FORMA_PAGO, DEFAULT_METODO_PAGO, INVOICE_CURRENCIES } from './plan-invoice';
