import type { OrderSettings, StoreOrder } from '../../order-writer';
import { ErpError } from '../../port';
import type { FirebirdQueryable } from '../firebird-client';
import { describeProcedure, describeTables, type ColumnInfo } from '../table-metadata';
import { decodeMicrosipText, selectAsOctets } from '../win1252-text';
import { currencyMap } from './currency-codes';
import { TOTALS_PROCEDURE } from './totals-use';
import type { ArticleFacts, CustomerFacts, OrderFacts, SeriesFacts, TextLimits } from './order-facts';

/** The tables writing touches; read once per writer (the schema does not change while it is open). */
export const ORDER_TABLES = [
  'DOCTOS_VE',
  'DOCTOS_VE_DET',
  'FOLIOS_VENTAS',
  'CLIENTES',
  'CLAVES_CLIENTES',
  'ROLES_CLAVES_CLIENTES',
  'DIRS_CLIENTES',
  'ARTICULOS',
  'CLAVES_ARTICULOS',
  'ROLES_CLAVES_ARTICULOS',
  'MONEDAS',
  'ALMACENES',
  'LIBRES_PED_VE',
  'LIBRES_COT_VE',
  'SUCURSALES',
] as const;

export interface OrderSchema {
  tables: Map<string, Map<string, ColumnInfo>>;
  limits: TextLimits;
  has(table: string, column?: string): boolean;
  /** Columns that are NOT NULL (column or domain) without a default: every insert must fill them. */
  required(table: string): string[];
  /** CALC_TOTALES_DOCTO_VE as this database declares it (null: no such procedure). */
  totals: { inputs: string[]; outputs: string[] } | null;
  /** Microsip 2020+: documents belong to a branch (DOCTOS_VE.SUCURSAL_ID) and folios are kept per branch. */
  branches: boolean;
}

/** Columns the writer and the order facts cannot do without (a database lacking one is not a Ventas database). */
export const ORDER_REQUIRED_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  DOCTOS_VE: [
    'DOCTO_VE_ID',
    'TIPO_DOCTO',
    'FOLIO',
    'FECHA',
    'CLIENTE_ID',
    'ALMACEN_ID',
    'MONEDA_ID',
    'ESTATUS',
    'APLICADO',
    'ORDEN_COMPRA',
  ],
  DOCTOS_VE_DET: [
    'DOCTO_VE_DET_ID',
    'DOCTO_VE_ID',
    'ARTICULO_ID',
    'UNIDADES',
    'PRECIO_UNITARIO',
    'PRECIO_TOTAL_NETO',
    'ROL',
    'POSICION',
  ],
  FOLIOS_VENTAS: ['FOLIO_VENTAS_ID', 'TIPO_DOCTO', 'SERIE', 'CONSECUTIVO'],
  CLIENTES: ['CLIENTE_ID', 'NOMBRE', 'ESTATUS'],
  ARTICULOS: ['ARTICULO_ID', 'NOMBRE', 'ESTATUS'],
  MONEDAS: ['MONEDA_ID', 'ES_MONEDA_LOCAL', 'NOMBRE'],
  ALMACENES: ['ALMACEN_ID'],
};

/** What ORDER_REQUIRED_COLUMNS finds missing: a whole table (columns empty) or some of its columns. */
export function missingOrderColumns(schema: Pick<OrderSchema, 'tables'>): { table: string; columns: string[] }[] {
  const out: { table: string; columns: string[] }[] = [];
  for (const [table, columns] of Object.entries(ORDER_REQUIRED_COLUMNS)) {
    const found = schema.tables.get(table);
    if (!found) out.push({ table, columns: [] });
    else {
      const missing = columns.filter((c) => !found.has(c));
      if (missing.length > 0) out.push({ table, columns: missing });
    }
  }
  return out;
}

/** The writer's schema; refuses a database that lacks what ORDER_REQUIRED_COLUMNS names. */
export async function readOrderSchema(db: FirebirdQueryable): Promise<OrderSchema> {
  const schema = await describeOrderSchema(db);
  const first = missingOrderColumns(schema)[0];
  if (first) {
    throw new ErpError(
      `Esta base de Microsip no tiene lo necesario para escribir pedidos: falta ${first.columns.length ? `${first.table}.${first.columns.join(', ')}` : `la tabla ${first.table}`}.`,
      ['Revise que la empresa tenga el módulo de Ventas de Microsip.'],
    );
  }
  return schema;
}

