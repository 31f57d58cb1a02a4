import type { ColumnInfo } from '../table-metadata';
import { sqlIdentifier } from '../win1252-text';

/**
 * The tables and columns this company database really has (from RDB$RELATION_FIELDS), and SQL fragments
 * that degrade to a typed NULL when a column is missing: Microsip's schema differs between versions, and a
 * catalog should lose one field, not fail, when an optional column is absent.
 */
export class SchemaFacts {
  constructor(private readonly tables: ReadonlyMap<string, ReadonlyMap<string, ColumnInfo>>) {}

  has(table: string): boolean {
    return this.tables.has(table);
  }

  hasColumn(table: string, column: string): boolean {
    return this.tables.get(table)?.has(column) ?? false;
  }

  /** `alias.COLUMN` as OCTETS (the stored Windows-1252 bytes), or a NULL of that type. */
  text(alias: string, table: string, column: string): string {
    const info = this.tables.get(table)?.get(column);
    if (!info) return 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
    return `CAST(${ref(alias, column)} AS VARCHAR(${octetLength(info)}) CHARACTER SET OCTETS)`;
  }

  /** The first `maxBytes` of a text BLOB as OCTETS, or NULL (without opening NULL blobs: SUBSTRING costs even then). */
  blobText(alias: string, table: string, column: string, maxBytes: number): string {
    if (!this.hasColumn(table, column)) return 'CAST(NULL AS VARCHAR(1) CHARACTER SET OCTETS)';
    const n = Math.trunc(maxBytes);
    const col = ref(alias, column);
    return `IIF(${col} IS NULL, NULL, CAST(SUBSTRING(${col} FROM 1 FOR ${n}) AS VARCHAR(${n}) CHARACTER SET OCTETS))`;
  }

  /** `alias.COLUMN`, or `CAST(NULL AS <type>)` when the column does not exist. */
  value(alias: string, table: string, column: string, type = 'INTEGER'): string {
    return this.hasColumn(table, column) ? ref(alias, column) : `CAST(NULL AS ${type})`;
  }

  /** 1 when the 'S'/'N' flag column is 'S', else 0 (also when the column does not exist). */
  flag(alias: string, table: string, column: string): string {
    return this.hasColumn(table, column) ? `IIF(${ref(alias, column)} = 'S', 1, 0)` : '0';
  }

  /** `AND <alias>.<column> <> 'S'` when the flag column exists (e.g. OCULTO), else nothing. */
  notFlagged(alias: string, table: string, column: string): string {
    return this.hasColumn(table, column) ? ` AND COALESCE(${ref(alias, column)}, 'N') <> 'S'` : '';
  }
}

function ref(alias: string, column: string): string {
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(alias)) throw new Error(`Alias SQL no válido: ${alias}`);
  return `${alias}.${sqlIdentifier(column)}`;
}

/** RDB$FIELD_LENGTH is in bytes; NONE/WIN1252 are one byte per character. */
function octetLength(info: ColumnInfo): number {
  return Math.min(Math.max(1, info.byteLength), 32_765);
}
