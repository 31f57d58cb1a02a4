import type { CompanyIdentity } from '../../../shared/company-identity';
import type { FirebirdQueryable } from './firebird-client';
import { withCompanyDatabase, withConfigDatabase, type MicrosipAccess } from './company-database';
import { companyDatabasePath } from './data-folder-paths';
import { describeTable, type ColumnInfo } from './table-metadata';
import { parseCompanyId } from './microsip-reads';
import { decodeMicrosipText, selectAsOctets } from './win1252-text';

/**
 * Microsip's company identity. Where Microsip keeps the company's RFC is not established (reference
 * microsip-schema.md: EMPRESAS beyond EMPRESA_ID/NOMBRE_CORTO is UNCERTAIN), so it is detected in the schema on
 * every read and the sources say what was found: an RFC / NOMBRE column of CONFIG.FDB EMPRESAS, else an `Rfc`
 * row of the company's REGISTRY (ELEMENTO_ID, NOMBRE, VALOR). The database identity is the .FDB path plus what a
 * restore or a copied file changes: MON$DATABASE.MON$GUID where the server has it (Firebird 4+), else
 * MON$CREATION_DATE (Firebird 3; gbak -c writes a new one, a file copied from elsewhere carries its own).
 */

const RFC_COLUMNS = ['RFC', 'RFC_EMPRESA'] as const;
const NAME_COLUMNS = ['NOMBRE', 'NOMBRE_LARGO', 'RAZON_SOCIAL'] as const;
const RFC_REGISTRY_NAMES = ['RFC', 'RFC_EMPRESA'] as const;

export async function readMicrosipIdentity(access: MicrosipAccess, companyId: string): Promise<CompanyIdentity> {
  const sources: string[] = [];
  const fromConfig = await withConfigDatabase(access, (db) => readEmpresasExtras(db, companyId));
  if (fromConfig.rfc) sources.push(`RFC: CONFIG.FDB EMPRESAS.${fromConfig.rfcColumn}`);
  if (fromConfig.name) sources.push(`Nombre: CONFIG.FDB EMPRESAS.${fromConfig.nameColumn}`);
  return withCompanyDatabase(access, companyId, async (db, company) => {
    let rfc = fromConfig.rfc;
    if (!rfc) {
      const registry = await readRegistryRfc(db);
      rfc = registry.rfc;
      if (registry.rfc) sources.push(`RFC: REGISTRY.${registry.entry} de la empresa`);
    }
    if (!rfc) sources.push('RFC: no se encontró en EMPRESAS (CONFIG.FDB) ni en REGISTRY de la empresa');
    const name = fromConfig.name ?? company.shortName;
    if (!fromConfig.name) sources.push('Nombre: EMPRESAS.NOMBRE_CORTO');
    const stamp = await readDatabaseStamp(db);
    sources.push(stamp.source);
    return {
      rfc: normalizeRfc(rfc),
      name: name.trim() || null,
      database: companyDatabasePath(access.config.folder, company.shortName),
      databaseKind: 'file',
      stamp: stamp.value,
      sources,
    };
  });
}

async function readEmpresasExtras(config: FirebirdQueryable, companyId: string) {
  const columns = await describeTable(config, 'EMPRESAS');
  const pick = (names: readonly string[]): [string, ColumnInfo] | null => {
    for (const n of names) {
      const c = columns?.get(n);
      if (c) return [n, c];
    }
    return null;
  };
  const rfcCol = pick(RFC_COLUMNS);
  const nameCol = pick(NAME_COLUMNS);
  if (!rfcCol && !nameCol) return { rfc: null, rfcColumn: null, name: null, nameColumn: null };
  const select = [
    rfcCol ? selectAsOctets(rfcCol[0], rfcCol[1].byteLength, 'X_RFC') : 'NULL AS X_RFC',
    nameCol ? selectAsOctets(nameCol[0], nameCol[1].byteLength, 'X_NAME') : 'NULL AS X_NAME',
  ].join(', ');
  const [row] = await config.query<{ X_RFC: unknown; X_NAME: unknown }>(
    `SELECT ${select} FROM EMPRESAS WHERE EMPRESA_ID = ?`,
    [parseCompanyId(companyId)],
  );
  const rfc = rfcCol ? decodeMicrosipText(row?.X_RFC, rfcCol[1].charset)?.trim() || null : null;
  const name = nameCol ? decodeMicrosipText(row?.X_NAME, nameCol[1].charset)?.trim() || null : null;
  return { rfc, rfcColumn: rfcCol?.[0] ?? null, name, nameColumn: nameCol?.[0] ?? null };
}

async function readRegistryRfc(db: FirebirdQueryable): Promise<{ rfc: string | null; entry: string | null }> {
  const columns = await describeTable(db, 'REGISTRY');
  const nameCol = columns?.get('NOMBRE');
  const valueCol = columns?.get('VALOR');
  if (!columns || !nameCol || !valueCol) return { rfc: null, entry: null };
  const order = columns.has('ELEMENTO_ID') ? ' ORDER BY ELEMENTO_ID' : '';
  const rows = await db.query<{ X_NAME: unknown; X_VALUE: unknown }>(
    `SELECT ${selectAsOctets('NOMBRE', nameCol.byteLength, 'X_NAME')}, ${selectAsOctets('VALOR', valueCol.byteLength, 'X_VALUE')}
       FROM REGISTRY WHERE UPPER(TRIM(NOMBRE)) IN (${RFC_REGISTRY_NAMES.map(() => '?').join(', ')})${order}`,
    [...RFC_REGISTRY_NAMES],
  );
  for (const r of rows) {
    const value = decodeMicrosipText(r.X_VALUE, valueCol.charset)?.trim();
    if (value) return { rfc: value, entry: (decodeMicrosipText(r.X_NAME, nameCol.charset) ?? '').trim() };
  }
  return { rfc: null, entry: null };
}

/** MON$GUID where the server has it (asked in the metadata, not assumed from the version), else the creation date. */
async function readDatabaseStamp(db: FirebirdQueryable): Promise<{ value: string | null; source: string }> {
  const fields = (
    await db.query<{ NAME: string }>(
      `SELECT TRIM(RDB$FIELD_NAME) AS NAME FROM RDB$RELATION_FIELDS
        WHERE RDB$RELATION_NAME = 'MON$DATABASE' AND RDB$FIELD_NAME IN ('MON$GUID', 'MON$CREATION_DATE')`,
    )
  ).map((r) => r.NAME);
  if (fields.includes('MON$GUID')) {
    const [row] = await db.query<{ V: string | null }>('SELECT TRIM(MON$GUID) AS V FROM MON$DATABASE');
    if (row?.V) return { value: `GUID ${row.V}`, source: 'Base de datos: MON$DATABASE.MON$GUID' };
  }
  if (fields.includes('MON$CREATION_DATE')) {
    const [row] = await db.query<{ V: string | null }>(
      'SELECT CAST(MON$CREATION_DATE AS VARCHAR(30)) AS V FROM MON$DATABASE',
    );
    if (row?.V) return { value: `creada ${row.V.trim()}`, source: 'Base de datos: MON$DATABASE.MON$CREATION_DATE' };
  }
  return { value: null, source: 'Base de datos: solo la ruta (el servidor no informa GUID ni fecha de creación)' };
}

export function normalizeRfc(rfc: string | null | undefined): string | null {
  const t = rfc?.replace(/[\s-]/g, '').toUpperCase();
  return t ? t : null;
}
