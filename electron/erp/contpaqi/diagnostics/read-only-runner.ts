import type { SqlExecutor, SqlParams, SqlQueryRunner } from '../sql-executor';

/**
 * *Diagnóstico* must never write to the customer's database, whatever a future edit of its checks does: every
 * statement goes through this guard, which lets one SELECT through and refuses anything else (a second statement
 * after `;`, SELECT … INTO) before it reaches the server. No transaction is offered.
 */
export class ReadOnlyRunner implements SqlQueryRunner {
  constructor(private readonly db: SqlExecutor) {}

  query<T extends object>(sql: string, params?: SqlParams): Promise<T[]> {
    const text = sql.replace(/--[^\n]*/g, ' ').trim();
    if (!/^SELECT\b/i.test(text) || /;\s*\S/.test(text) || /\bINTO\b/i.test(text)) {
      return Promise.reject(
        new Error(`El diagnóstico solo ejecuta consultas SELECT; se rechazó: ${text.slice(0, 60)}`),
      );
    }
    return this.db.query<T>(sql, params);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
