/**
 * Benchmark child: the honest floor. A plain program written for the floor alone — node-firebird, its own SQL over
 * the same Microsip tables the catalogs read, rows turned into JSON batches of 1000 and POSTed to the null store —
 * sharing no code with the engine (no adapter, no checksums, no state, no retries). One POST in flight while the
 * next page is read, keyset pages by id ranges. Prints `RESULT {…}` with its time, records and bytes per catalog.
 */
import crypto from 'node:crypto';
import iconv from 'iconv-lite';
import * as Firebird from 'node-firebird';
import { childArgs } from './run-child';

interface FloorCatalog {
  name: string;
  /** Range of the driving id, for the pages. */
  bounds: string;
  /** Rows whose driving id is in [?, ?). */
  rows: string;
  /** How many ids one page spans (≈ 1000 rows). */
  span: number;
  /** The query's parameters for the page [lo, hi); [lo, hi] unless the id range appears twice. */
  params?: (lo: number, hi: number) => number[];
  key: (row: Record<string, unknown>) => string;
}

const id = (row: Record<string, unknown>) => String(row.ID);
const simple = (name: string, table: string, idColumn: string): FloorCatalog => ({
  name,
  bounds: `SELECT MIN(${idColumn}) AS LO, MAX(${idColumn}) AS HI FROM ${table}`,
  rows: `SELECT t.*, t.${idColumn} AS ID FROM ${table} t WHERE t.${idColumn} >= ? AND t.${idColumn} < ?`,
  span: 1000,
  key: id,
});

const CATALOGS: FloorCatalog[] = [
  simple('taxes', 'IMPUESTOS', 'IMPUESTO_ID'),
  simple('currencies', 'MONEDAS', 'MONEDA_ID'),
  simple('warehouses', 'ALMACENES', 'ALMACEN_ID'),
  simple('shipping-methods', 'VIAS_EMBARQUE', 'VIA_EMBARQUE_ID'),
  simple('price-lists', 'PRECIOS_EMPRESA', 'PRECIO_EMPRESA_ID'),
  simple('payment-terms', 'CONDICIONES_PAGO', 'COND_PAGO_ID'),
  simple('customer-types', 'TIPOS_CLIENTES', 'TIPO_CLIENTE_ID'),
  simple('customer-zones', 'ZONAS_CLIENTES', 'ZONA_CLIENTE_ID'),
  simple('salespeople', 'VENDEDORES', 'VENDEDOR_ID'),
  simple('collectors', 'COBRADORES', 'COBRADOR_ID'),
  {
    name: 'customers',
    bounds: 'SELECT MIN(CLIENTE_ID) AS LO, MAX(CLIENTE_ID) AS HI FROM CLIENTES',
    rows: `SELECT c.CLIENTE_ID AS ID, c.*, d.CALLE, d.CODIGO_POSTAL, d.EMAIL, d.TELEFONO1
             FROM CLIENTES c LEFT JOIN DIRS_CLIENTES d ON d.CLIENTE_ID = c.CLIENTE_ID AND d.ES_DIR_PPAL = 'S'
            WHERE c.CLIENTE_ID >= ? AND c.CLIENTE_ID < ?`,
    span: 1000,
    key: id,
  },
  {
    name: 'customer-balances',
    bounds: 'SELECT MIN(CLIENTE_ID) AS LO, MAX(CLIENTE_ID) AS HI FROM CLIENTES',
    rows: `SELECT c.CLIENTE_ID AS ID, c.LIMITE_CREDITO,
                  (SELECT SUM(s.CARGOS_CXC + s.CARGOS_XACR - s.CREDITOS_CXC - s.CREDITOS_XACR)
                     FROM SALDOS_CC s WHERE s.CLIENTE_ID = c.CLIENTE_ID) AS SALDO
             FROM CLIENTES c WHERE c.CLIENTE_ID >= ? AND c.CLIENTE_ID < ?`,
    span: 1000,
    key: id,
  },
  simple('article-lines', 'LINEAS_ARTICULOS', 'LINEA_ARTICULO_ID'),
  {
    name: 'articles',
    bounds: 'SELECT MIN(ARTICULO_ID) AS LO, MAX(ARTICULO_ID) AS HI FROM ARTICULOS',
    rows: `SELECT a.ARTICULO_ID AS ID, a.NOMBRE, a.LINEA_ARTICULO_ID, a.ESTATUS, a.UNIDAD_VENTA,
                  (SELECT FIRST 1 k.CLAVE_ARTICULO FROM CLAVES_ARTICULOS k WHERE k.ARTICULO_ID = a.ARTICULO_ID) AS CLAVE
             FROM ARTICULOS a WHERE a.ARTICULO_ID >= ? AND a.ARTICULO_ID < ?`,
    span: 1000,
    key: id,
  },
  {
    name: 'stock',
    bounds: 'SELECT MIN(ARTICULO_ID) AS LO, MAX(ARTICULO_ID) AS HI FROM ARTICULOS',
    // On hand from every month of SALDOS_IN, committed by pending pedidos, like the catalog.
    rows: `SELECT m.ID, m.ALMACEN_ID, SUM(m.E) AS EXISTENCIA, SUM(m.C) AS COMPROMETIDO FROM (
             SELECT s.ARTICULO_ID AS ID, s.ALMACEN_ID, s.ENTRADAS_UNIDADES - s.SALIDAS_UNIDADES AS E,
                    CAST(0 AS NUMERIC(18,5)) AS C
               FROM SALDOS_IN s WHERE s.ARTICULO_ID >= ? AND s.ARTICULO_ID < ?
             UNION ALL
             SELECT dd.ARTICULO_ID, v.ALMACEN_ID, CAST(0 AS NUMERIC(18,5)), dd.UNIDADES_COMPROM
               FROM DOCTOS_VE v JOIN DOCTOS_VE_DET dd ON dd.DOCTO_VE_ID = v.DOCTO_VE_ID
              WHERE v.TIPO_DOCTO = 'P' AND v.ESTATUS = 'P' AND dd.ARTICULO_ID >= ? AND dd.ARTICULO_ID < ?
           ) m GROUP BY m.ID, m.ALMACEN_ID`,
    params: (lo, hi) => [lo, hi, lo, hi],
    span: 200,
    key: (r) => `${String(r.ID)}:${String(r.ALMACEN_ID)}`,
  },
  {
    name: 'article-prices',
    bounds: 'SELECT MIN(ARTICULO_ID) AS LO, MAX(ARTICULO_ID) AS HI FROM PRECIOS_ARTICULOS',
    rows: `SELECT p.ARTICULO_ID AS ID, p.PRECIO_EMPRESA_ID, p.MONEDA_ID, p.PRECIO
             FROM PRECIOS_ARTICULOS p WHERE p.ARTICULO_ID >= ? AND p.ARTICULO_ID < ?`,
    span: 500,
    key: (r) => `${String(r.ID)}:${String(r.PRECIO_EMPRESA_ID)}`,
  },
];

