import { ErpError } from '../../port';
import type { FirebirdQueryable } from '../firebird-client';
import { decodeMicrosipText } from '../win1252-text';
import { octetsParam } from './order-text';

/**
 * Folios of Ventas documents (reference §3.4): serie + the consecutivo zero-padded so the whole folio has 9
 * characters; SERIE '@' means no series. FOLIOS_VENTAS.CONSECUTIVO is the next number to use.
 */

export const FOLIO_LENGTH = 9;

export function formatFolio(serie: string, consecutivo: number): string {
  const prefix = serie === '@' ? '' : serie;
  const digits = String(Math.trunc(consecutivo)).padStart(FOLIO_LENGTH, '0');
  const folio = prefix + digits.slice(prefix.length);
  if (folio.length > FOLIO_LENGTH || digits.length > FOLIO_LENGTH) {
    throw new ErpError(`Los folios de la serie "${serie}" se agotaron (consecutivo ${consecutivo}).`);
  }
  return folio;
}

/** How many used folios in a row we step over before giving up (a damaged counter, not a busy one). */
const MAX_SKIPS = 1000;

/**
 * Reserves the next free folio of a FOLIOS_VENTAS row inside the caller's transaction: reads CONSECUTIVO, moves it
 * on with an optimistic `UPDATE … WHERE CONSECUTIVO = <read value>` (another writer that got there first makes it
 * match nothing, or makes Firebird raise an update conflict: either way this transaction does not reuse the folio),
 * and steps over folios already used in DOCTOS_VE (typed by hand, or by an older counter).
 */
export async function reserveFolio(
  tx: FirebirdQueryable,
  folioVentasId: number,
  tipoDocto: 'P' | 'C',
): Promise<string> {
  for (let skips = 0; skips <= MAX_SKIPS; skips++) {
    const rows = await tx.query<Record<string, unknown>>(
      'SELECT CAST(SERIE AS VARCHAR(3) CHARACTER SET OCTETS) AS SERIE, CONSECUTIVO FROM FOLIOS_VENTAS WHERE FOLIO_VENTAS_ID = ?',
      [folioVentasId],
    );
    const row = rows[0];
    if (!row) throw new ErpError(`La serie de folios ${folioVentasId} ya no existe en Microsip.`);
    const serie = decodeMicrosipText(row.SERIE) ?? '@';
    const consecutivo = Number(row.CONSECUTIVO);
    const folio = formatFolio(serie, consecutivo);
    const updated = await tx.query<Record<string, unknown>>(
      'UPDATE FOLIOS_VENTAS SET CONSECUTIVO = CONSECUTIVO + 1 WHERE FOLIO_VENTAS_ID = ? AND CONSECUTIVO = ? RETURNING CONSECUTIVO',
      [folioVentasId, consecutivo],
    );
    if (!returned(updated)) throw new ErpError('Otro usuario tomó el mismo folio al mismo tiempo; se reintentará.');
    const bytes = Buffer.from(folio, 'latin1');
    const used = await tx.query(
      `SELECT FIRST 1 1 AS USED FROM DOCTOS_VE WHERE TIPO_DOCTO = ? AND FOLIO = ${octetsParam(bytes)}`,
      [tipoDocto, bytes],
    );
    if (used.length === 0) return folio;
  }
  throw new ErpError(
    `Los siguientes ${MAX_SKIPS} folios de la serie ya están usados en Microsip; revise el consecutivo en Ventas.`,
  );
}

/** node-firebird hands back `UPDATE … RETURNING` as one object (all nulls when no row matched) or as rows. */
function returned(result: unknown): boolean {
  const row = Array.isArray(result) ? (result[0] as unknown) : result;
  if (!row || typeof row !== 'object') return false;
  return Object.values(row as Record<string, unknown>).some((v) => v !== null && v !== undefined);
}
