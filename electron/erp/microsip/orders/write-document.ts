import type { WrittenDocument } from '../../order-writer';
import { ErpError } from '../../port';
import type { FirebirdQueryable, SqlParam } from '../firebird-client';
import { sqlIdentifier } from '../win1252-text';
import { reserveFolio } from './folio';
import type { OrderSchema } from './load-order-facts';
import { octetsParam } from './order-text';
import { round2, type OrderPlan } from './validate-order';
import { totalsUse } from './totals-use';
import type { DocumentColumn, LineColumn, TextValue, Value, WrittenRow } from './written-columns';

/** Who Microsip shows as the creator of documents written by the console (USUARIO_CREADOR, 31 chars). */
export const WRITER_USER = 'WOPEN';

/**
 * Writes one validated order inside the caller's transaction, following reference §4.4: folio reserved, header
 * with the -1 id and APLICADO 'N', lines (-1 ids and POSICION), the LIBRES row, totals from CALC_TOTALES_DOCTO_VE,
 * then APLICADO 'S' (the N → S update is what makes Microsip apply a document). The caller commits or rolls back.
 */
export async function writeDocument(
  tx: FirebirdQueryable,
  schema: OrderSchema,
  plan: OrderPlan,
  warehouseId: number,
): Promise<WrittenDocument> {
  const folio = await reserveFolio(tx, plan.series.id, plan.tipoDocto);
  const now = new Date();
  const { customer } = plan;

  const header: WrittenRow<DocumentColumn> = {
    DOCTO_VE_ID: -1,
    TIPO_DOCTO: plan.tipoDocto,
    SUBTIPO_DOCTO: 'N',
    FOLIO: text(Buffer.from(folio, 'latin1')),
    FECHA: plan.date,
    HORA: now,
    CLAVE_CLIENTE: customer.principalKey ? text(Buffer.from(customer.principalKey, 'latin1')) : null,
    CLIENTE_ID: customer.id,
    SUCURSAL_ID: plan.branchId,
    DIR_CLI_ID: customer.addressId,
    DIR_CONSIG_ID: customer.addressId,
    ALMACEN_ID: warehouseId,
    MONEDA_ID: plan.currencyId,
    TIPO_CAMBIO: 1,
    TIPO_DSCTO: 'P',
    DSCTO_PCTJE: 0,
    DSCTO_IMPORTE: 0,
    ESTATUS: 'P',
    APLICADO: 'N',
    ORDEN_COMPRA: text(plan.ordenCompra),
    DESCRIPCION: plan.descripcion ? text(plan.descripcion) : null,
    // Our own sum of the lines; Microsip's totals procedure corrects it where it can (below).
    IMPORTE_NETO: round2(plan.lines.reduce((sum, l) => sum + l.netAmount, 0)),
    FLETES: 0,
    TOTAL_IMPUESTOS: 0,
    SISTEMA_ORIGEN: 'VE',
    COND_PAGO_ID: customer.paymentTermId,
    VENDEDOR_ID: customer.salespersonId,
    USUARIO_CREADOR: WRITER_USER,
    FECHA_HORA_CREACION: now,
    USUARIO_ULT_MODIF: WRITER_USER,
    FECHA_HORA_ULT_MODIF: now,
  };
  const inserted = await insert(tx, schema, 'DOCTOS_VE', header, 'DOCTO_VE_ID');
  const documentId = Number(inserted);
  if (!Number.isInteger(documentId) || documentId <= 0)
    throw new ErpError('Microsip no devolvió el id del documento nuevo (DOCTOS_VE).');

  for (const line of plan.lines) {
    const row: WrittenRow<LineColumn> = {
      DOCTO_VE_DET_ID: -1,
      DOCTO_VE_ID: documentId,
      CLAVE_ARTICULO: line.article.principalKey ? text(Buffer.from(line.article.principalKey, 'latin1')) : null,
      ARTICULO_ID: line.article.id,
      UNIDADES: line.quantity,
      UNIDADES_COMPROM: 0,
      UNIDADES_SURT_DEV: 0,
      UNIDADES_A_SURTIR: 0,
      PRECIO_UNITARIO: line.unitPrice,
      PCTJE_DSCTO: line.discountPercent,
      DSCTO_ART: line.discountAmount,
      PCTJE_DSCTO_CLI: 0,
      DSCTO_EXTRA: 0,
      PCTJE_DSCTO_VOL: 0,
      PCTJE_DSCTO_PROMO: 0,
      PRECIO_TOTAL_NETO: line.netAmount,
      PCTJE_COMIS: 0,
      ROL: 'N',
      NOTAS: line.notes ? (schema.limits.lineNotes === null ? line.notes : text(line.notes)) : null,
      POSICION: -1,
    };
    await insert(tx, schema, 'DOCTOS_VE_DET', row);
  }

  const libres = plan.tipoDocto === 'P' ? 'LIBRES_PED_VE' : 'LIBRES_COT_VE';
  if (schema.has(libres, 'DOCTO_VE_ID')) await insert(tx, schema, libres, { DOCTO_VE_ID: documentId });

  const params: SqlParam[] = [];
  const sets = ["APLICADO = 'S'"];
  const totals = totalsUse(schema.totals);
  if (totals === 'read') {
    // Older databases return the totals: read them ('S' = read only) and store them ourselves.
    const [t] = await tx.query<{ IMPORTE_NETO: unknown; TOTAL_IMPUESTOS: unknown }>(
      "SELECT IMPORTE_NETO, TOTAL_IMPUESTOS FROM CALC_TOTALES_DOCTO_VE(?, 'S')",
      [documentId],
    );
    if (t && t.IMPORTE_NETO !== null && t.IMPORTE_NETO !== undefined) {
      sets.push('IMPORTE_NETO = ?', 'TOTAL_IMPUESTOS = ?');
      params.push(Number(t.IMPORTE_NETO), Number(t.TOTAL_IMPUESTOS ?? 0));
    }
  } else if (totals === 'compute') {
    // What real databases show (outputs NUM_RENGLONES, DSCTO_ARTS, DSCTO_EXTRA_IMPORTE only): 'N' lets Microsip
    // compute and write the document's totals itself.
    await tx.query("EXECUTE PROCEDURE CALC_TOTALES_DOCTO_VE(?, 'N')", [documentId]);
  }
  await tx.query(`UPDATE DOCTOS_VE SET ${sets.join(', ')} WHERE DOCTO_VE_ID = ? AND APLICADO = 'N'`, [
    ...params,
    documentId,
  ]);
  return { documentId: String(documentId), folio };
}

