import Database from 'better-sqlite3';
import { SqlFailure, type SqlExecutor, type SqlParams, type SqlQueryRunner } from '../../electron/erp/contpaqi/sql-executor';
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
 * CONCAT, CASE, COUNT, SUM, COALESCE, LTRIM/RTRIM, LEFT JOIN, derived tables and @named parameters are native
 * to both engines.
 */
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

  constructor(readonly currentDatabase = 'ComercialSP') {
    this.db.exec(`ATTACH DATABASE ':memory:' AS dbo; ATTACH DATABASE ':memory:' AS sys;
      CREATE TABLE sys.databases (name TEXT NOT NULL, database_id INTEGER NOT NULL, state INTEGER NOT NULL,
                                  source_database_id INTEGER NULL);`);
    const system = ['master', 'tempdb', 'model', 'msdb'];
    system.forEach((name, i) => this.addServerDatabase(name, [], { databaseId: i + 1 }));
    this.addServerDatabase(currentDatabase, [], { databaseId: 5 });
    this.db.function('QUOTENAME', { deterministic: true }, (name: unknown) =>
      typeof name === 'string' && name.length <= 128 ? `[${name.replaceAll(']', ']]')}]` : null,
    );
    this.db.function('HAS_DBACCESS', (name: unknown) => (this.catalog(String(name))?.access ? 1 : 0));
    this.db.function('OBJECT_ID', { varargs: true }, (...args: unknown[]) => this.objectId(String(args[0])));
    this.db.function('COL_LENGTH', { varargs: true }, (...args: unknown[]) => this.colLength(String(args[0]), String(args[1])));
    registerTsqlChecksumFunctions(this.db);
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
      this.others.set(name.toLowerCase(), { tables: new Set(tables.map((t) => t.toLowerCase())), access: opts.access ?? true });
    }
  }

  query<T extends object>(sql: string, params: SqlParams = {}): Promise<T[]> {
    return this.run<T>(sql, params, false);
  }

  private async run<T extends object>(sql: string, params: SqlParams, inTransaction: boolean): Promise<T[]> {
    if (this.closed) throw new SqlFailure('Connection is closed.', 'connect', 'ECONNCLOSED');
    const bound = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 1 : 0) : v]));
    try {
      if (this.failWhen?.(sql)) {
        this.failWhen = null;
        throw new Error('Injected failure: the server stopped answering (fault injection).');
      }
      const ddl = /^\s*(CREATE|ALTER|DROP)\s+(\w+)/i.exec(sql);
      if (ddl && this.denyDdl) {
        const what = `${ddl[1]!.toUpperCase()} ${ddl[2]!.toUpperCase()}`;
        throw new SqlFailure(`${what} permission denied in database '${this.currentDatabase}'.`, 'query', 'EREQUEST', [262]);
      }
      if (/\bEXEC\s+@\w+\s*=\s*sp_getapplock\b/i.test(sql)) {
        if (inTransaction) this.appLocks.push(String(bound.lockName));
        return [{ result: inTransaction ? 0 : -999 } as T];
      }
      const stmt = this.db.prepare(sql);
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
      if (column) throw new SqlFailure(`Invalid column name '${column[1]!.replace(/^\w+\./, '')}'.`, 'query', 'EREQUEST', [207]);
      throw new SqlFailure(message, 'query', 'EREQUEST', []);
    }
  }

  transaction<T>(work: (tx: SqlQueryRunner) => Promise<T>): Promise<T> {
    const run = this.txQueue.then(async () => {
      if (this.closed) throw new SqlFailure('Connection is closed.', 'connect', 'ECONNCLOSED');
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work({ query: <R extends object>(sql: string, params: SqlParams = {}) => this.run<R>(sql, params, true) });
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
    for (const { name } of rows) {
      const cols = this.db.prepare(`SELECT name, type FROM pragma_table_info(?, 'dbo')`).all(name) as { name: string; type: string }[];
      for (const c of cols) this.columnTypes.set(`${name}.${c.name}`.toLowerCase(), c.type);
    }
  }

  private catalog(database: string): { tables: Set<string>; access: boolean } | undefined {
    if (database.toLowerCase() === this.currentDatabase.toLowerCase()) return { tables: this.currentTables, access: true };
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
    return found?.access && found.tables.has(table.toLowerCase()) ? 1000 + table.length : null;
  }
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
          if (text[i + 1] === ']') { part += ']'; i += 2; continue; }
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
