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
export async function describeTables(db: FirebirdQueryable, tables: readonly string[]): Promise<Map<string, Map<string, ColumnInfo>>> {
  const out = new Map<string, Map<string, ColumnInfo>>();
  if (tables.length === 0) return out;
  const rows = await db.query<{ TBL: string; NAME: string; BYTES: number | null; CHARSET: string | null }>(
    `SELECT TRIM(rf.RDB$RELATION_NAME) AS TBL, TRIM(rf.RDB$FIELD_NAME) AS NAME, f.RDB$FIELD_LENGTH AS BYTES,
            TRIM(cs.RDB$CHARACTER_SET_NAME) AS CHARSET
       FROM RDB$RELATION_FIELDS rf
       JOIN RDB$RELATIONS r ON r.RDB$RELATION_NAME = rf.RDB$RELATION_NAME AND COALESCE(r.RDB$SYSTEM_FLAG, 0) = 0
       JOIN RDB$FIELDS f ON f.RDB$FIELD_NAME = rf.RDB$FIELD_SOURCE
       LEFT JOIN RDB$CHARACTER_SETS cs ON cs.RDB$CHARACTER_SET_ID = f.RDB$CHARACTER_SET_ID
      WHERE rf.RDB$RELATION_NAME IN (${tables.map(() => '?').join(', ')})`,
    tables,
  );
  for (const r of rows) {
    const columns = out.get(r.TBL) ?? new Map<string, ColumnInfo>();
    columns.set(r.NAME, { byteLength: r.BYTES ?? 0, charset: r.CHARSET ?? '' });
    out.set(r.TBL, columns);
  }
  return out;
}
