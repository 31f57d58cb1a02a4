/** In-memory counters and request log for tests and the engine benchmark (reset with the sandbox). */
export interface CatalogCounters {
  calls: number;
  applied: number;
  replays: number;
  upserts: number;
  deletes: number;
  rejected: number;
}

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  /** HTTP status sent, or what happened instead ("hang", "reset"). */
  outcome: number | 'hang' | 'reset';
  ms: number;
  fault?: string;
  idempotencyKey?: string;
  records?: number;
  replay?: boolean;
}

const LOG_SIZE = 2000;

export class SandboxStats {
  startedAt = new Date().toISOString();
  requests = 0;
  authCalls = 0;
  /** Every batch request received, whatever happened to it (faults, 400s and replays included). */
  batchCalls = 0;
  /** Upserts + deletes of every batch processed: applied ones and idempotent replays (not faulted-away ones). */
  recordsReceived = 0;
  /** Upserts + deletes of batches actually applied (replays excluded). */
  recordsApplied = 0;
  faultsServed = 0;
  byStatus: Record<string, number> = {};
  catalogs: Record<string, CatalogCounters> = {};
  private log: RequestLogEntry[] = [];

  catalog(name: string): CatalogCounters {
    return (this.catalogs[name] ??= { calls: 0, applied: 0, replays: 0, upserts: 0, deletes: 0, rejected: 0 });
  }

  record(entry: RequestLogEntry): void {
    const k = String(entry.outcome);
    this.byStatus[k] = (this.byStatus[k] ?? 0) + 1;
    this.log.push(entry);
    if (this.log.length > LOG_SIZE * 2) this.log = this.log.slice(-LOG_SIZE);
  }

  recent(limit: number): RequestLogEntry[] {
    return this.log.slice(-Math.min(limit, LOG_SIZE));
  }

  toJSON(): object {
    const { log: _log, ...rest } = this;
    return rest;
  }
}
