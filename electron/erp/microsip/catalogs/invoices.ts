import { isoCodeOf } from '../orders/currency-codes';
import { decodeDocumentBytes } from '../win1252-text';
import type { MicrosipCatalog, SqlBuilder } from './catalog-definition';
import { keyText, num, refKey, text } from '../../record-values';
import type { SchemaFacts } from './schema-facts';
import type { RecordVersionSource } from './record-version-fingerprint';
import { blockId, invoiceKey, invoiceOrigins, type InvoiceOrigin } from './invoice-origins';

/** Bytes of the XML read per query: a Firebird row (message) is limited to 64 KB, a CFDI can be larger. */
export const XML_CHUNK_BYTES = 30_000;

/**
 * Sales invoices already stamped in Microsip (customers download their CFDI from the store).
 * docs/microsip.md "Facturas (CFDI)" lists the sources and what is UNCERTAIN. In short:
 * - DOCTOS_VE rows with TIPO_DOCTO 'F' (facturas) and, when the database has Punto de Venta, DOCTOS_PV facturas
 *   (invoice-origins.ts: which PV documents are facturas, key `pv:<DOCTO_PV_ID>`, blocks from 10^7 on);
 * - USOS_FOLIOS_FISCALES links a document to its fiscal use: SISTEMA 'VE'/'PV', DOCTO_ID = the document id, UUID, XML,
 *   and (Microsip 2016+) CFDI_ID → REPOSITORIO_CFDI (UUID, XML, FECHA_CANCELACION, MONEDA). When a factura has
 *   several uses, the one with the highest USO_FOLIO_ID that carries a UUID or a CFDI_ID counts;
 * - only facturas with a UUID (REPOSITORIO_CFDI's, else USOS_FOLIOS_FISCALES') are records: not stamped = none;
 * - status 'cancelada' when DOCTOS_VE.ESTATUS = 'C' or REPOSITORIO_CFDI.FECHA_CANCELACION is set;
 * - subtotal = IMPORTE_NETO, tax = TOTAL_IMPUESTOS, total = subtotal + tax − TOTAL_RETENCIONES;
 * - currency from MONEDAS (orders/currency-codes.ts), else REPOSITORIO_CFDI.MONEDA when it is an ISO code;
 * - xml: REPOSITORIO_CFDI.XML, else USOS_FOLIOS_FISCALES.XML; UTF-8 bytes (Windows-1252 accepted), read in
 *   chunks of XML_CHUNK_BYTES.
 * Change detection by record versions of DOCTOS_VE / DOCTOS_PV, USOS_FOLIOS_FISCALES and REPOSITORIO_CFDI (+ MONEDAS);
 * each slot of the fingerprint holds both origins, so the checksums of VE blocks are those of a VE-only database.
 */
