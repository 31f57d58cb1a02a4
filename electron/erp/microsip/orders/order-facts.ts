/**
 * What the validation of one store order needs to know about the Microsip company, read before anything is written.
 * `validateOrder` works on these plain values only, so it can be tested (and fuzzed) without Firebird.
 */

export interface CustomerFacts {
  id: number;
  name: string;
  /** CLIENTES.ESTATUS; which letters take orders is customer-status.ts. */
  status: string;
  /** Principal key (CLAVES_CLIENTES with a role ES_PPAL = 'S'), for DOCTOS_VE.CLAVE_CLIENTE. */
  principalKey: string | null;
  /** RFC_CURP of the main address (DIRS_CLIENTES.ES_DIR_PPAL = 'S'). */
  rfc: string | null;
  addressId: number | null;
  paymentTermId: number | null;
  salespersonId: number | null;
}

export interface ArticleFacts {
  id: number;
  name: string;
  /** ARTICULOS.ESTATUS: 'A' = activo. */
  status: string;
  isKit: boolean;
  principalKey: string | null;
}

export interface SeriesFacts {
  /** FOLIOS_VENTAS.FOLIO_VENTAS_ID. */
  id: number;
  tipoDocto: 'P' | 'C';
  /** FOLIOS_VENTAS.SERIE as stored ('@' = no series). */
  serie: string;
  consecutivo: number;
  /** FOLIOS_VENTAS.SUCURSAL_ID (Microsip 2020+); null when the row serves every branch or the column is absent. */
  branchId: number | null;
}

/** Byte lengths of the text columns the writer fills (RDB$FIELD_LENGTH); null = BLOB (no limit). */
export interface TextLimits {
  ordenCompra: number;
  descripcion: number;
  lineNotes: number | null;
}

export interface OrderFacts {
  /** By the store's customer key (the CLIENTE_ID the catalog sync publishes). */
  customers: ReadonlyMap<string, CustomerFacts>;
  /** By the store's article key (the ARTICULO_ID the catalog sync publishes); includes the freight article. */
  articles: ReadonlyMap<string, ArticleFacts>;
  /** MONEDA_ID by ISO 4217 code, for the currencies this company has. */
  currencies: ReadonlyMap<string, number>;
  /** FOLIOS_VENTAS rows of TIPO_DOCTO 'P' and 'C', in FOLIO_VENTAS_ID order. */
  series: readonly SeriesFacts[];
  limits: TextLimits;
  /** SUCURSALES ids when documents carry SUCURSAL_ID (Microsip 2020+); null on an older database. */
  branches: ReadonlySet<number> | null;
}
