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
  /** Most batches in flight at once; MAX_IN_FLIGHT unless a test says otherwise. */
  maxInFlight?: number;
}

/**
 * Batches in flight at once. A store in the cloud is tens of ms away: with one batch at a time its round trip would
 * add to every batch; with a few, reading the ERP and the store's answers overlap. Small, because each holds up to
 * a batch of records in memory and a store that struggles should not get a burst.
 */
export const MAX_IN_FLIGHT = 4;

/**
 * Sends upserts and deactivations in batches, several in flight (a window) so reading the ERP and pushing
 * overlap and the store's latency is hidden. A 429 from the store halves the window (down to one batch at a
 * time); batches answered without one let it grow back by one. The state of a record advances only when the store
 * accepted its batch; a record the store rejected, or a batch that failed, marks its block so the block's checksum
 * is not committed and the next run looks at it again. After a failed batch nothing more is sent.
 */
export class BatchPusher {
  readonly counts: PushCounts = { pushed: 0, deleted: 0, failed: 0 };
  readonly failedBlocks = new Set<number>();
  readonly samples: string[] = [];
  fatal: StoreError | null = null;
  private upserts: PendingUpsert[] = [];
  private deletes: { key: string; block: number }[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly maxWindow: number;
  private currentWindow: number;
  /** Batches answered without a 429 since the window last changed. */
  private calm = 0;
  /** Batches handed to the store so far, and how many had been when the window was last halved. */
  private sent = 0;
  private halvedAt = 0;

  constructor(private readonly d: PusherDeps) {
    this.maxWindow = Math.max(1, d.maxInFlight ?? MAX_IN_FLIGHT);
    this.currentWindow = this.maxWindow;
  }

  /** How many batches may be in flight now. */
  get window(): number {
    return this.currentWindow;
  }

  async upsert(u: PendingUpsert): Promise<void> {
    this.upserts.push(u);
    if (this.upserts.length + this.deletes.length >= this.d.batchSize) await this.flush();
  }

  async delete(key: string, block: number): Promise<void> {
    this.deletes.push({ key, block });
    if (this.upserts.length + this.deletes.length >= this.d.batchSize) await this.flush();
  }

  /**
   * Pushes everything queued (unless a batch already failed) and waits until no batch is in flight, so nothing
   * is recorded after the catalog's outcome is built. Throws the fatal error, if any.
   */
  async finish(): Promise<void> {
    try {
      if (!this.fatal && this.upserts.length + this.deletes.length > 0) await this.flush();
    } finally {
      while (this.inflight.size > 0) await Promise.allSettled(this.inflight);
    }
    if (this.fatal) throw this.fatal;
  }

  private async flush(): Promise<void> {
    while (this.inflight.size >= this.currentWindow) await Promise.race(this.inflight).catch(() => undefined);
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
    const sequence = this.sent++;
    const sending: Promise<void> = this.send(this.d.store, upserts, deletes, sequence).finally(() =>
      this.inflight.delete(sending),
    );
    this.inflight.add(sending);
  }

  /**
   * Additive increase, multiplicative decrease: the store's 429s set the pace. One slowdown halves the window
   * once: 429s of batches sent before the last halving were already answered by it.
   */
  private adjustWindow(throttled: boolean, sequence: number): void {
    if (throttled) {
      if (sequence < this.halvedAt) return;
      this.currentWindow = Math.max(1, Math.floor(this.currentWindow / 2));
      this.halvedAt = this.sent;
      this.calm = 0;
    } else if (++this.calm >= 2 * this.currentWindow && this.currentWindow < this.maxWindow) {
      this.currentWindow++;
      this.calm = 0;
    }
  }

  private async send(
    store: StoreClient,
    upserts: PendingUpsert[],
    deletes: { key: string; block: number }[],
    sequence: number,
  ): Promise<void> {
    try {
      const res = await store.pushBatch(
        this.d.catalog,
        { upserts: upserts.map(({ key, data }) => ({ key, data })), deletes: deletes.map((x) => x.key) },
        { signal: this.d.signal },
      );
      this.adjustWindow(res.throttled === true, sequence);
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