/** The metadata the writer relies on, as this database has it (read-only; never throws for what is missing). */
export async function describeOrderSchema(db: FirebirdQueryable): Promise<OrderSchema> {
  const tables = await describeTables(db, ORDER_TABLES);
  const blob = await db.query<{ T: number }>(
    `SELECT f.RDB$FIELD_TYPE AS T FROM RDB$RELATION_FIELDS rf JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
      WHERE rf.RDB$RELATION_NAME = 'DOCTOS_VE_DET' AND rf.RDB$FIELD_NAME = 'NOTAS'`,
  );
  const has = (table: string, column?: string) => {
    const t = tables.get(table);
    return !!t && (column === undefined || t.has(column));
  };
  const bytes = (table: string, column: string, fallback: number) =>
    tables.get(table)?.get(column)?.byteLength || fallback;
  const notesType = blob[0]?.T;
  const required = (table: string) =>
    [...(tables.get(table) ?? new Map<string, ColumnInfo>())]
      .filter(([, c]) => c.notNull && !c.hasDefault)
      .map(([name]) => name);
  const limits: TextLimits = {
    ordenCompra: bytes('DOCTOS_VE', 'ORDEN_COMPRA', 35),
    descripcion: has('DOCTOS_VE', 'DESCRIPCION') ? bytes('DOCTOS_VE', 'DESCRIPCION', 200) : 0,
    lineNotes: notesType === undefined ? 0 : notesType === 261 ? null : bytes('DOCTOS_VE_DET', 'NOTAS', 0),
  };
  return {
    tables,
    limits,
    has,
    required,
    totals: await describeProcedure(db, TOTALS_PROCEDURE),
    branches: has('DOCTOS_VE', 'SUCURSAL_ID'),
  };
}

/** Facts for one order: only the customer and articles it names (plus the freight article), every currency and series. */
export async function loadOrderFacts(
  db: FirebirdQueryable,
  schema: OrderSchema,
  order: StoreOrder,
  settings: OrderSettings,
): Promise<OrderFacts> {
  const customers = new Map<string, CustomerFacts>();
  const customerId = idOf(order.customerKey);
  if (customerId !== null) {
    const c = await readCustomer(db, schema, customerId);
    if (c) customers.set(String(order.customerKey).trim(), c);
  }
  const articles = new Map<string, ArticleFacts>();
  const keys = new Set<string>(
    (Array.isArray(order.lines) ? order.lines : []).map((l) => String(l?.articleKey ?? '').trim()),
  );
  if (settings.freightArticleId) keys.add(settings.freightArticleId);
  for (const key of keys) {
    const id = idOf(key);
    if (id === null) continue;
    const a = await readArticle(db, schema, id);
    if (a) articles.set(key, a);
  }
  return {
    customers,
    articles,
    currencies: await readCurrencies(db),
    series: await readSeries(db, schema),
    limits: schema.limits,
    branches: schema.branches ? await readBranchIds(db, schema) : null,
  };
}

/** SUCURSALES ids (Microsip 2020+); empty when the table is missing but documents still carry SUCURSAL_ID. */
async function readBranchIds(db: FirebirdQueryable, schema: OrderSchema): Promise<Set<number>> {
  if (!schema.has('SUCURSALES', 'SUCURSAL_ID')) return new Set();
  const rows = await db.query<{ ID: number }>('SELECT SUCURSAL_ID AS ID FROM SUCURSALES');
  return new Set(rows.map((r) => Number(r.ID)));
}

/** Store keys are the Microsip ids the catalog sync published (decimal integers). */
export function idOf(key: unknown): number | null {
  const text = String(key ?? '').trim();
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const n = Number(text);
  return n > 0 && n <= 2_147_483_647 ? n : null;
}

