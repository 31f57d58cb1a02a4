import Database from 'better-sqlite3';
import {
  SqlFailure,
  type SqlExecutor,
  type SqlParams,
  type SqlQueryRunner,
} from '../../electron/erp/contpaqi/sql-executor';
import { registerTsqlChecksumFunctions } from './tsql-checksum-emulation';

/**
 * Test SqlExecutor over in-memory SQLite that runs the adapter's T-SQL text unchanged. What it emulates:
 * - schema `dbo`: an ATTACHed database named dbo, so `dbo.orgDepot` resolves as in SQL Server;
 * - `sys.databases`: a table in an ATTACHed database named sys (name, database_id, state, source_database_id);
 * - T-SQL built-ins QUOTENAME, OBJECT_ID(name, 'U') and HAS_DBACCESS as SQLite functions, answered from a
 *   catalog: the current database's real tables plus other "server databases" declared by the test.
 * - SQL Server error 208 (invalid object name) for SQLite's "no such table".
 * - the block-checksum built-ins (tsql-checksum-emulation.ts): BINARY_CHECKSUM, and LEN and a
 *   Unicode UPPER (SQLite's own upper() folds ASCII only; SQL Server's folds Ñ and accented letters).
 * - transactions (SqlExecutor.transaction): BEGIN IMMEDIATE … COMMIT/ROLLBACK on the one connection, one transaction
 *   at a time (a second waits, as a writer blocked on SQL Server's row lock would);
 * - COL_LENGTH('dbo.table', 'column'): bytes of an NVARCHAR(n) column (2n) from the fixture DDL, -1 for NTEXT
 *   (stands for NVARCHAR(MAX), which SQLite cannot parse), NULL for an unknown column;
 * - `failWhen`: a test hook that makes the next statement matching it fail like SQL Server would (fault injection).
 * - `EXEC @x = sp_getapplock …; SELECT @x AS result` (the folio lock): answers 0 (granted) inside a transaction and
 *   -999 outside one, as SQL Server does for @LockOwner = 'Transaction'; the one-at-a-time transactions already stand
 *   for the lock. The resources taken are recorded in `appLocks`.
 * - `denyDdl`: a login without DDL permission (db_datareader + db_datawriter only): once set, CREATE/ALTER/DROP fail
 *   with SQL Server's error 262 «CREATE TABLE permission denied in database '…'.» (set it after loading the fixture).
 * - for *Diagnóstico* (issue 12):
 *   - SERVERPROPERTY('ProductVersion' | 'Edition' | 'ProductLevel'), @@VERSION (rewritten to a function before the
 *     text is prepared, as SQLite cannot tokenize `@@`), DB_NAME(), SUSER_SNAME(), USER_NAME(), answered from `server`
 *     and `login`;
 *   - the login's rights (`login.roles`: sysadmin, db_owner, db_datareader, db_datawriter): HAS_PERMS_BY_NAME for
 *     the OBJECT, DATABASE and SCHEMA classes (NULL for an object that does not exist), IS_MEMBER, IS_SRVROLEMEMBER,
 *     and enforcement: a statement the login may not run fails before SQLite sees it, with SQL Server's number and
 *     words (229 «The INSERT permission was denied on the object …», 262 «CREATE TABLE permission denied in
 *     database …», 3701 for DROP, 4902 for ALTER, 1088 for TRUNCATE). `DB_DATAREADER` is such a login;
 *   - `sys.columns` (object_id, name, column_id, system_type_id, is_nullable, is_identity, is_computed,
 *     default_object_id), rebuilt from the fixture DDL after each DDL: a PRIMARY KEY column is NOT NULL, an
 *     `INTEGER PRIMARY KEY` is the IDENTITY, a DEFAULT clause gives a non-zero default_object_id;
 *   - OBJECT_ID answers a distinct id per object (sys.columns joins on it);
 *   - `statements`: every statement the executor was asked to run, in order, so a test can prove what was not run.
 * CONCAT, CASE, COUNT, SUM, COALESCE, LTRIM/RTRIM, LEFT JOIN, derived tables and @named parameters are native
 * to both engines.
 */
export type EmulatedRole = 'sysadmin' | 'db_owner' | 'db_datareader' | 'db_datawriter';

export interface EmulatedLogin {
  login: string;
  /** The database user (USER_NAME()). */
  user: string;
  roles: readonly EmulatedRole[];
}

