import type { FirebirdQueryable } from './firebird-client';

/**
 * Column facts from the system tables. Microsip's schema differs between versions and customers, so
 * optional tables/columns are detected here instead of assumed.
 */

export interface ColumnInfo {
  /** Declared length in bytes (RDB$FIELD_LENGTH), what an OCTETS cast needs. */
  byteLength: number;
  /** RDB$CHARACTER_SET_NAME, 'NONE' for CHARACTER SET NONE; '' for non-text columns. */
  charset: string;
  /** NOT NULL on the column or on its domain (Microsip uses domains: a column-only check misses them). */
  notNull?: boolean;
  /** A default on the column or on its domain, or an identity column. */
  hasDefault?: boolean;
}

/** Columns of a user table or view, or null when it does not exist. */
export async function describeTable(db: FirebirdQueryable, table: string): Promise<Map<string, ColumnInfo> | null> {
  const exists = await db.query(
    'SELECT 1 AS FOUND FROM RDB$RELATIONS WHERE RDB$RELATION_NAME = ? AND COALESCE(RDB$SYSTEM_FLAG, 0) = 0',
    [table],
  );
  if (exists.length === 0) return null;
  const rows = await db.query<{ NAME: string; BYTES: number | null; CHARSET: string | null }>(
    `SELECT TRIM(rf.RDB$FIELD_NAME) AS NAME, f.RDB$FIELD_LENGTH AS BYTES, TRIM(cs.RDB$CHARACTER_SET_NAME) AS CHARSET
       FROM RDB$RELATION_FIELDS rf
       JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
       LEFT JOIN RDB$CHARACTER_SETS cs ON cs.RDB$CHARACTER_SET_ID = f.RDB$CHARACTER_SET_ID
      WHERE rf.RDB$RELATION_NAME = ?`,
    [table],
  );
  return new Map(rows.map((r) => [r.NAME, { byteLength: r.BYTES ?? 0, charset: r.CHARSET ?? '' }]));
}

/** Columns of several tables in one query; tables that do not exist are absent from the map. */
export async function describeTables(
  db: FirebirdQueryable,
  tables: readonly string[],
): Promise<Map<string, Map<string, ColumnInfo>>> {
  const out = new Map<string, Map<string, ColumnInfo>>();
  if (tables.length === 0) return out;
  const rows = await db.query<{
    TBL: string;
    NAME: string;
    BYTES: number | null;
    CHARSET: string | null;
    NN: number;
    DEF: number;
  }>(
    `SELECT TRIM(rf.RDB$RELATION_NAME) AS TBL, TRIM(rf.RDB$FIELD_NAME) AS NAME, f.RDB$FIELD_LENGTH AS BYTES,
            TRIM(cs.RDB$CHARACTER_SET_NAME) AS CHARSET,
            IIF(COALESCE(rf.RDB$NULL_FLAG, 0) = 1 OR COALESCE(f.RDB$NULL_FLAG, 0) = 1, 1, 0) AS NN,
            IIF(rf.RDB$DEFAULT_SOURCE IS NULL AND f.RDB$DEFAULT_SOURCE IS NULL AND rf.RDB$IDENTITY_TYPE IS NULL, 0, 1) AS DEF
       FROM RDB$RELATION_FIELDS rf
       JOIN RDB$RELATIONS r ON r.RDB$RELATION_NAME = rf.RDB$RELATION_NAME AND COALESCE(r.RDB$SYSTEM_FLAG, 0) = 0
       JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
       LEFT JOIN RDB$CHARACTER_SETS cs ON cs.RDB$CHARACTER_SET_ID = f.RDB$CHARACTER_SET_ID
      WHERE rf.RDB$RELATION_NAME IN (${tables.map(() => '?').join(', ')})`,
    tables,
  );
  for (const r of rows) {
    const columns = out.get(r.TBL) ?? new Map<string, ColumnInfo>();
    columns.set(r.NAME, {
      byteLength: r.BYTES ?? 0,
      charset: r.CHARSET ?? '',
      notNull: Number(r.NN) === 1,
      hasDefault: Number(r.DEF) === 1,
    });
    out.set(r.TBL, columns);
  }
  return out;
}

/** Input and output parameter names of a stored procedure, or null when it does not exist. */
export async function describeProcedure(
  db: FirebirdQueryable,
  name: string,
): Promise<{ inputs: string[]; outputs: string[] } | null> {
  const rows = await db.query<{ NAME: string; KIND: number }>(
    `SELECT TRIM(RDB$PARAMETER_NAME) AS NAME, RDB$PARAMETER_TYPE AS KIND FROM RDB$PROCEDURE_PARAMETERS
      WHERE RDB$PROCEDURE_NAME = ? ORDER BY RDB$PARAMETER_TYPE, RDB$PARAMETER_NUMBER`,
    [name],
  );
  if (rows.length === 0) {
    const exists = await db.query('SELECT 1 AS FOUND FROM RDB$PROCEDURES WHERE RDB$PROCEDURE_NAME = ?', [name]);
    return exists.length === 0 ? null : { inputs: [], outputs: [] };
  }
  return {
    inputs: rows.filter((r) => Number(r.KIND) === 0).map((r) => r.NAME),
    outputs: rows.filter((r) => Number(r.KIND) === 1).map((r) => r.NAME),
  };
}