async function readCustomer(db: FirebirdQueryable, schema: OrderSchema, id: number): Promise<CustomerFacts | null> {
  const keySql = principalKey(
    schema,
    'CLAVES_CLIENTES',
    'CLAVE_CLIENTE_ID',
    'CLAVE_CLIENTE',
    'CLIENTE_ID',
    'ROLES_CLAVES_CLIENTES',
    'ROL_CLAVE_CLI_ID',
    'c.CLIENTE_ID',
  );
  const dirs = schema.has('DIRS_CLIENTES', 'ES_DIR_PPAL');
  const rfcSql =
    dirs && schema.has('DIRS_CLIENTES', 'RFC_CURP')
      ? `(SELECT FIRST 1 CAST(d.RFC_CURP AS VARCHAR(18) CHARACTER SET OCTETS) FROM DIRS_CLIENTES d WHERE d.CLIENTE_ID = c.CLIENTE_ID AND d.ES_DIR_PPAL = 'S' ORDER BY d.DIR_CLI_ID)`
      : 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
  const dirSql = dirs
    ? "(SELECT FIRST 1 d.DIR_CLI_ID FROM DIRS_CLIENTES d WHERE d.CLIENTE_ID = c.CLIENTE_ID AND d.ES_DIR_PPAL = 'S' ORDER BY d.DIR_CLI_ID)"
    : 'NULL';
  const opt = (col: string) => (schema.has('CLIENTES', col) ? `c.${col}` : 'NULL');
  const rows = await db.query<Record<string, unknown>>(
    `SELECT c.CLIENTE_ID AS ID, ${selectAsOctets('NOMBRE', 200, 'NOMBRE')}, c.ESTATUS AS ESTATUS, ${keySql} AS CLAVE, ${rfcSql} AS RFC,
            ${dirSql} AS DIR_ID, ${opt('COND_PAGO_ID')} AS COND_PAGO_ID, ${opt('VENDEDOR_ID')} AS VENDEDOR_ID
       FROM CLIENTES c WHERE c.CLIENTE_ID = ?`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id,
    name: decodeMicrosipText(r.NOMBRE) ?? '',
    status: String(r.ESTATUS ?? '').trim(),
    principalKey: decodeMicrosipText(r.CLAVE),
    rfc: decodeMicrosipText(r.RFC),
    addressId: numOrNull(r.DIR_ID),
    paymentTermId: numOrNull(r.COND_PAGO_ID),
    salespersonId: numOrNull(r.VENDEDOR_ID),
  };
}

async function readArticle(db: FirebirdQueryable, schema: OrderSchema, id: number): Promise<ArticleFacts | null> {
  const keySql = principalKey(
    schema,
    'CLAVES_ARTICULOS',
    'CLAVE_ARTICULO_ID',
    'CLAVE_ARTICULO',
    'ARTICULO_ID',
    'ROLES_CLAVES_ARTICULOS',
    'ROL_CLAVE_ART_ID',
    'a.ARTICULO_ID',
  );
  const kit = schema.has('ARTICULOS', 'ES_JUEGO') ? 'a.ES_JUEGO' : "'N'";
  const rows = await db.query<Record<string, unknown>>(
    `SELECT ${selectAsOctets('NOMBRE', 200, 'NOMBRE')}, a.ESTATUS AS ESTATUS, ${kit} AS ES_JUEGO, ${keySql} AS CLAVE FROM ARTICULOS a WHERE a.ARTICULO_ID = ?`,
    [id],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    id,
    name: decodeMicrosipText(r.NOMBRE) ?? '',
    status: String(r.ESTATUS ?? '').trim(),
    isKit: String(r.ES_JUEGO ?? 'N').trim() === 'S',
    principalKey: decodeMicrosipText(r.CLAVE),
  };
}

