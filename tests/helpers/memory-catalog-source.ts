import type { InvoiceRequest } from '../../electron/erp/invoice-writer';
import type { InvoiceResult } from '../../electron/store/port';
import crypto from 'node:crypto';
import type { CatalogName } from '../../shared/catalogs';
import type { BlockChecksum, CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import type {
  BatchResult,
  CatalogBatch,
  Incoming,
  PageOptions,
  StoreClient,
  StoreIdentity,
  StorePage,
} from '../../electron/store/port';
import { InvoiceRequestSchema } from '../../electron/store/wopen/schemas/invoice-request-schema';
import { OrderSchema } from '../../electron/store/wopen/schemas/order-schema';
import { parseElement } from '../../electron/store/wopen/schemas/parse-element';
import { ORDER_HASH_IGNORES } from '../../electron/store/document-hash';
import { invoiceRequestFromWire, orderFromWire } from '../../electron/store/wopen/schemas/to-domain';
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

  /** Keys that are not the id (a code kept when the row is re-created with a new id), by `catalog/id`. */
  readonly keys = new Map<string, string>();

  set(catalog: CatalogName, id: number, data: Record<string, unknown>, key?: string): void {
    if (!this.rows.has(catalog)) this.rows.set(catalog, new Map());
    this.rows.get(catalog)!.set(id, data);
    if (key !== undefined) this.keys.set(`${catalog}/${id}`, key);
  }

  remove(catalog: CatalogName, id: number): void {
    this.rows.get(catalog)?.delete(id);
  }

  private sorted(catalog: CatalogName): CatalogRecord[] {
    return [...(this.rows.get(catalog) ?? new Map<number, Record<string, unknown>>())]
      .sort(([a], [b]) => a - b)
      .map(([id, data]) => ({
        key: this.keys.get(`${catalog}/${id}`) ?? String(id),
        block: Math.floor(id / this.blockSize),
        data,
      }));
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

  async *read(
    catalog: CatalogName,
    opts: { blocks?: readonly number[]; batchSize: number },
  ): AsyncIterable<CatalogRecord[]> {
    this.reads.push({ catalog, blocks: opts.blocks });
    const wanted = opts.blocks ? new Set(opts.blocks) : null;
    let batch: CatalogRecord[] = [];
    let served = 0;
    for (const r of this.sorted(catalog)) {
      if (wanted && !wanted.has(r.block)) continue;
      if (this.failReadsAfter !== null && served >= this.failReadsAfter)
        throw new Error('connect ECONNREFUSED (ERP caído)');
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

  /** The identity its ping reports; change it to play a reset or another store. */
  storeId = 'memoria-1';
  origin = 'https://memoria.wopen.com.mx';

  async identify(): Promise<StoreIdentity> {
    return { origin: this.origin, storeId: this.storeId, name: 'Tienda en memoria' };
  }

  async pushBatch(catalog: CatalogName, batch: CatalogBatch): Promise<BatchResult> {
    if (this.failBatchesFrom !== null && this.batches.length >= this.failBatchesFrom) {
      throw new StoreError('La tienda Wopen no respondió (HTTP 503) después de 4 intentos.', true, 503);
    }
    this.batches.push({ catalog, upserts: batch.upserts.length, deletes: batch.deletes.length });
    const rejected: BatchResult['rejected'] = [];
    for (const u of batch.upserts) {
      if (this.rejectKeys.has(u.key)) rejected.push({ key: u.key, message: 'precio inválido' });
      else
        this.records.set(`${catalog}/${u.key}`, {
          data: { ...this.records.get(`${catalog}/${u.key}`)?.data, ...u.data },
          active: true,
        });
    }
    for (const k of batch.deletes) {
      const r = this.records.get(`${catalog}/${k}`);
      if (r) r.active = false;
    }
    return { rejected };
  }

  /**
   * The store's orders as it would send them (any JSON, parsed by the real client's schemas on the way out),
   * with the same ack / reject rules as the sandbox.
   */
  readonly orders = new Map<
    string,
    {
      order: unknown;
      status: 'pending' | 'acked' | 'rejected';
      erpFolio?: string;
      erpDocumentId?: string;
      reason?: string;
    }
  >();
  acks: { id: string; erpFolio: string }[] = [];
  /** Throws a retryable StoreError on the next `failAcks` acks (the store is down after the ERP commit). */
  failAcks = 0;

  /** A well-formed order (paid unless it says otherwise). */
  addOrder(order: Omit<StoreOrder, 'paymentStatus'> & { paymentStatus?: StoreOrder['paymentStatus'] }): void {
    this.orders.set(order.id, { order: { paymentStatus: 'paid', ...order }, status: 'pending' });
  }

  /** Anything the store might send, as is; `key` is how ack/reject find it. */
  addRawOrder(key: string, raw: unknown): void {
    this.orders.set(key, { order: raw, status: 'pending' });
  }

  async pendingOrders(opts: PageOptions = {}): Promise<StorePage<StoreOrder>> {
    return pageOf(
      [...this.orders.values()].map((o) => (o.status === 'pending' ? o.order : SKIP)),
      opts,
      (raw) => parseElement(structuredClone(raw), OrderSchema, 'El pedido', orderFromWire, ORDER_HASH_IGNORES),
    );
  }

  async ackOrder(id: string, ack: { erpFolio: string; erpDocumentId: string }): Promise<void> {
    if (this.failAcks > 0) {
      this.failAcks--;
      throw new StoreError('La tienda Wopen no respondió (HTTP 503) después de 4 intentos.', true, 503);
    }
    const o = this.orders.get(id);
    if (!o) throw new StoreError('order not found', false, 404);
    if (o.status === 'rejected' || (o.status === 'acked' && o.erpFolio !== ack.erpFolio))
      throw new StoreError('conflict', false, 409);
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
  readonly invoiceRequests = new Map<
    string,
    { request: unknown; result: InvoiceResult | null; results: InvoiceResult[] }
  >();
  /** Throws a retryable StoreError on the next `failResults` results. */
  failResults = 0;

  addInvoiceRequest(request: InvoiceRequest): void {
    this.invoiceRequests.set(request.id, { request, result: null, results: [] });
  }

  addRawInvoiceRequest(key: string, raw: unknown): void {
    this.invoiceRequests.set(key, { request: raw, result: null, results: [] });
  }

  async pendingInvoiceRequests(opts: PageOptions = {}): Promise<StorePage<InvoiceRequest>> {
    return pageOf(
      [...this.invoiceRequests.values()].map((r) => (r.result === null ? r.request : SKIP)),
      opts,
      (raw) =>
        parseElement(structuredClone(raw), InvoiceRequestSchema, 'La solicitud de factura', invoiceRequestFromWire),
    );
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
    return [...this.records]
      .filter(([k, v]) => k.startsWith(`${catalog}/`) && v.active)
      .map(([k]) => k.slice(catalog.length + 1));
  }
}

const SKIP = Symbol('not pending');

/**
 * A page in insertion order; the cursor is the position of the last element sent, so elements that leave the
 * pending list between pages (acked, rejected) never shift the next page. Parsed like the real client.
 */
function pageOf<T>(all: unknown[], opts: PageOptions, parse: (raw: unknown) => Incoming<T>): StorePage<T> {
  const after = opts.cursor ? Number(opts.cursor) : -1;
  const limit = opts.limit ?? 50;
  const positions = all.map((v, i) => [v, i] as const).filter(([v, i]) => v !== SKIP && i > after);
  const slice = positions.slice(0, limit);
  const last = slice.at(-1)?.[1];
  return {
    items: slice.map(([v]) => parse(v)),
    nextCursor: positions.length > limit && last !== undefined ? String(last) : null,
  };
}
