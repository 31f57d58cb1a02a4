import type { ErpBranch, ErpCompany } from '../port';
import { ErpError } from '../port';
import type { FirebirdQueryable } from './firebird-client';
import { describeTable } from './table-metadata';
import { decodeMicrosipText, selectAsOctets } from './win1252-text';

/** The few reads the console needs. Text columns go through OCTETS + Windows-1252 (see win1252-text.ts). */

export interface MicrosipCompanyRow extends ErpCompany {
  /** NOMBRE_CORTO: also the company's .FDB file name. */
  shortName: string;
}

/** CONFIG.FDB → EMPRESAS (EMPRESA_ID, NOMBRE_CORTO), sorted by name. */
export async function readCompanies(config: FirebirdQueryable): Promise<MicrosipCompanyRow[]> {
  const columns = await describeTable(config, 'EMPRESAS');
  const nameColumn = columns?.get('NOMBRE_CORTO');
  if (!columns || !columns.has('EMPRESA_ID') || !nameColumn) {
    throw new ErpError('CONFIG.FDB no tiene la tabla EMPRESAS de Microsip.', [
      'Revise la Carpeta de datos: debe ser la carpeta de datos de Microsip (la que contiene System\\CONFIG.FDB).',
    ]);
  }
  const rows = await config.query<{ EMPRESA_ID: number; NOMBRE_CORTO: unknown }>(
    `SELECT EMPRESA_ID, ${selectAsOctets('NOMBRE_CORTO', nameColumn.byteLength)} FROM EMPRESAS`,
  );
  return rows
    .map((r) => {
      const shortName = (decodeMicrosipText(r.NOMBRE_CORTO, nameColumn.charset) ?? '').trim();
      return { id: String(r.EMPRESA_ID), name: shortName, shortName };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'es') || Number(a.id) - Number(b.id));
}

/** One EMPRESAS row by id, or null. */
export async function readCompany(config: FirebirdQueryable, companyId: string): Promise<MicrosipCompanyRow | null> {
  const id = parseCompanyId(companyId);
  const columns = await describeTable(config, 'EMPRESAS');
  const nameColumn = columns?.get('NOMBRE_CORTO');
  if (!nameColumn) return null;
  const rows = await config.query<{ EMPRESA_ID: number; NOMBRE_CORTO: unknown }>(
    `SELECT EMPRESA_ID, ${selectAsOctets('NOMBRE_CORTO', nameColumn.byteLength)} FROM EMPRESAS WHERE EMPRESA_ID = ?`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  const shortName = (decodeMicrosipText(row.NOMBRE_CORTO, nameColumn.charset) ?? '').trim();
  return { id: String(row.EMPRESA_ID), name: shortName, shortName };
}

/**
 * Company .FDB → SUCURSALES (Microsip 2020+). The table name and its columns SUCURSAL_ID/NOMBRE are an
 * assumption (reference marks them UNCERTAIN): a database without them simply has no branches.
 * Rows with OCULTO = 'S' are hidden in Microsip, so they are left out when that column exists.
 */
export async function readBranches(company: FirebirdQueryable): Promise<ErpBranch[]> {
  const columns = await describeTable(company, 'SUCURSALES');
  const nameColumn = columns?.get('NOMBRE');
  if (!columns || !columns.has('SUCURSAL_ID') || !nameColumn) return [];
  const hiddenFilter = columns.has('OCULTO') ? " WHERE COALESCE(OCULTO, 'N') <> 'S'" : '';
  const rows = await company.query<{ SUCURSAL_ID: number; NOMBRE: unknown }>(
    `SELECT SUCURSAL_ID, ${selectAsOctets('NOMBRE', nameColumn.byteLength)} FROM SUCURSALES${hiddenFilter}`,
  );
  return rows
    .map((r) => ({ id: String(r.SUCURSAL_ID), name: (decodeMicrosipText(r.NOMBRE, nameColumn.charset) ?? '').trim() }))
    .sort((a, b) => a.name.localeCompare(b.name, 'es') || Number(a.id) - Number(b.id));
}

/** EMPRESA_ID is an integer; anything else never reaches SQL. */
export function parseCompanyId(companyId: string): number {
  const trimmed = companyId.trim();
  if (!/^-?\d{1,10}$/.test(trimmed)) throw new ErpError(`Identificador de empresa no válido: "${companyId}".`);
  return Number(trimmed);
}