async function readCurrencies(db: FirebirdQueryable): Promise<Map<string, number>> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT MONEDA_ID AS ID, ES_MONEDA_LOCAL AS LOCAL, ${selectAsOctets('NOMBRE', 30)}, ${selectAsOctets('SIMBOLO', 10)} FROM MONEDAS ORDER BY MONEDA_ID`,
  );
  return currencyMap(
    rows.map((r) => ({
      id: Number(r.ID),
      isLocal: String(r.LOCAL ?? '').trim() === 'S',
      name: decodeMicrosipText(r.NOMBRE) ?? '',
      symbol: decodeMicrosipText(r.SIMBOLO) ?? '',
    })),
  );
}

/**
 * FOLIOS_VENTAS rows for pedidos and cotizaciones of Ventas, in FOLIO_VENTAS_ID order (the first is the default).
 * Microsip 2020+ keeps them per system (SISTEMA 'VE'; Punto de Venta has its own) and per branch (SUCURSAL_ID).
 */
export async function readSeries(db: FirebirdQueryable, schema: Pick<OrderSchema, 'has'>): Promise<SeriesFacts[]> {
  const sistema = schema.has('FOLIOS_VENTAS', 'SISTEMA') ? " AND (SISTEMA = 'VE' OR SISTEMA IS NULL)" : '';
  const branch = schema.has('FOLIOS_VENTAS', 'SUCURSAL_ID') ? 'SUCURSAL_ID' : 'CAST(NULL AS INTEGER)';
  const rows = await db.query<Record<string, unknown>>(
    `SELECT FOLIO_VENTAS_ID AS ID, TIPO_DOCTO AS TIPO, ${selectAsOctets('SERIE', 3)}, CONSECUTIVO AS CONSECUTIVO, ${branch} AS SUCURSAL
       FROM FOLIOS_VENTAS WHERE TIPO_DOCTO IN ('P', 'C')${sistema} ORDER BY FOLIO_VENTAS_ID`,
  );
  return rows.map((r) => ({
    id: Number(r.ID),
    tipoDocto: String(r.TIPO).trim() === 'C' ? 'C' : 'P',
    serie: decodeMicrosipText(r.SERIE) ?? '@',
    consecutivo: Number(r.CONSECUTIVO),
    branchId: r.SUCURSAL === null || r.SUCURSAL === undefined ? null : Number(r.SUCURSAL),
  }));
}

/** The series of one branch: its own rows, then rows that belong to no branch (Microsip's fallback). */
export function seriesOfBranch(series: readonly SeriesFacts[], branchId: number | null): SeriesFacts[] {
  if (branchId === null) return [...series];
  return [...series.filter((s) => s.branchId === branchId), ...series.filter((s) => s.branchId === null)];
}

/** The warehouse to commit from: the configured one (must exist) or Microsip's default (ES_PREDET), else the first. */
export async function resolveWarehouse(
  db: FirebirdQueryable,
  schema: OrderSchema,
  warehouseId: string | null,
): Promise<number> {
  if (warehouseId) {
    const id = idOf(warehouseId);
    const rows = id === null ? [] : await db.query('SELECT ALMACEN_ID FROM ALMACENES WHERE ALMACEN_ID = ?', [id]);
    if (id === null || rows.length === 0) {
      throw new ErpError(`El almacén ${warehouseId} configurado para los pedidos ya no existe en Microsip.`, [
        'Elija otro almacén en la configuración de pedidos.',
      ]);
    }
    return id;
  }
  const order = schema.has('ALMACENES', 'ES_PREDET')
    ? "ORDER BY CASE WHEN ES_PREDET = 'S' THEN 0 ELSE 1 END, ALMACEN_ID"
    : 'ORDER BY ALMACEN_ID';
  const rows = await db.query<{ ID: number }>(`SELECT FIRST 1 ALMACEN_ID AS ID FROM ALMACENES ${order}`);
  const first = rows[0];
  if (!first) throw new ErpError('La empresa no tiene almacenes en Microsip.');
  return Number(first.ID);
}

function principalKey(
  schema: OrderSchema,
  keys: string,
  keyId: string,
  key: string,
  owner: string,
  roles: string,
  roleId: string,
  ownerExpr: string,
): string {
  if (!schema.has(keys)) return 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
  const principal = schema.has(roles, 'ES_PPAL')
    ? ` AND EXISTS (SELECT 1 FROM ${roles} r WHERE r.${roleId} = k.${roleId} AND r.ES_PPAL = 'S')`
    : '';
  return `(SELECT FIRST 1 CAST(k.${key} AS VARCHAR(20) CHARACTER SET OCTETS) FROM ${keys} k WHERE k.${owner} = ${ownerExpr}${principal} ORDER BY k.${keyId})`;
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