export const invoices: MicrosipCatalog = {
  name: 'invoices',
  blockColumn: 'ID',
  keyColumns: ['ID'],
  requires: ['DOCTOS_VE', 'USOS_FOLIOS_FISCALES'],
  // ~16 KB of XML per row (up to MBs with many conceptos): 50 rows a query, like the push batches.
  pageRows: 50,
  optional: ['DOCTOS_PV', 'REPOSITORIO_CFDI', 'MONEDAS'],
  available: (s) =>
    s.has('DOCTOS_VE') &&
    s.has('USOS_FOLIOS_FISCALES') &&
    ['DOCTO_ID', 'SISTEMA', 'UUID'].every((c) => s.hasColumn('USOS_FOLIOS_FISCALES', c)),
  columns: {
    ORIGEN: 'text',
    DOCTO_ID: 'value',
    FOLIO: 'text',
    FECHA: 'value',
    CLIENTE_ID: 'value',
    MONEDA_ID: 'value',
    MONEDA_LOCAL: 'value',
    MONEDA_NOMBRE: 'text',
    MONEDA_SIMBOLO: 'text',
    MONEDA_CFDI: 'text',
    SUBTOTAL: 'value',
    IMPUESTOS: 'value',
    RETENCIONES: 'value',
    UUID: 'text',
    ESTATUS: 'text',
    CANCELADA_EL: 'value',
    USO_ID: 'value',
    XML_LEN: 'value',
    XML: 'bytes',
  },
  select: (b) =>
    invoiceOrigins(b.schema)
      .map((o) => invoiceSql(b, o))
      .join('\nUNION ALL'),
  fingerprint: (s) => {
    const origins = invoiceOrigins(s);
    const slot = (source: (o: InvoiceOrigin) => RecordVersionSource) => origins.map(source);
    const perBlock = [
      // First slot = the block's row count: exactly the stamped facturas (the records).
      slot((o) => ({
        from: `${o.table} d JOIN USOS_FOLIOS_FISCALES u ON ${useJoin(s, o)}`,
        id: blockId(o, `d.${o.idColumn}`),
        versionsOf: ['d', 'u'],
        where: `${o.facturas(s)} AND ${stampedWhere(s)}`,
      })),
      // Every use of a document of the origin, stamped or not: a new or changed one moves its block.
      slot((o) => ({
        from: 'USOS_FOLIOS_FISCALES u',
        id: blockId(o, 'u.DOCTO_ID'),
        versionsOf: ['u'],
        where: `u.SISTEMA = '${o.sistema}'`,
      })),
      // A factura whose CFDI has no record yet still moves when it is stamped or cancelled (PV: global ones too).
      slot((o) => ({
        from: `${o.table} d`,
        id: blockId(o, `d.${o.idColumn}`),
        versionsOf: ['d'],
        where: "d.TIPO_DOCTO = 'F'",
      })),
    ];
    if (withRepository(s)) {
      perBlock.push(
        slot((o) => ({
          from: 'REPOSITORIO_CFDI r JOIN USOS_FOLIOS_FISCALES u ON u.CFDI_ID = r.CFDI_ID',
          id: blockId(o, 'u.DOCTO_ID'),
          versionsOf: ['r'],
          where: `u.SISTEMA = '${o.sistema}'`,
        })),
      );
    }
    return { perBlock, global: s.has('MONEDAS') ? [{ from: 'MONEDAS g', alias: 'g' }] : [] };
  },
  complete: async (rows, { query, schema }) => {
    const sql = xmlChunkSql(schema);
    if (!sql) return;
    for (const row of rows) {
      const total = Number(row.XML_LEN ?? 0);
      const first = row.XML;
      if (!Buffer.isBuffer(first) || total <= first.length) continue;
      const parts: Buffer[] = [first];
      let have = first.length;
      while (have < total) {
        const [next] = await query(sql, [have + 1, Number(row.USO_ID)]);
        const chunk = next?.CHUNK;
        if (!Buffer.isBuffer(chunk) || chunk.length === 0) break;
        parts.push(chunk);
        have += chunk.length;
      }
      row.XML = Buffer.concat(parts);
    }
  },
  toRecord: (r) => {
    const cancelled =
      text(r.ESTATUS)?.toUpperCase() === 'C' || (r.CANCELADA_EL !== null && r.CANCELADA_EL !== undefined);
    const subtotal = num(r.SUBTOTAL);
    const tax = num(r.IMPUESTOS);
    return {
      key: invoiceKey(text(r.ORIGEN), keyText(r.DOCTO_ID)),
      data: {
        folio: text(r.FOLIO),
        date: text(r.FECHA)?.slice(0, 10) ?? null,
        customerKey: refKey(r.CLIENTE_ID),
        currency: currencyOf(r),
        subtotal,
        tax,
        total: num(subtotal + tax - num(r.RETENCIONES)),
        uuid: text(r.UUID)?.toUpperCase() ?? null,
        status: cancelled ? 'cancelada' : 'vigente',
        storeRequestId: null,
        xml: decodeDocumentBytes(r.XML),
      },
    };
  },
};

/** REPOSITORIO_CFDI is joined only where the link column exists (USOS_FOLIOS_FISCALES.CFDI_ID: Microsip 2016+). */
function withRepository(s: SchemaFacts): boolean {
  return (
    s.has('REPOSITORIO_CFDI') &&
    s.hasColumn('USOS_FOLIOS_FISCALES', 'CFDI_ID') &&
    s.hasColumn('REPOSITORIO_CFDI', 'CFDI_ID')
  );
}

/** The use that counts: of this factura (its origin's SISTEMA), with a UUID or a CFDI_ID, and no later such use. */
function useJoin(s: SchemaFacts, o: InvoiceOrigin): string {
  const carries = (a: string) =>
    `(${a}.UUID > ''${s.hasColumn('USOS_FOLIOS_FISCALES', 'CFDI_ID') ? ` OR ${a}.CFDI_ID IS NOT NULL` : ''})`;
  return `u.DOCTO_ID = d.${o.idColumn} AND u.SISTEMA = '${o.sistema}' AND ${carries('u')}
 AND NOT EXISTS (SELECT 1 FROM USOS_FOLIOS_FISCALES u2
                  WHERE u2.DOCTO_ID = d.${o.idColumn} AND u2.SISTEMA = '${o.sistema}' AND ${carries('u2')} AND u2.USO_FOLIO_ID > u.USO_FOLIO_ID)`;
}

/** The UUID Microsip keeps for the use (repository first), NULL when empty: not stamped. */
function uuidSql(s: SchemaFacts): string {
  const own = "NULLIF(TRIM(u.UUID), '')";
  return withRepository(s) && s.hasColumn('REPOSITORIO_CFDI', 'UUID')
    ? `COALESCE((SELECT NULLIF(TRIM(r0.UUID), '') FROM REPOSITORIO_CFDI r0 WHERE r0.CFDI_ID = u.CFDI_ID), ${own})`
    : own;
}

function stampedWhere(s: SchemaFacts): string {
  return `${uuidSql(s)} IS NOT NULL`;
}

/** The XML BLOB expression: the repository's copy, else the use's. */
function xmlSql(s: SchemaFacts): string | null {
  const fromRepo = withRepository(s) && s.hasColumn('REPOSITORIO_CFDI', 'XML') ? 'r.XML' : null;
  const fromUse = s.hasColumn('USOS_FOLIOS_FISCALES', 'XML') ? 'u.XML' : null;
  if (fromRepo && fromUse) return `COALESCE(${fromRepo}, ${fromUse})`;
  return fromRepo ?? fromUse;
}