function text(bytes: Buffer): TextValue {
  return { octets: bytes };
}

/**
 * INSERT of the columns this database has (Microsip versions differ); returns the RETURNING column when asked.
 * A NOT NULL column without default that the row leaves empty is a setup problem of this database (a column the
 * connector does not know how to fill): refused before Firebird's own validation error, naming the column.
 */
async function insert(
  tx: FirebirdQueryable,
  schema: OrderSchema,
  table: string,
  row: Readonly<Record<string, Value>>,
  returning?: string,
): Promise<unknown> {
  const unfilled = schema.required(table).filter((c) => row[c] === undefined || row[c] === null);
  if (unfilled.length > 0) throw missingColumns(table, unfilled);
  const columns: string[] = [];
  const slots: string[] = [];
  const params: SqlParam[] = [];
  for (const [column, value] of Object.entries(row)) {
    if (!schema.has(table, column)) continue;
    columns.push(sqlIdentifier(column));
    if (value && typeof value === 'object' && 'octets' in value) {
      slots.push(octetsParam(value.octets));
      params.push(value.octets);
    } else {
      slots.push('?');
      params.push(value);
    }
  }
  const sql = `INSERT INTO ${sqlIdentifier(table)} (${columns.join(', ')}) VALUES (${slots.join(', ')})${returning ? ` RETURNING ${sqlIdentifier(returning)}` : ''}`;
  const result: unknown = await tx.query(sql, params);
  if (!returning) return undefined;
  const first = (Array.isArray(result) ? (result[0] as unknown) : result) as Record<string, unknown> | undefined;
  return first?.[returning];
}

/** The error that keeps orders pending (not rejected): the database needs a value the connector cannot know. */
export function missingColumns(table: string, columns: string[]): ErpError {
  const list = columns.map((c) => `${table}.${c}`).join(', ');
  return new ErpError(
    `Esta base de Microsip exige ${list} (obligatorio y sin valor predeterminado) y el conector no sabe qué valor poner; los pedidos quedan pendientes.`,
    ['Ejecute Diagnóstico en la conexión y envíe el informe a soporte.'],
  );
}
