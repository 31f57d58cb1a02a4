import type { CompanyIdentity } from '../../../shared/company-identity';
import type { SqlExecutor } from './sql-executor';

/**
 * CONTPAQi Comercial Start/Pro: the RFC is orgBusinessEntityMainInfo.OfficialNumber [C], the name OfficialName
 * (what listCompanies shows), the database is the configured one (DB_NAME()). What tells another company's
 * database apart is orgBusinessEntity.BusinessEntityGUID [P]; it is asked for in the metadata (COL_LENGTH)
 * before it is read, and a database without it falls back to BusinessEntityKey and CreatedOn.
 */

export const IDENTITY_COLUMNS_PROBE = `
SELECT COL_LENGTH('dbo.orgBusinessEntity', 'BusinessEntityGUID') AS guidBytes,
       COL_LENGTH('dbo.orgBusinessEntity', 'BusinessEntityKey') AS keyBytes,
       COL_LENGTH('dbo.orgBusinessEntity', 'CreatedOn') AS createdBytes`;

const IDENTITY_BASE = `
SELECT be.OfficialName AS officialName, be.CommercialName AS commercialName, mi.OfficialNumber AS rfc, DB_NAME() AS databaseName`;
const IDENTITY_FROM = `
FROM dbo.orgBusinessEntity be
LEFT JOIN dbo.orgBusinessEntityMainInfo mi ON mi.BusinessEntityID = be.BusinessEntityID
WHERE be.BusinessEntityID = @company`;

/** The three shapes the probe can lead to; fixed texts, nothing concatenated from data. */
export const IDENTITY_WITH_GUID = `${IDENTITY_BASE}, CAST(be.BusinessEntityGUID AS NVARCHAR(50)) AS guid${IDENTITY_FROM}`;
export const IDENTITY_WITH_KEY = `${IDENTITY_BASE}, be.BusinessEntityKey AS entityKey, CAST(be.CreatedOn AS NVARCHAR(30)) AS createdOn${IDENTITY_FROM}`;
export const IDENTITY_PLAIN = `${IDENTITY_BASE}${IDENTITY_FROM}`;

interface IdentityRow {
  officialName: string | null;
  commercialName: string | null;
  rfc: string | null;
  databaseName: string | null;
  guid?: string | null;
  entityKey?: string | null;
  createdOn?: string | null;
}

export async function readStartProIdentity(
  db: SqlExecutor,
  company: number,
  configuredDatabase: string,
): Promise<CompanyIdentity> {
  const [probe] = await db.query<{ guidBytes: unknown; keyBytes: unknown; createdBytes: unknown }>(
    IDENTITY_COLUMNS_PROBE,
    {},
  );
  const has = (v: unknown) => v !== null && v !== undefined;
  const sources = ['RFC: orgBusinessEntityMainInfo.OfficialNumber', 'Nombre: orgBusinessEntity.OfficialName'];
  let sql = IDENTITY_PLAIN;
  if (has(probe?.guidBytes)) {
    sql = IDENTITY_WITH_GUID;
    sources.push('Base de datos: DB_NAME() y orgBusinessEntity.BusinessEntityGUID');
  } else if (has(probe?.keyBytes) && has(probe?.createdBytes)) {
    sql = IDENTITY_WITH_KEY;
    sources.push(
      'Base de datos: DB_NAME(), orgBusinessEntity.BusinessEntityKey y CreatedOn (no hay BusinessEntityGUID)',
    );
  } else {
    sources.push('Base de datos: solo DB_NAME() (no hay BusinessEntityGUID ni BusinessEntityKey)');
  }
  const [row] = await db.query<IdentityRow>(sql, { company });
  const name = row?.officialName?.trim() || row?.commercialName?.trim() || null;
  const rfc = row?.rfc?.replace(/[\s-]/g, '').toUpperCase() || null;
  let stamp: string | null = null;
  if (row?.guid?.trim()) stamp = `GUID ${row.guid.trim().toUpperCase()}`;
  else if (row?.entityKey?.trim() || row?.createdOn?.trim())
    stamp = [
      row.entityKey?.trim() && `clave ${row.entityKey.trim()}`,
      row.createdOn?.trim() && `alta ${row.createdOn.trim()}`,
    ]
      .filter(Boolean)
      .join(', ');
  return {
    rfc,
    name,
    database: row?.databaseName?.trim() || configuredDatabase,
    databaseKind: 'database',
    stamp: `empresa ${company}${stamp ? `, ${stamp}` : ''}`,
    sources,
  };
}
