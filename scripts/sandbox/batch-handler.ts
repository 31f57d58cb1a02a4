import { createHash } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { parseBatch, recordProblem } from './batch-validation';
import type { RecordsStore } from './records-store';
import type { SandboxStats } from './sandbox-stats';
import type { ApiResponse } from './api-response';

interface StoredResponse {
  body_hash: string;
  status: number;
  response: string;
}

/**
 * `POST /catalogs/{catalog}/batch`: validation, idempotency and application in one transaction, so a
 * stored response always matches what was applied.
 */
export class BatchHandler {
  private readonly findKey: Statement<[string], StoredResponse>;
  private readonly saveKey: Statement<[string, string, number, string, string]>;
  private readonly applyTx: (catalog: string, key: string, hash: string, rawBody: string) => ApiResponse;

  constructor(
    db: Database,
    private readonly records: RecordsStore,
    /** A getter: resetting the stats swaps the object. */
    private readonly stats: () => SandboxStats,
  ) {
    this.findKey = db.prepare('SELECT body_hash, status, response FROM idempotency WHERE key = ?');
    this.saveKey = db.prepare(
      'INSERT INTO idempotency (key, body_hash, status, response, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.applyTx = db.transaction((catalog: string, key: string, hash: string, rawBody: string) =>
      this.apply(catalog, key, hash, rawBody),
    );
  }

  handle(
    catalog: string,
    idempotencyKey: string | undefined,
    rawBody: string,
  ): ApiResponse & { records?: number; replay?: boolean } {
    if (!idempotencyKey) return { status: 400, body: { error: 'Idempotency-Key header is required' } };
    // The hash covers the catalog too: the same key reused for another catalog is a different request.
    const hash = createHash('sha256').update(catalog).update('\n').update(rawBody).digest('hex');
    const stored = this.findKey.get(idempotencyKey);
    if (stored) {
      if (stored.body_hash !== hash) {
        return { status: 422, body: { error: 'Idempotency-Key already used with a different body' } };
      }
      this.stats().catalog(catalog).replays++;
      this.stats().recordsReceived += countRecords(rawBody);
      return { status: stored.status, rawBody: stored.response, replay: true };
    }
    return this.applyTx(catalog, idempotencyKey, hash, rawBody);
  }

  private apply(
    catalog: string,
    idempotencyKey: string,
    hash: string,
    rawBody: string,
  ): ApiResponse & { records?: number } {
    let body: unknown;
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { status: 400, body: { error: 'body is not valid JSON' } };
    }
    const parsed = parseBatch(catalog, body);
    if (!parsed.ok) return { status: 400, body: { error: parsed.message } };
    const { upserts, deletes } = parsed.batch;
    const total = upserts.length + deletes.length;
    this.stats().recordsReceived += total;

    const now = new Date().toISOString();
    const rejected: { key: string; message: string }[] = [];
    for (const u of upserts) {
      const problem = recordProblem(catalog, u.data);
      if (problem) rejected.push({ key: u.key, message: problem });
      else this.records.upsert(catalog, u.key, u.data, JSON.stringify(u.data), now);
    }
    for (const key of deletes) this.records.deactivateKey(catalog, key, now);

    const response = JSON.stringify({ accepted: total - rejected.length, rejected });
    this.saveKey.run(idempotencyKey, hash, 200, response, now);

    const counters = this.stats().catalog(catalog);
    counters.applied++;
    counters.upserts += upserts.length;
    counters.deletes += deletes.length;
    counters.rejected += rejected.length;
    this.stats().recordsApplied += total;
    return { status: 200, rawBody: response, records: total };
  }
}

function countRecords(rawBody: string): number {
  const b = JSON.parse(rawBody) as { upserts: unknown[]; deletes: unknown[] };
  return b.upserts.length + b.deletes.length;
}