/** The fixture's default: `sa`, mapped to dbo. */
export const SA_LOGIN: EmulatedLogin = { login: 'sa', user: 'dbo', roles: ['sysadmin'] };
/** A least-privilege login that may only read (member of db_datareader). */
export const DB_DATAREADER: EmulatedLogin = { login: 'wopen_lectura', user: 'wopen_lectura', roles: ['db_datareader'] };
/** Reads and writes rows, no DDL (db_datareader + db_datawriter). */
export const DB_DATAWRITER: EmulatedLogin = {
  login: 'wopen_sync',
  user: 'wopen_sync',
  roles: ['db_datareader', 'db_datawriter'],
};

type Right = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE' | 'EXECUTE' | 'DDL';

export class SqliteSqlExecutor implements SqlExecutor {
  readonly db = new Database(':memory:');
  private readonly others = new Map<string, { tables: Set<string>; access: boolean }>();
  private currentTables = new Set<string>();
  closed = 0;
  /** Fault injection: a statement for which this returns true fails (once) with a SqlFailure. */
  failWhen: ((sql: string) => boolean) | null = null;
  /** A login without DDL permission: CREATE/ALTER/DROP fail with error 262. */
  denyDdl = false;
  /** Resources of the application locks taken (sp_getapplock), in order. */
  readonly appLocks: string[] = [];
  private txQueue: Promise<unknown> = Promise.resolve();
  private readonly columnTypes = new Map<string, string>();
  private readonly objectIds = new Map<string, number>();
  /** Who is logged in; tests switch it after loading the fixture as sa. */
  login: EmulatedLogin = SA_LOGIN;
  server = {
    productVersion: '15.0.4123.1',
    edition: 'Express Edition (64-bit)',
    productLevel: 'RTM',
    version:
      'Microsoft SQL Server 2019 (RTM-CU10) (KB5001090) - 15.0.4123.1 (X64) \n\tMar 22 2021 18:10:24 \n\tCopyright (C) 2019 Microsoft Corporation\n\tExpress Edition (64-bit) on Windows 10 Pro 10.0 <X64> (Build 19045: )\n',
  };
  /** Every statement asked for, in order (denied ones included). */
  readonly statements: string[] = [];

  constructor(readonly currentDatabase = 'ComercialSP') {
    this.db.exec(`ATTACH DATABASE ':memory:' AS dbo; ATTACH DATABASE ':memory:' AS sys;
      CREATE TABLE sys.databases (name TEXT NOT NULL, database_id INTEGER NOT NULL, state INTEGER NOT NULL,
                                  source_database_id INTEGER NULL);
      CREATE TABLE sys.columns (object_id INTEGER NOT NULL, name TEXT NOT NULL, column_id INTEGER NOT NULL,
                                system_type_id INTEGER NOT NULL, is_nullable INTEGER NOT NULL, is_identity INTEGER NOT NULL,
                                is_computed INTEGER NOT NULL, default_object_id INTEGER NOT NULL);`);
    const system = ['master', 'tempdb', 'model', 'msdb'];
    system.forEach((name, i) => this.addServerDatabase(name, [], { databaseId: i + 1 }));
    this.addServerDatabase(currentDatabase, [], { databaseId: 5 });
    this.db.function('QUOTENAME', { deterministic: true }, (name: unknown) =>
      typeof name === 'string' && name.length <= 128 ? `[${name.replaceAll(']', ']]')}]` : null,
    );
    this.db.function('HAS_DBACCESS', (name: unknown) => (this.catalog(String(name))?.access ? 1 : 0));
    this.db.function('OBJECT_ID', { varargs: true }, (...args: unknown[]) => this.objectId(String(args[0])));
    this.db.function('COL_LENGTH', { varargs: true }, (...args: unknown[]) =>
      this.colLength(String(args[0]), String(args[1])),
    );
    registerTsqlChecksumFunctions(this.db);
    this.registerDiagnosticFunctions();
  }

