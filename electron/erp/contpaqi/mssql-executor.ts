import sql from 'mssql';
import type { ConnectionPool, config as MssqlConfig } from 'mssql';
import { SqlFailure, type SqlExecutor, type SqlParams, type SqlQueryRunner, type SqlValue } from './sql-executor';

/** Production SqlExecutor: one lazily opened mssql ConnectionPool with typed inputs. */
export class MssqlExecutor implements SqlExecutor {
  private pool: ConnectionPool | null = null;
  private connecting: Promise<ConnectionPool> | null = null;
  /** Server error numbers from the last login: tedious keeps only the last message (18456) and hides 4060. */
  private loginNumbers: number[] = [];

  constructor(
    private readonly config: MssqlConfig,
    /** Used only to scrub it out of any error text. */
    private readonly secret: string,
  ) {}

  async query<T extends object>(text: string, params: SqlParams = {}): Promise<T[]> {
    const pool = await this.connect();
    const request = pool.request();
    for (const [name, value] of Object.entries(params)) bindInput(request, name, value);
    try {
      const result = await request.query<T>(text);
      return result.recordset ?? [];
    } catch (err) {
      throw this.failure(err, 'query');
    }
  }

  /**
   * One mssql Transaction (one pooled connection, READ COMMITTED): every statement of `work` runs on it, in order.
   * Row locks taken by UPDATEs (the folio reservation) are held until COMMIT or ROLLBACK.
   */
  async transaction<T>(work: (tx: SqlQueryRunner) => Promise<T>): Promise<T> {
    const pool = await this.connect();
    const transaction = new sql.Transaction(pool);
    try {
      await transaction.begin();
    } catch (err) {
      throw this.failure(err, 'query');
    }
    const runner: SqlQueryRunner = {
      query: async <R extends object>(text: string, params: SqlParams = {}): Promise<R[]> => {
        const request = new sql.Request(transaction);
        for (const [name, value] of Object.entries(params)) bindInput(request, name, value);
        try {
          const result = await request.query<R>(text);
          return result.recordset ?? [];
        } catch (err) {
          throw this.failure(err, 'query');
        }
      },
    };
    let result: T;
    try {
      result = await work(runner);
    } catch (err) {
      await transaction.rollback().catch(() => undefined);
      throw err;
    }
    try {
      await transaction.commit();
    } catch (err) {
      await transaction.rollback().catch(() => undefined);
      throw this.failure(err, 'query');
    }
    return result;
  }

  async close(): Promise<void> {
    const pending = this.connecting;
    this.connecting = null;
    const pool = this.pool ?? (pending ? await pending.catch(() => null) : null);
    this.pool = null;
    if (pool) await pool.close().catch(() => undefined);
  }

  private connect(): Promise<ConnectionPool> {
    if (this.pool?.connected) return Promise.resolve(this.pool);
    if (!this.connecting) {
      this.loginNumbers = [];
      const pool = new sql.ConnectionPool({
        ...this.config,
        beforeConnect: (conn) => {
          conn.on('errorMessage', (token: { number?: number }) => {
            if (typeof token.number === 'number') this.loginNumbers.push(token.number);
          });
        },
      });
      // An idle pool error must not crash the main process; the next query reports it.
      pool.on('error', () => undefined);
      this.connecting = pool.connect().then(
        (p) => {
          this.pool = p;
          this.connecting = null;
          return p;
        },
        async (err: unknown) => {
          this.connecting = null;
          await pool.close().catch(() => undefined);
          throw this.failure(err, 'connect');
        },
      );
    }
    return this.connecting;
  }

  private failure(err: unknown, phase: 'connect' | 'query'): SqlFailure {
    const e = (err ?? {}) as {
      message?: unknown;
      code?: unknown;
      number?: unknown;
      originalError?: unknown;
      cause?: unknown;
      precedingErrors?: { number?: unknown }[];
    };
    const numbers = phase === 'connect' ? [...this.loginNumbers] : [];
    if (typeof e.number === 'number') numbers.push(e.number);
    for (const p of e.precedingErrors ?? []) if (typeof p.number === 'number') numbers.push(p.number);
    const message = scrub(String(e.message ?? err), this.secret);
    const code = typeof e.code === 'string' ? e.code : undefined;
    return new SqlFailure(message, phase, code, [...new Set(numbers)], findCauseCode(err));
  }
}

/** Typed inputs so SQL Server never guesses (NVARCHAR keeps Ñ, € and curly quotes intact). */
function bindInput(request: sql.Request, name: string, value: SqlValue): void {
  if (value === null) request.input(name, sql.NVarChar(4000), null);
  else if (typeof value === 'string')
    request.input(name, value.length > 4000 ? sql.NVarChar(sql.MAX) : sql.NVarChar(4000), value);
  else if (typeof value === 'boolean') request.input(name, sql.Bit, value);
  else if (Number.isInteger(value) && Math.abs(value) <= 2_147_483_647) request.input(name, sql.Int, value);
  else if (Number.isSafeInteger(value)) request.input(name, sql.BigInt, value);
  else request.input(name, sql.Float, value);
}

/** The deepest code along originalError/cause: the socket or TLS code (ENOTFOUND, ECONNREFUSED, ERR_SSL_…). */
function findCauseCode(err: unknown): string | undefined {
  let found: string | undefined;
  let current: unknown = err;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const c = current as { code?: unknown; originalError?: unknown; cause?: unknown };
    if (depth > 0 && typeof c.code === 'string') found = c.code;
    current = c.originalError ?? c.cause;
  }
  return found;
}

/** Drivers do not echo passwords, but a server message could; very short secrets would only mangle text. */
function scrub(text: string, secret: string): string {
  return secret.length >= 3 ? text.split(secret).join('[oculto]') : text;
}
