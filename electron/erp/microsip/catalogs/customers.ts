import type { MicrosipCatalog, SqlBuilder } from './catalog-definition';
import { customerStatusRule } from '../customer-status';
import { keyText, nameOr, refKey, text } from '../../record-values';
import { CUSTOMER_KEYS, principalKeySql } from './principal-key';

const NULL_TEXT = 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';

/**
 * CLIENTES (reference §2.2) with:
 * - code: the principal key (CLAVES_CLIENTES whose role has ES_PPAL = 'S');
 * - RFC, e-mail, phone and address from the main address (DIRS_CLIENTES ES_DIR_PPAL = 'S', lowest id if
 *   several), city and state names from CIUDADES / ESTADOS;
 * - priceListKey: CLIENTES.PRECIO_EMPRESA_ID where that column exists (seen in 2025), else the customer's
 *   PRECIOS_CLI_CLI row (UNCERTAIN which one Microsip prefers when both are set);
 * `+ 0` on id comparisons and ORDER BYs of subqueries keeps Firebird on the CLIENTE_ID indexes instead of
 * walking a primary-key index per customer.
 * - status: ESTATUS by the rule in ../customer-status.ts ('A' and 'V' active; 'B', 'C' and unknown letters suspended).
 */
export const customers: MicrosipCatalog = {
  name: 'customers',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['CLIENTES'],
  optional: ['CLAVES_CLIENTES', 'ROLES_CLAVES_CLIENTES', 'DIRS_CLIENTES', 'CIUDADES', 'ESTADOS', 'PRECIOS_CLI_CLI'],
  columns: {
    CLAVE: 'text',
    NOMBRE: 'text',
    ESTATUS: 'text',
    MONEDA_ID: 'value',
    COND_PAGO_ID: 'value',
    TIPO_CLIENTE_ID: 'value',
    ZONA_CLIENTE_ID: 'value',
    VENDEDOR_ID: 'value',
    COBRADOR_ID: 'value',
    LISTA_ID: 'value',
    RFC: 'text',
    EMAIL: 'text',
    TELEFONO: 'text',
    CALLE: 'text',
    NOMBRE_CALLE: 'text',
    NUM_EXTERIOR: 'text',
    NUM_INTERIOR: 'text',
    COLONIA: 'text',
    CIUDAD: 'text',
    ESTADO: 'text',
    CODIGO_POSTAL: 'text',
  },
  select: (b) => {
    const s = b.schema;
    const c = (col: string) => s.value('c', 'CLIENTES', col);
    const hasAddress = s.has('DIRS_CLIENTES');
    const d = (col: string) => (hasAddress ? s.text('d', 'DIRS_CLIENTES', col) : NULL_TEXT);
    const place = (table: string, id: string) =>
      hasAddress && s.has(table) && s.hasColumn('DIRS_CLIENTES', id)
        ? `(SELECT ${s.text('g', table, 'NOMBRE')} FROM ${table} g WHERE g.${id} = d.${id})`
        : NULL_TEXT;
    const address = hasAddress
      ? `
LEFT JOIN DIRS_CLIENTES d ON d.CLIENTE_ID = c.CLIENTE_ID AND d.ES_DIR_PPAL = 'S'
 AND NOT EXISTS (SELECT 1 FROM DIRS_CLIENTES d2 WHERE d2.CLIENTE_ID = c.CLIENTE_ID AND d2.ES_DIR_PPAL = 'S' AND d2.DIR_CLI_ID + 0 < d.DIR_CLI_ID)`
      : '';
    return `
SELECT c.CLIENTE_ID AS ID, ${principalKeySql(s, CUSTOMER_KEYS, 'c.CLIENTE_ID')} AS CLAVE,
       ${s.text('c', 'CLIENTES', 'NOMBRE')} AS NOMBRE, ${s.text('c', 'CLIENTES', 'ESTATUS')} AS ESTATUS,
       ${c('MONEDA_ID')} AS MONEDA_ID, ${c('COND_PAGO_ID')} AS COND_PAGO_ID, ${c('TIPO_CLIENTE_ID')} AS TIPO_CLIENTE_ID,
       ${c('ZONA_CLIENTE_ID')} AS ZONA_CLIENTE_ID, ${c('VENDEDOR_ID')} AS VENDEDOR_ID, ${c('COBRADOR_ID')} AS COBRADOR_ID,
       ${priceListSql(b)} AS LISTA_ID,
       ${d('RFC_CURP')} AS RFC, ${d('EMAIL')} AS EMAIL, ${d('TELEFONO1')} AS TELEFONO, ${d('CALLE')} AS CALLE,
       ${d('NOMBRE_CALLE')} AS NOMBRE_CALLE, ${d('NUM_EXTERIOR')} AS NUM_EXTERIOR, ${d('NUM_INTERIOR')} AS NUM_INTERIOR,
       ${d('COLONIA')} AS COLONIA, ${place('CIUDADES', 'CIUDAD_ID')} AS CIUDAD, ${place('ESTADOS', 'ESTADO_ID')} AS ESTADO,
       ${d('CODIGO_POSTAL')} AS CODIGO_POSTAL
FROM CLIENTES c${address}
WHERE ${b.range('c.CLIENTE_ID')}`;
  },
  fingerprint: (s) => ({
    perBlock: [
      { from: 'CLIENTES c', id: 'c.CLIENTE_ID', versionsOf: ['c'] },
      ...(['CLAVES_CLIENTES', 'DIRS_CLIENTES', 'PRECIOS_CLI_CLI'] as const)
        .filter((t) => s.has(t) && s.hasColumn(t, 'CLIENTE_ID'))
        .map((t) => ({ from: `${t} x`, id: 'x.CLIENTE_ID', versionsOf: ['x'] })),
    ],
    // Principal key role and the names of cities and states show in every customer.
    global: (['ROLES_CLAVES_CLIENTES', 'CIUDADES', 'ESTADOS'] as const)
      .filter((t) => s.has(t))
      .map((t) => ({ from: `${t} g`, alias: 'g' })),
  }),
  toRecord: (r) => ({
    key: keyText(r.ID),
    data: {
      code: text(r.CLAVE),
      name: nameOr(r.NOMBRE, `Cliente ${keyText(r.ID)}`),
      rfc: text(r.RFC),
      email: text(r.EMAIL),
      phone: text(r.TELEFONO),
      status: customerStatusRule(text(r.ESTATUS)).active ? 'active' : 'suspended',
      currencyKey: refKey(r.MONEDA_ID),
      paymentTermKey: refKey(r.COND_PAGO_ID),
      customerTypeKey: refKey(r.TIPO_CLIENTE_ID),
      zoneKey: refKey(r.ZONA_CLIENTE_ID),
      salespersonKey: refKey(r.VENDEDOR_ID),
      collectorKey: refKey(r.COBRADOR_ID),
      priceListKey: refKey(r.LISTA_ID),
      address: {
        street: text(r.CALLE) ?? streetLine(r.NOMBRE_CALLE, r.NUM_EXTERIOR, r.NUM_INTERIOR, r.COLONIA),
        city: text(r.CIUDAD),
        state: text(r.ESTADO),
        zip: text(r.CODIGO_POSTAL),
      },
    },
  }),
};