  private registerDiagnosticFunctions(): void {
    const props: Record<string, () => string> = {
      productversion: () => this.server.productVersion,
      edition: () => this.server.edition,
      productlevel: () => this.server.productLevel,
    };
    this.db.function('SERVERPROPERTY', (name: unknown) => props[String(name).toLowerCase()]?.() ?? null);
    this.db.function('TSQL_VERSION', () => this.server.version);
    this.db.function('DB_NAME', () => this.currentDatabase);
    this.db.function('SUSER_SNAME', () => this.login.login);
    this.db.function('USER_NAME', () => this.login.user);
    this.db.function('IS_SRVROLEMEMBER', (role: unknown) =>
      String(role).toLowerCase() === 'sysadmin' && this.has('sysadmin') ? 1 : 0,
    );
    this.db.function('IS_MEMBER', (role: unknown) => {
      const r = String(role).toLowerCase();
      if (r === 'db_owner') return this.has('db_owner') || this.has('sysadmin') ? 1 : 0;
      return this.login.roles.some((x) => x === r) ? 1 : 0;
    });
    this.db.function('HAS_PERMS_BY_NAME', (securable: unknown, kind: unknown, permission: unknown) => {
      const cls = String(kind).toUpperCase();
      const perm = String(permission).toUpperCase();
      if (cls === 'OBJECT' && this.objectId(String(securable)) === null) return null;
      if (cls !== 'OBJECT' && cls !== 'DATABASE' && cls !== 'SCHEMA') return this.has('sysadmin') ? 1 : 0;
      const right: Right =
        perm === 'SELECT' || perm === 'INSERT' || perm === 'UPDATE' || perm === 'DELETE' || perm === 'EXECUTE'
          ? perm
          : 'DDL';
      return this.may(right) ? 1 : 0;
    });
  }

  private has(role: EmulatedRole): boolean {
    return this.login.roles.includes(role);
  }

  /** The fixed roles' rights: owners everything, db_datareader SELECT, db_datawriter INSERT/UPDATE/DELETE. */
  private may(right: Right): boolean {
    if (this.has('sysadmin') || this.has('db_owner')) return true;
    if (right === 'SELECT') return this.has('db_datareader');
    if (right === 'INSERT' || right === 'UPDATE' || right === 'DELETE') return this.has('db_datawriter');
    return false;
  }

  /** SQL Server's refusal of a statement this login may not run, or null. */
  private denial(sql: string): SqlFailure | null {
    const m =
      /^\s*(INSERT\s+INTO|INSERT|UPDATE|DELETE\s+FROM|DELETE|MERGE\s+INTO|MERGE|TRUNCATE\s+TABLE|EXEC(?:UTE)?|CREATE\s+(\w+)|ALTER\s+\w+|DROP\s+(\w+))\s+([\w.[\]]+)/i.exec(
        sql,
      );
    if (!m) return null;
    const verb = m[1]!.split(/\s+/)[0]!.toUpperCase();
    const object = (splitMultipartName(m[4]!) ?? [m[4]!]).at(-1)!;
    const db = this.currentDatabase;
    const fail = (message: string, n: number) => new SqlFailure(message, 'query', 'EREQUEST', [n]);
    if (verb === 'INSERT' || verb === 'UPDATE' || verb === 'DELETE' || verb === 'MERGE') {
      const right = verb === 'MERGE' ? 'INSERT' : verb;
      return this.may(right)
        ? null
        : fail(`The ${right} permission was denied on the object '${object}', database '${db}', schema 'dbo'.`, 229);
    }
    if (verb === 'EXEC' || verb === 'EXECUTE') {
      return this.may('EXECUTE')
        ? null
        : fail(`The EXECUTE permission was denied on the object '${object}', database '${db}', schema 'dbo'.`, 229);
    }
    if (this.may('DDL')) return null;
    if (verb === 'CREATE') return fail(`CREATE ${m[2]!.toUpperCase()} permission denied in database '${db}'.`, 262);
    if (verb === 'DROP')
      return fail(
        `Cannot drop the ${m[3]!.toLowerCase()} '${object}', because it does not exist or you do not have permission.`,
        3701,
      );
    if (verb === 'TRUNCATE')
      return fail(`Cannot find the object "${object}" because it does not exist or you do not have permissions.`, 1088);
    return fail(`Cannot find the object "${object}" because it does not exist or you do not have permissions.`, 4902);
  }

  /** Another executor on the same database, as a second pool would be; its close() is only counted. */
  handle(): SqlExecutor & { closed: number } {
    const handle = {
      closed: 0,
      query: <T extends object>(sql: string, params?: SqlParams) => this.query<T>(sql, params),
      transaction: <T>(work: (tx: SqlQueryRunner) => Promise<T>) => this.transaction(work),
      close: async () => {
        handle.closed++;
      },
    };
    return handle;
  }

