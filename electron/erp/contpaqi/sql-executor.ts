/**
 * The narrow seam between the Start/Pro adapter and a database. Queries are parameterized T-SQL written in a
 * subset that SQLite also understands (named `@params`, no `N'…'` literals, no `+` string concatenation, no
 * TOP), so the same text runs in production (SQL Server through mssql) and in tests (SQLite fixture).
 * Values always travel as parameters, never inside the SQL text.
 */

export type SqlValue = string | number | boolean | null;
export type SqlParams = Readonly<Record<string, SqlValue>>;

/** What a transaction body may do: run statements on the transaction's connection. */
export interface SqlQueryRunner {
  query<T extends object>(sql: string, params?: SqlParams): Promise<T[]>;
}

export interface SqlExecutor extends SqlQueryRunner {
  /**
   * Runs `work` in ONE transaction on one connection: COMMIT when it resolves, ROLLBACK when it throws (the
   * error is rethrown unchanged, or as SqlFailure when the database failed). Used by the order writer.
   */
  transaction<T>(work: (tx: SqlQueryRunner) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export type SqlFailurePhase = 'connect' | 'query';

/**
 * A database failure reduced to what the Spanish error mapping needs. Executors throw only this, with the
 * password already scrubbed from the text.
 */
export class SqlFailure extends Error {
  override readonly name = 'SqlFailure';
  constructor(
    message: string,
    readonly phase: SqlFailurePhase,
    /** Driver code: ELOGIN, ESOCKET, ETIMEOUT, EINSTLOOKUP, EENCRYPT, EREQUEST… */
    readonly code: string | undefined,
    /** SQL Server error numbers seen (208 invalid object, 4060 cannot open database, 18456 login failed…). */
    readonly serverNumbers: readonly number[] = [],
    /** Low-level cause code (ENOTFOUND, ECONNREFUSED, ECONNRESET, ERR_SSL_…), when there is one. */
    readonly causeCode?: string,
  ) {
    super(message);
  }
}
