import { truthy } from '../../record-values';
import type { SqlQueryRunner } from '../sql-executor';
import {
  CREATE_TABLE_PERMISSIONS,
  OBJECT_COLUMNS,
  OBJECT_EXISTS,
  OBJECT_PERMISSIONS,
  type ColumnRow,
} from './doctor-queries';

export interface ColumnInfo {
  name: string;
  nullable: boolean;
  /** IDENTITY, computed, DEFAULT or rowversion: the server fills it when an INSERT leaves it out. */
  filledByServer: boolean;
}

export interface ObjectInfo {
  exists: boolean;
  /** By lower-case name (SQL Server's catalog collation is case-insensitive in Comercial's databases). */
  columns: Map<string, ColumnInfo>;
}

export interface ObjectRights {
  select: boolean;
  insert: boolean;
  update: boolean;
}

/** rowversion (timestamp) in sys.types. */
const ROWVERSION_TYPE = 189;

/** Metadata and rights of dbo objects, each asked once per diagnosis (many sections share tables). */
export class SchemaProbe {
  private readonly objects = new Map<string, Promise<ObjectInfo>>();
  private readonly rights = new Map<string, Promise<ObjectRights>>();
  private createTable: Promise<{ createTable: boolean; alterSchema: boolean }> | null = null;

  constructor(readonly db: SqlQueryRunner) {}

  object(table: string): Promise<ObjectInfo> {
    const key = table.toLowerCase();
    let found = this.objects.get(key);
    if (!found) {
      found = this.load(table);
      this.objects.set(key, found);
    }
    return found;
  }

  objectRights(table: string): Promise<ObjectRights> {
    const key = table.toLowerCase();
    let found = this.rights.get(key);
    if (!found) {
      found = this.db.query<Record<string, unknown>>(OBJECT_PERMISSIONS, { object: `dbo.${table}` }).then(([row]) => ({
        select: truthy(row?.canSelect),
        insert: truthy(row?.canInsert),
        update: truthy(row?.canUpdate),
      }));
      this.rights.set(key, found);
    }
    return found;
  }

  createTableRights(): Promise<{ createTable: boolean; alterSchema: boolean }> {
    this.createTable ??= this.db
      .query<Record<string, unknown>>(CREATE_TABLE_PERMISSIONS)
      .then(([row]) => ({ createTable: truthy(row?.createTable), alterSchema: truthy(row?.alterSchema) }));
    return this.createTable;
  }

  private async load(table: string): Promise<ObjectInfo> {
    const object = `dbo.${table}`;
    const [row] = await this.db.query<{ id: unknown }>(OBJECT_EXISTS, { object });
    if (row?.id === null || row?.id === undefined) return { exists: false, columns: new Map() };
    const rows = await this.db.query<ColumnRow>(OBJECT_COLUMNS, { object });
    const columns = new Map<string, ColumnInfo>();
    for (const c of rows) {
      const filledByServer =
        truthy(c.isIdentity) ||
        truthy(c.isComputed) ||
        Number(c.defaultId ?? 0) !== 0 ||
        Number(c.typeId) === ROWVERSION_TYPE;
      columns.set(String(c.name).toLowerCase(), {
        name: String(c.name),
        nullable: truthy(c.isNullable),
        filledByServer,
      });
    }
    return { exists: true, columns };
  }
}