  /** Declares another database on the emulated server, with the names of its dbo tables. */
  addServerDatabase(
    name: string,
    tables: readonly string[],
    opts: { databaseId?: number; state?: number; access?: boolean; snapshotOf?: number } = {},
  ): void {
    const databaseId = opts.databaseId ?? 100 + this.others.size;
    this.db
      .prepare('INSERT INTO sys.databases (name, database_id, state, source_database_id) VALUES (?, ?, ?, ?)')
      .run(name, databaseId, opts.state ?? 0, opts.snapshotOf ?? null);
    if (name !== this.currentDatabase) {
      this.others.set(name.toLowerCase(), {
        tables: new Set(tables.map((t) => t.toLowerCase())),
        access: opts.access ?? true,
      });
    }
  }

  query<T extends object>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.run<T>(sql, params, false);
  }

  private async run<T extends object>(sql: string, params: SqlParams, inTransaction: boolean): Promise<T[]> {
    if (this.closed) throw new SqlFailure('Connection is closed.', 'connect', 'ECONNCLOSED');
    this.statements.push(sql);
    const denied = this.denial(sql);
    if (denied) throw denied;
    const bound = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]),
    );
    try {
      if (this.failWhen?.(sql)) {
        this.failWhen = null;
        throw new Error('Injected failure: the server stopped answering (fault injection).');
      }
      const ddl = /^\s*(CREATE|ALTER|DROP)\s+(\w+)/i.exec(sql);
      if (ddl && this.denyDdl) {
        const what = `${ddl[1]!.toUpperCase()} ${ddl[2]!.toUpperCase()}`;
        throw new SqlFailure(
          `${what} permission denied in database '${this.currentDatabase}'.`,
          'query',
          'EREQUEST',
          [262],
        );
      }
      if (/\bEXEC\s+@\w+\s*=\s*sp_getapplock\b/i.test(sql)) {
        if (inTransaction) this.appLocks.push(String(bound.lockName));
        return [{ result: inTransaction ? 0 : -999 } as T];
      }
      const stmt = this.db.prepare(sql.replace(/@@VERSION\b/gi, 'TSQL_VERSION()'));
      const hasParams = Object.keys(bound).length > 0;
      if (stmt.reader) return (hasParams ? stmt.all(bound) : stmt.all()) as T[];
      if (hasParams) stmt.run(bound);
      else stmt.run();
      if (/^\s*(CREATE|DROP|ALTER)\b/i.test(sql)) this.refreshCatalog();
      return [];
    } catch (err) {
      if (err instanceof SqlFailure) throw err;
      const message = err instanceof Error ? err.message : String(err);
      // SQL Server's own words and numbers for a missing object or column (207 / 208), as the driver reports them.
      const table = /no such table: (\S+)/i.exec(message);
      const column = /no such column: (\S+)/i.exec(message);
      if (table) throw new SqlFailure(`Invalid object name '${table[1]}'.`, 'query', 'EREQUEST', [208]);
      if (column)
        throw new SqlFailure(`Invalid column name '${column[1]!.replace(/^\w+\./, '')}'.`, 'query', 'EREQUEST', [207]);
      throw new SqlFailure(message, 'query', 'EREQUEST', []);
    }
  }

  transaction<T>(work: (tx: SqlQueryRunner) => Promise<T>): Promise<T> {
    const run = this.txQueue.then(async () => {
      if (this.closed) throw new SqlFailure('Connection is closed.', 'connect', 'ECONNCLOSED');
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work({
          query: <R extends object>(sql: string, params: SqlParams = {}) => this.run<R>(sql, params, true),
        });
        this.db.exec('COMMIT');
        return result;
      } catch (err) {
        this.db.exec('ROLLBACK');
        throw err;
      } finally {
        this.refreshCatalog(); // a rolled-back CREATE TABLE is gone again
      }
    });
    this.txQueue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    this.closed++;
  }

  private colLength(table: string, column: string): number | null {
    // Answered from a cache filled after each DDL: a user function must not run statements on its own connection.
    const type = this.columnTypes.get(`${table.replace(/^dbo\./i, '')}.${column}`.toLowerCase());
    if (type === undefined) return null;
    if (/^NTEXT$/i.test(type)) return -1;
    const m = /^(N?)VARCHAR\((\d+)\)$/i.exec(type.replace(/\s+/g, ''));
    if (m) return (m[1] ? 2 : 1) * Number(m[2]);
    return 8;
  }

  private refreshCatalog(): void {
    const rows = this.db.prepare("SELECT name FROM dbo.sqlite_master WHERE type = 'table'").all() as { name: string }[];
    this.currentTables = new Set(rows.map((r) => r.name.toLowerCase()));
    this.columnTypes.clear();
    this.db.exec('DELETE FROM sys.columns');
    const insert = this.db.prepare('INSERT INTO sys.columns VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const { name } of rows) {
      const cols = this.db
        .prepare(`SELECT cid, name, type, "notnull" AS nn, dflt_value AS dflt, pk FROM pragma_table_info(?, 'dbo')`)
        .all(name) as {
        cid: number;
        name: string;
        type: string;
        nn: number;
        dflt: string | null;
        pk: number;
      }[];
      const keyColumns = cols.filter((c) => c.pk > 0).length;
      const id = this.idOf(this.currentDatabase, name);
      for (const c of cols) {
        this.columnTypes.set(`${name}.${c.name}`.toLowerCase(), c.type);
        const identity = keyColumns === 1 && c.pk === 1 && /^INTEGER$/i.test(c.type);
        const nullable = c.nn === 0 && c.pk === 0;
        insert.run(
          id,
          c.name,
          c.cid + 1,
          systemTypeId(c.type),
          nullable ? 1 : 0,
          identity ? 1 : 0,
          0,
          c.dflt === null ? 0 : id * 1000 + c.cid + 1,
        );
      }
    }
  }

  /** A distinct, stable object id per database and table, as SQL Server's object_id. */
  private idOf(database: string, table: string): number {
    const key = `${database}.${table}`.toLowerCase();
    let id = this.objectIds.get(key);
    if (id === undefined) {
      id = 1001 + this.objectIds.size;
      this.objectIds.set(key, id);
    }
    return id;
  }

  private catalog(database: string): { tables: Set<string>; access: boolean } | undefined {
    if (database.toLowerCase() === this.currentDatabase.toLowerCase())
      return { tables: this.currentTables, access: true };
    return this.others.get(database.toLowerCase());
  }

  /** OBJECT_ID for [db].[schema].[table], schema.table or table; only the dbo schema exists here. */
  private objectId(name: string): number | null {
    const parts = splitMultipartName(name);
    if (!parts || parts.length > 3) return null;
    const table = parts[parts.length - 1] ?? '';
    const schema = parts.length >= 2 ? parts[parts.length - 2] || 'dbo' : 'dbo';
    const database = parts.length === 3 && parts[0] ? parts[0] : this.currentDatabase;
    if (schema.toLowerCase() !== 'dbo') return null;
    const found = this.catalog(database);
    return found?.access && found.tables.has(table.toLowerCase()) ? this.idOf(database, table) : null;
  }
}

