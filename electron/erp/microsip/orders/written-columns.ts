import type { SqlParam } from '../firebird-client';

/**
 * The columns the order writer fills, declared once: write-document.ts builds its rows with exactly these keys (the
 * row types below make a missing or extra key a compile error), and *Diagnóstico* compares them with the NOT NULL
 * columns of the customer's database. So the two cannot disagree about what the connector fills.
 */

/** DOCTOS_VE header columns (reference §3.1), inserted when the database has them. */
export const DOCUMENT_COLUMNS = [
  'DOCTO_VE_ID',
  'TIPO_DOCTO',
  'SUBTIPO_DOCTO',
  'FOLIO',
  'FECHA',
  'HORA',
  'CLAVE_CLIENTE',
  'CLIENTE_ID',
  'SUCURSAL_ID',
  'DIR_CLI_ID',
  'DIR_CONSIG_ID',
  'ALMACEN_ID',
  'MONEDA_ID',
  'TIPO_CAMBIO',
  'TIPO_DSCTO',
  'DSCTO_PCTJE',
  'DSCTO_IMPORTE',
  'ESTATUS',
  'APLICADO',
  'ORDEN_COMPRA',
  'DESCRIPCION',
  'IMPORTE_NETO',
  'FLETES',
  'TOTAL_IMPUESTOS',
  'SISTEMA_ORIGEN',
  'COND_PAGO_ID',
  'VENDEDOR_ID',
  'USUARIO_CREADOR',
  'FECHA_HORA_CREACION',
  'USUARIO_ULT_MODIF',
  'FECHA_HORA_ULT_MODIF',
] as const;

/** DOCTOS_VE_DET line columns (reference §3.2). */
export const LINE_COLUMNS = [
  'DOCTO_VE_DET_ID',
  'DOCTO_VE_ID',
  'CLAVE_ARTICULO',
  'ARTICULO_ID',
  'UNIDADES',
  'UNIDADES_COMPROM',
  'UNIDADES_SURT_DEV',
  'UNIDADES_A_SURTIR',
  'PRECIO_UNITARIO',
  'PCTJE_DSCTO',
  'DSCTO_ART',
  'PCTJE_DSCTO_CLI',
  'DSCTO_EXTRA',
  'PCTJE_DSCTO_VOL',
  'PCTJE_DSCTO_PROMO',
  'PRECIO_TOTAL_NETO',
  'PCTJE_COMIS',
  'ROL',
  'NOTAS',
  'POSICION',
] as const;

/** LIBRES_PED_VE / LIBRES_COT_VE: only the key (the company's own free fields stay empty or take their default). */
export const LIBRES_COLUMNS = ['DOCTO_VE_ID'] as const;

/**
 * Columns the writer leaves NULL in some orders, and when: a database that makes one of them NOT NULL without a
 * default takes those orders only when the value is there. Everything else in the lists above always gets a value.
 */
export const SOMETIMES_EMPTY = {
  CLAVE_CLIENTE: 'el cliente no tiene clave principal',
  SUCURSAL_ID:
    'la base no guarda sucursal por documento (anterior a Microsip 2020); en una base 2020+ se llena con la Sucursal de la empresa, obligatoria',
  DIR_CLI_ID: 'el cliente no tiene dirección principal (DIRS_CLIENTES.ES_DIR_PPAL)',
  DIR_CONSIG_ID: 'el cliente no tiene dirección principal (DIRS_CLIENTES.ES_DIR_PPAL)',
  DESCRIPCION: 'el pedido de la tienda no trae notas',
  COND_PAGO_ID: 'el cliente no tiene condición de pago',
  VENDEDOR_ID: 'el cliente no tiene vendedor',
  CLAVE_ARTICULO: 'el artículo no tiene clave principal',
  NOTAS: 'la partida no trae notas',
} as const;

type SometimesEmpty = keyof typeof SOMETIMES_EMPTY;

/** Text sent as Windows-1252 bytes through an OCTETS cast. */
export interface TextValue {
  octets: Buffer;
}
export type Value = SqlParam | TextValue;

/** A row with every declared column: NULL only where SOMETIMES_EMPTY says so. */
export type WrittenRow<C extends string> = { [K in C]: K extends SometimesEmpty ? Value : NonNullable<Value> };

export type DocumentColumn = (typeof DOCUMENT_COLUMNS)[number];
export type LineColumn = (typeof LINE_COLUMNS)[number];

/** Why a column of `table` may be left NULL (undefined: the writer always fills it, or does not write it at all). */
export function emptyWhen(column: string): string | undefined {
  return (SOMETIMES_EMPTY as Record<string, string>)[column];
}

/** The columns the writer sends to each table it inserts into. */
export const WRITTEN_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  DOCTOS_VE: DOCUMENT_COLUMNS,
  DOCTOS_VE_DET: LINE_COLUMNS,
  LIBRES_PED_VE: LIBRES_COLUMNS,
  LIBRES_COT_VE: LIBRES_COLUMNS,
};
