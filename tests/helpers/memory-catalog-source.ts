import type { InvoiceRequest } from '../../electron/erp/invoice-writer';
import type { InvoiceResult } from '../../electron/store/port';
import crypto from 'node:crypto';
import type { CatalogName } from '../../shared/catalogs';
import type { BlockChecksum, CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import type { BatchResult, CatalogBatch, StoreClient } from '../../electron/store/port';
import type { StoreOrder } from '../../electron/erp/order-writer';
import { StoreError } from '../../electron/store/port';

/** An ERP catalog in memory: rows keyed by id, block = floor(id / blockSize). For engine unit tests. */
export class MemoryCatalogSource implements CatalogSource {
  readonly rows = new Map<CatalogName, Map<number, Record<string, unknown>>>();
  reads: { catalog: CatalogName; blocks: readonly number[] | undefined }[] = [];
  failReadsAfter: number | null = null;
  constructor(
    readonly catalogs: readonly CatalogName[],
    private readonly blockSize = 10,
  ) {}

  set(catalog: CatalogName, id: number, data: Record<string, unknown>): void {
    if (!this.rows.has(catalog)) this.rows.set(catalog, new Map());
    this.rows.get(catalog)!.set(id, data);
  }

  remove(catalog: CatalogName, id: number): void {
    this.rows.get(catalog)?.delete(id);
  }

  private sorted(catalog: CatalogName): CatalogRecord[] {
    return [...(this.rows.get(catalog) ?? new Map<number, Record<string, unknown>>())]
      .sort(([a], [b]) => a - b)
      .map(([id, data]) => ({ key: String(id), block: Math.floor(id / this.blockSize), data }));
  }

  async checksums(catalog: CatalogName): Promise<Map<number, BlockChecksum>> {
    const out = new Map<number, { count: number; h: crypto.Hash }>();
    for (const r of this.sorted(catalog)) {
      const e = out.get(r.block) ?? { count: 0, h: crypto.createHash('sha1') };
      e.count++;
      e.h.update(`${r.key}=${JSON.stringify(r.data)};`);
      out.set(r.block, e);
    }
    return new Map([...out].map(([b, e]) => [b, { count: e.count, checksum: e.h.digest('hex') }]));
  }

  async *read(catalog: CatalogName, opts: { blocks?: readonly number[]; batchSize: number }): AsyncIterable<CatalogRecord[]> {
    this.reads.push({ catalog, blocks: opts.blocks });
    const wanted = opts.blocks ? new Set(opts.blocks) : null;
    let batch: CatalogRecord[] = [];
    let served = 0;
    for (const r of this.sorted(catalog)) {
      if (wanted && !wanted.has(r.block)) continue;
      if (this.failReadsAfter !== null && served >= this.failReadsAfter) throw new Error('connect ECONNREFUSED (ERP caído)');
      served++;
      batch.push(r);
      if (batch.length >= opts.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length) yield batch;
  }

  async close(): Promise<void> {}
}

/** A store that keeps what it accepted; can reject keys or fail batches on demand. */
export class RecordingStore implements StoreClient {
  readonly records = new Map<string, { data: Record<string, unknown>; active: boolean }>();
  batches: { catalog: CatalogName; upserts: number; deletes: number }[] = [];
  rejectKeys = new Set<string>();
  failBatchesFrom: number | null = null;

  async testConnection() {
    return { ok: true, message: 'ok', hints: [], elapsedMs: 0 };
  }

  async pushBatch(catalog: CatalogName, batch: CatalogBatch): Promise<BatchResult> {
    if (this.failBatchesFrom !== null && this.batches.length >= this.failBatchesFrom) {
      throw new StoreError('La tienda Wopen no respondió (HTTP 503) después de 4 intentos.', true, 503);
    }
    this.batches.push({ catalog, upserts: batch.upserts.length, deletes: batch.deletes.length });
    const rejected: BatchResult['rejected'] = [];
    for (const u of batch.upserts) {
      if (this.rejectKeys.has(u.key)) rejected.push({ key: u.key, message: 'precio inválido' });
      else this.records.set(`${catalog}/${u.key}`, { data: { ...this.records.get(`${catalog}/${u.key}`)?.data, ...u.data }, active: true });
    }
    for (const k of batch.deletes) {
      const r = this.records.get(`${catalog}/${k}`);
      if (r) r.active = false;
    }
    return { rejected };
  }

  /** Issue 5: the store's orders, with the same ack / reject rules as the sandbox. */
  readonly orders = new Map<string, { order: StoreOrder; status: 'pending' | 'acked' | 'rejected'; erpFolio?: string; erpDocumentId?: string; reason?: string }>();
  acks: { id: string; erpFolio: string }[] = [];
  /** Throws a retryable StoreError on the next `failAcks` acks (the store is down after the ERP commit). */
  failAcks = 0;

  addOrder(order: StoreOrder): void {
    this.orders.set(order.id, { order, status: 'pending' });
  }

  async pendingOrders(opts: { limit?: number } = {}): Promise<StoreOrder[]> {
    return [...this.orders.values()].filter((o) => o.status === 'pending').slice(0, opts.limit ?? 50).map((o) => structuredClone(o.order));
  }

  async ackOrder(id: string, ack: { erpFolio: string; erpDocumentId: string }): Promise<void> {
    if (this.failAcks > 0) {
      this.failAcks--;
      throw new StoreError('La tienda Wopen no respondió (HTTP 503) después de 4 intentos.', true, 503);
    }
    const o = this.orders.get(id);
    if (!o) throw new StoreError('order not found', false, 404);
    if (o.status === 'rejected' || (o.status === 'acked' && o.erpFolio !== ack.erpFolio)) throw new StoreError('conflict', false, 409);
    this.acks.push({ id, erpFolio: ack.erpFolio });
    Object.assign(o, { status: 'acked', ...ack });
  }

  async rejectOrder(id: string, reason: string): Promise<void> {
    const o = this.orders.get(id);
    if (!o) throw new StoreError('order not found', false, 404);
    if (o.status === 'acked') throw new StoreError('conflict', false, 409);
    if (o.status === 'pending') Object.assign(o, { status: 'rejected', reason });
  }

  /** Issue 7: invoice requests and the results the engine sent for them (the latest one wins). */
  readonly invoiceRequests = new Map<string, { request: InvoiceRequest; result: InvoiceResult | null; results: InvoiceResult[] }>();
  /** Throws a retryable StoreError on the next `failResults` results. */
  failResults = 0;

  addInvoiceRequest(request: InvoiceRequest): void {
    this.invoiceRequests.set(request.id, { request, result: null, results: [] });
  }

  async pendingInvoiceRequests(): Promise<InvoiceRequest[]> {
    return [...this.invoiceRequests.values()].filter((r) => r.result === null).map((r) => structuredClone(r.request));
  }

  async sendInvoiceResult(id: string, result: InvoiceResult): Promise<void> {
    if (this.failResults > 0) {
      this.failResults--;
      throw new StoreError('La tienda Wopen no respondió (HTTP 503) después de 4 intentos.', true, 503);
    }
    const r = this.invoiceRequests.get(id);
    if (!r) throw new StoreError('invoice request not found', false, 404);
    r.result = result;
    r.results.push(result);
  }

  active(catalog: CatalogName): string[] {
    return [...this.records].filter(([k, v]) => k.startsWith(`${catalog}/`) && v.active).map(([k]) => k.slice(catalog.length + 1));
  }
}
