import type { CatalogName } from '../../shared/catalogs';
import { StoreError, type StoreClient } from '../store/port';
import type { SyncStateRepo } from './sync-state-repo';
import type { Scope } from '../core/scope';

export interface PendingUpsert {
  key: string;
  block: number;
  data: Record<string, unknown>;
  hash: string;
}

export interface PushCounts {
  pushed: number;
  deleted: number;
  failed: number;
}

export interface PusherDeps {
  scope: Scope;
  catalog: CatalogName;
  store: StoreClient | null; // null = dry run: count, never send, never write state
  state: SyncStateRepo;
  batchSize: number;
  signal?: AbortSignal;
  /** `data`: the record the store rejected, when there is one (for the event's excerpt). */
  onRecordError: (key: string | null, message: string, data?: unknown) => void;
  /** Keys that would be pushed, kept for the dry-run report. */
  sampleLimit?: number;
}

/**
 * Sends upserts and deactivations in batches, with at most one batch in flight so reading the ERP and
 * pushing overlap. The state of a record advances only when the store accepted its batch; a record the
 * store rejected, or a batch that failed, marks its block so the block's checksum is not committed and the
 * next run looks at it again.
 */
export class BatchPusher {
  readonly counts: PushCounts = { pushed: 0, deleted: 0, failed: 0 };
  readonly failedBlocks = new Set<number>();
  readonly samples: string[] = [];
  fatal: StoreError | null = null;
  private upserts: PendingUpsert[] = [];
  private deletes: { key: string; block: number }[] = [];
  private inflight: Promise<void> = Promise.resolve();

  constructor(private readonly d: PusherDeps) {}

  async upsert(u: PendingUpsert): Promise<void> {
    this.upserts.push(u);
    if (this.upserts.length + this.deletes.length >= this.d.batchSize) await this.flush();
  }

  async delete(key: string, block: number): Promise<void> {
    this.deletes.push({ key, block });
    if (this.upserts.length + this.deletes.length >= this.d.batchSize) await this.flush();
  }

  /** Pushes everything queued and waits for the last batch. Throws the fatal error, if any. */
  async finish(): Promise<void> {
    if (this.upserts.length + this.deletes.length > 0) await this.flush();
    await this.inflight;
    if (this.fatal) throw this.fatal;
  }

  private async flush(): Promise<void> {
    await this.inflight;
    if (this.fatal) throw this.fatal;
    const upserts = this.upserts;
    const deletes = this.deletes;
    this.upserts = [];
    this.deletes = [];
    if (!this.d.store) {
      this.counts.pushed += upserts.length;
      this.counts.deleted += deletes.length;
      for (const k of [...upserts, ...deletes])
        if (this.samples.length < (this.d.sampleLimit ?? 5)) this.samples.push(k.key);
      return;
    }
    this.inflight = this.send(this.d.store, upserts, deletes);
  }

  private async send(
    store: StoreClient,
    upserts: PendingUpsert[],
    deletes: { key: string; block: number }[],
  ): Promise<void> {
    try {
      const res = await store.pushBatch(
        this.d.catalog,
        { upserts: upserts.map(({ key, data }) => ({ key, data })), deletes: deletes.map((x) => x.key) },
        { signal: this.d.signal },
      );
      const rejected = new Map(res.rejected.map((r) => [r.key, r.message]));
      const okUpserts = upserts.filter((u) => !rejected.has(u.key));
      const okDeletes = deletes.filter((x) => !rejected.has(x.key));
      this.d.state.commitAccepted(
        this.d.scope,
        this.d.catalog,
        okUpserts.map(({ key, block, hash }) => ({ key, block, hash })),
        okDeletes.map((x) => x.key),
      );
      this.counts.pushed += okUpserts.length;
      this.counts.deleted += okDeletes.length;
      for (const item of [...upserts, ...deletes]) {
        const message = rejected.get(item.key);
        if (message === undefined) continue;
        this.counts.failed++;
        this.failedBlocks.add(item.block);
        this.d.onRecordError(
          item.key,
          `La tienda rechazó el registro: ${message}`,
          'data' in item ? item.data : undefined,
        );
      }
    } catch (err) {
      this.fatal =
        err instanceof StoreError ? err : new StoreError(err instanceof Error ? err.message : String(err), true);
      this.counts.failed += upserts.length + deletes.length;
      for (const item of [...upserts, ...deletes]) this.failedBlocks.add(item.block);
      this.d.onRecordError(null, this.fatal.message);
    }
  }
}