/** sys.types ids of the fixture's declared types (231 nvarchar, 99 ntext, 56 int, 127 bigint, 61 datetime …). */
function systemTypeId(type: string): number {
  const t = type.toUpperCase();
  if (t.startsWith('NVARCHAR')) return 231;
  if (t.startsWith('VARCHAR')) return 167;
  if (t === 'NTEXT') return 99;
  if (t === 'INT' || t === 'INTEGER') return 56;
  if (t === 'BIGINT') return 127;
  if (t === 'BIT') return 104;
  if (t === 'DATETIME') return 61;
  if (t === 'FLOAT') return 62;
  if (t.startsWith('DECIMAL')) return 106;
  if (t === 'TIMESTAMP' || t === 'ROWVERSION') return 189;
  return 0;
}

/** Splits `[a]]b].dbo.t` into ['a]b', 'dbo', 't'] the way SQL Server parses multipart names. */
export function splitMultipartName(text: string): string[] | null {
  const parts: string[] = [];
  let i = 0;
  while (i <= text.length) {
    let part = '';
    if (text[i] === '[') {
      i++;
      for (;;) {
        if (i >= text.length) return null;
        if (text[i] === ']') {
          if (text[i + 1] === ']') {
            part += ']';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== '.') part += text[i++];
    }
    parts.push(part);
    if (i >= text.length) break;
    if (text[i] !== '.') return null;
    i++;
  }
  return parts;
}