/** The stamped facturas of one origin; every origin yields the same columns (UNION ALL). */
function invoiceSql(b: SqlBuilder, o: InvoiceOrigin): string {
  const s = b.schema;
  const t = o.table;
  const repo = withRepository(s);
  const xml = xmlSql(s);
  const hasMonedas = s.has('MONEDAS') && s.hasColumn(t, 'MONEDA_ID');
  const money = (col: string) => s.value('d', t, col, 'NUMERIC(15,2)');
  const id = blockId(o, `d.${o.idColumn}`);
  return `
SELECT ${o.idOffset === 0 ? `CAST(${id} AS BIGINT)` : id} AS ID, CAST('${o.sistema}' AS VARCHAR(2) CHARACTER SET OCTETS) AS ORIGEN,
       d.${o.idColumn} AS DOCTO_ID, ${s.text('d', t, 'FOLIO')} AS FOLIO, CAST(d.FECHA AS VARCHAR(10)) AS FECHA,
       ${o.customer(s)} AS CLIENTE_ID, ${s.value('d', t, 'MONEDA_ID')} AS MONEDA_ID,
       ${hasMonedas ? s.flag('m', 'MONEDAS', 'ES_MONEDA_LOCAL') : 'CAST(NULL AS INTEGER)'} AS MONEDA_LOCAL,
       ${hasMonedas ? s.text('m', 'MONEDAS', 'NOMBRE') : NULL_TEXT} AS MONEDA_NOMBRE,
       ${hasMonedas ? s.text('m', 'MONEDAS', 'SIMBOLO') : NULL_TEXT} AS MONEDA_SIMBOLO,
       ${repo ? s.text('r', 'REPOSITORIO_CFDI', 'MONEDA') : NULL_TEXT} AS MONEDA_CFDI,
       ${money('IMPORTE_NETO')} AS SUBTOTAL, ${money('TOTAL_IMPUESTOS')} AS IMPUESTOS, ${money('TOTAL_RETENCIONES')} AS RETENCIONES,
       CAST(${uuidSql(s)} AS VARCHAR(45) CHARACTER SET OCTETS) AS UUID,
       ${s.text('d', t, 'ESTATUS')} AS ESTATUS,
       ${repo ? s.value('r', 'REPOSITORIO_CFDI', 'FECHA_CANCELACION', 'DATE') : 'CAST(NULL AS DATE)'} AS CANCELADA_EL,
       u.USO_FOLIO_ID AS USO_ID,
       ${xml ? `OCTET_LENGTH(${xml})` : 'CAST(NULL AS INTEGER)'} AS XML_LEN,
       ${xml ? `CAST(SUBSTRING(${xml} FROM 1 FOR ${XML_CHUNK_BYTES}) AS VARCHAR(${XML_CHUNK_BYTES}) CHARACTER SET OCTETS)` : NULL_TEXT} AS XML
FROM ${t} d
JOIN USOS_FOLIOS_FISCALES u ON ${useJoin(s, o)}${repo ? '\nLEFT JOIN REPOSITORIO_CFDI r ON r.CFDI_ID = u.CFDI_ID' : ''}${
    hasMonedas ? '\nLEFT JOIN MONEDAS m ON m.MONEDA_ID = d.MONEDA_ID' : ''
  }
WHERE ${o.facturas(s)} AND ${stampedWhere(s)} AND ${b.range(`d.${o.idColumn}`, o.idOffset)}`;
}

const NULL_TEXT = 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';

/** The rest of one use's XML from byte `?` (1-based), by USO_FOLIO_ID, from the same source as the SELECT. */
function xmlChunkSql(s: SchemaFacts): string | null {
  const xml = xmlSql(s);
  if (!xml) return null;
  return `SELECT CAST(SUBSTRING(${xml} FROM CAST(? AS INTEGER) FOR ${XML_CHUNK_BYTES}) AS VARCHAR(${XML_CHUNK_BYTES}) CHARACTER SET OCTETS) AS CHUNK
FROM USOS_FOLIOS_FISCALES u${withRepository(s) ? '\nLEFT JOIN REPOSITORIO_CFDI r ON r.CFDI_ID = u.CFDI_ID' : ''}
WHERE u.USO_FOLIO_ID = ?`;
}

function currencyOf(r: Readonly<Record<string, unknown>>): string | null {
  if (r.MONEDA_ID !== null && r.MONEDA_ID !== undefined && r.MONEDA_LOCAL !== null && r.MONEDA_LOCAL !== undefined) {
    const iso = isoCodeOf({
      id: Number(r.MONEDA_ID),
      isLocal: Number(r.MONEDA_LOCAL) === 1,
      name: text(r.MONEDA_NOMBRE) ?? '',
      symbol: text(r.MONEDA_SIMBOLO) ?? '',
    });
    if (iso) return iso;
  }
  const cfdi = text(r.MONEDA_CFDI)?.toUpperCase();
  return cfdi && /^[A-Z]{3}$/.test(cfdi) ? cfdi : null;
}
