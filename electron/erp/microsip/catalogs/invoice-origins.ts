import type { SchemaFacts } from './schema-facts';

/**
 * Where Microsip keeps facturas: Ventas (DOCTOS_VE) and Punto de Venta (DOCTOS_PV). In the best-documented real
 * database every sale is in DOCTOS_PV and DOCTOS_VE is abandoned (docs/microsip.md "Facturas de Punto de Venta").
 * Both link to their CFDI the same way: USOS_FOLIOS_FISCALES (SISTEMA, DOCTO_ID) → REPOSITORIO_CFDI.
 */
export interface InvoiceOrigin {
  /** USOS_FOLIOS_FISCALES.SISTEMA of this module's documents. */
  readonly sistema: 'VE' | 'PV';
  readonly table: 'DOCTOS_VE' | 'DOCTOS_PV';
  readonly idColumn: 'DOCTO_VE_ID' | 'DOCTO_PV_ID';
  /** Added to the document id to number its blocks: PV blocks never share a block (or a block number) with VE's. */
  readonly idOffset: number;
  /** Record key = prefix + document id. VE keeps the bare id every store already synced holds. */
  readonly keyPrefix: string;
  /** The documents of this origin that are facturas, on alias `d` (before the stamp test). */
  facturas(s: SchemaFacts): string;
  /** The customer the CFDI is issued to, on alias `d`. */
  customer(s: SchemaFacts): string;
}

/** Block ids of PV facturas: document id + 10^10 (ids are 32-bit), i.e. blocks from 10^7 on, as discounts' kinds do. */
export const PV_ID_OFFSET = 10_000_000_000;

export const VE_INVOICES: InvoiceOrigin = {
  sistema: 'VE',
  table: 'DOCTOS_VE',
  idColumn: 'DOCTO_VE_ID',
  idOffset: 0,
  keyPrefix: '',
  facturas: () => "d.TIPO_DOCTO = 'F'",
  customer: () => 'd.CLIENTE_ID',
};

/**
 * Punto de Venta: only TIPO_DOCTO 'F' documents are facturas. Tickets ('V'), cobros ('P') and devoluciones ('D')
 * never are — a ticket that gets invoiced is copied into an 'F' document (DOCTOS_PV_LIGAS ticket → factura), and
 * that one carries the CFDI. A global invoice (ES_FAC_GLOBAL 'S', to «público en general») belongs to no
 * customer of the store and is left out. The CFDI's receptor is the invoiced customer: CLIENTE_FAC_ID when set,
 * else CLIENTE_ID.
 */
export const PV_INVOICES: InvoiceOrigin = {
  sistema: 'PV',
  table: 'DOCTOS_PV',
  idColumn: 'DOCTO_PV_ID',
  idOffset: PV_ID_OFFSET,
  keyPrefix: 'pv:',
  facturas: (s) => `d.TIPO_DOCTO = 'F'${s.notFlagged('d', 'DOCTOS_PV', 'ES_FAC_GLOBAL')}`,
  customer: (s) =>
    s.hasColumn('DOCTOS_PV', 'CLIENTE_FAC_ID') ? 'COALESCE(d.CLIENTE_FAC_ID, d.CLIENTE_ID)' : 'd.CLIENTE_ID',
};

/** The origins this database has: VE always (the catalog requires it), PV when DOCTOS_PV has what is read. */
export function invoiceOrigins(s: SchemaFacts): readonly InvoiceOrigin[] {
  const pv = ['DOCTO_PV_ID', 'TIPO_DOCTO', 'FOLIO', 'FECHA', 'CLIENTE_ID'].every((c) => s.hasColumn('DOCTOS_PV', c));
  return pv ? [VE_INVOICES, PV_INVOICES] : [VE_INVOICES];
}

/** The record key of a document of origin `sistema` (a row's ORIGEN). */
export function invoiceKey(sistema: string | null, documentId: string): string {
  return `${sistema === PV_INVOICES.sistema ? PV_INVOICES.keyPrefix : VE_INVOICES.keyPrefix}${documentId}`;
}

/** `alias.<id column>` shifted into this origin's block numbering (BIGINT once shifted). */
export function blockId(origin: InvoiceOrigin, column: string): string {
  return origin.idOffset === 0 ? column : `(CAST(${column} AS BIGINT) + ${origin.idOffset})`;
}