/** Microsip text is Windows-1252 bytes; node-firebird hands NONE/OCTETS columns over as Buffers. */
function plain(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = Buffer.isBuffer(v) ? iconv.decode(v, 'win1252') : v;
  return out;
}

async function main(): Promise<void> {
  const a = childArgs();
  const db = await new Promise<Firebird.Database>((resolve, reject) =>
    Firebird.attach(
      { host: a.host, port: Number(a.port), database: a.database, user: a.user, password: a.password },
      (err, d) => (err ? reject(err) : resolve(d)),
    ),
  );
  const query = (sql: string, params: unknown[]) =>
    new Promise<Record<string, unknown>[]>((resolve, reject) =>
      db.query(sql, params, (err, rows) => (err ? reject(err) : resolve(rows ?? []))),
    );
  const t0 = performance.now();
  const perCatalog: Record<string, { records: number; s: number }> = {};
  let records = 0;
  let bytes = 0;
  let inflight: Promise<void> = Promise.resolve();
  const post = (catalog: string, body: string) =>
    fetch(`${a.url}/api/sync/v1/catalogs/${catalog}/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
      body,
    }).then(async (res) => {
      if (!res.ok) throw new Error(`HTTP ${res.status} en ${catalog}`);
      await res.arrayBuffer();
    });
  for (const c of CATALOGS) {
    const [b] = await query(c.bounds, []);
    const lo = Number(b?.LO);
    const hi = Number(b?.HI);
    const entry = { records: 0, s: 0 };
    perCatalog[c.name] = entry;
    const started = performance.now();
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || b?.LO === null) continue;
    for (let from = lo; from <= hi; from += c.span) {
      const rows = await query(c.rows, c.params ? c.params(from, from + c.span) : [from, from + c.span]);
      if (rows.length === 0) continue;
      const body = JSON.stringify({ upserts: rows.map((r) => ({ key: c.key(r), data: plain(r) })), deletes: [] });
      records += rows.length;
      entry.records += rows.length;
      bytes += Buffer.byteLength(body);
      await inflight;
      inflight = post(c.name, body);
    }
    entry.s = Math.round(performance.now() - started) / 1000;
  }
  await inflight;
  const seconds = (performance.now() - t0) / 1000;
  await new Promise<void>((resolve) => db.detach(() => resolve()));
  process.stdout.write(`RESULT ${JSON.stringify({ floor_s: seconds, records, bytes, per_catalog: perCatalog })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