function priceListSql(b: SqlBuilder): string {
  const s = b.schema;
  const own = s.hasColumn('CLIENTES', 'PRECIO_EMPRESA_ID') ? 'c.PRECIO_EMPRESA_ID' : null;
  const assigned =
    s.hasColumn('PRECIOS_CLI_CLI', 'PRECIO_EMPRESA_ID') && s.hasColumn('PRECIOS_CLI_CLI', 'CLIENTE_ID')
      ? `(SELECT FIRST 1 pc.PRECIO_EMPRESA_ID FROM PRECIOS_CLI_CLI pc
           WHERE pc.CLIENTE_ID = c.CLIENTE_ID AND pc.PRECIO_EMPRESA_ID IS NOT NULL ORDER BY pc.${
             s.hasColumn('PRECIOS_CLI_CLI', 'PRECIO_CLI_CLI_ID') ? 'PRECIO_CLI_CLI_ID' : 'PRECIO_EMPRESA_ID'
           } + 0)`
      : null;
  if (own && assigned) return `COALESCE(${own}, ${assigned})`;
  return own ?? assigned ?? 'CAST(NULL AS INTEGER)';
}

function streetLine(street: unknown, ext: unknown, int: unknown, colonia: unknown): string | null {
  const main = [text(street), text(ext), text(int) ? `Int. ${text(int)}` : null]
    .filter((p): p is string => p !== null)
    .join(' ');
  const parts = [main || null, text(colonia) ? `Col. ${text(colonia)}` : null].filter((p): p is string => p !== null);
  return parts.length ? parts.join(', ') : null;
}
