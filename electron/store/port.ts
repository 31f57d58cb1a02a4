import type { TestResult } from '../../shared/test-result';
import type { CatalogName } from '../../shared/catalogs';
import type { StoreOrder } from '../erp/order-writer';
import type { InvoiceRequest } from '../erp/invoice-writer';

/** Store credentials for one company (the password only ever lives in memory here). */
export interface StoreCredentials {
  url: string;
  user: string;
  password: string;
}

export interface CatalogUpsert {
  key: string;
  data: Record<string, unknown>;
}

export interface CatalogBatch {
  upserts: CatalogUpsert[];
  /** Keys to deactivate in the store. */
  deletes: string[];
}

export interface BatchResult {
  /** Records the store refused, one by one; every other key of the batch was stored. */
  rejected: { key: string; message: string }[];
  /** The store answered 429 (too many requests) at least once on the way: the caller should send less at once. */
  throttled?: boolean;
}

/**
 * A batch the store did not accept after the client's retries. `retryable` tells whether a later run may
 * succeed (network, 5xx, 429) or the batch itself is wrong (400, 422).
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * The store side (CONTPAQi Wopen; b2bGO works the same way). Its API is not public: the contract we assume
 * is written in docs/wopen-api.md, and every store adapter lives behind this interface.
 */
export interface StoreClient {
  /** Authenticates and pings the store; explains failures in Spanish. */
  testConnection(): Promise<TestResult>;
  /**
   * Upserts and deactivates one batch of one catalog. Retries transient failures itself (backoff with
   * jitter, Retry-After); throws StoreError when the batch was not accepted.
   */
  pushBatch(catalog: CatalogName, batch: CatalogBatch, opts?: PushBatchOptions): Promise<BatchResult>;
  /**
   * The store's identity (docs/wopen-api.md "Store identity"): its normalized origin and the `storeId` its
   * ping reports. Everything the engine remembers about a store is scoped by it.
   */
  identify(opts?: OrderCallOptions): Promise<StoreIdentity>;
  /**
   * One page of the orders and quotes the ERP has neither acknowledged nor rejected, oldest first. Each
   * element is parsed on its own: a malformed one comes back as such, never as an exception for the page.
   * Throws StoreError when the page itself is unreadable (not JSON, not the envelope, over the size cap).
   */
  pendingOrders(opts?: PageOptions): Promise<StorePage<StoreOrder>>;
  /**
   * Tells the store the order is in the ERP. Idempotent with the same folio; throws StoreError (status 409)
   * when the store has it rejected or acknowledged with another folio.
   */
  ackOrder(orderId: string, ack: { erpFolio: string; erpDocumentId: string }, opts?: OrderCallOptions): Promise<void>;
  /** Shows the order as failed in the store with the reason (Spanish). Idempotent; 409 when already acknowledged. */
  rejectOrder(orderId: string, reason: string, opts?: OrderCallOptions): Promise<void>;
  /** Invoice requests without a result yet, oldest first, paged and parsed like orders. */
  pendingInvoiceRequests(opts?: PageOptions): Promise<StorePage<InvoiceRequest>>;
  /** What became of a request (stamped with its CFDI, pending stamping, failed). The latest result wins. */
  sendInvoiceResult(requestId: string, result: InvoiceResult, opts?: OrderCallOptions): Promise<void>;
}

/** docs/wopen-api.md, "Invoice requests". */
export interface InvoiceResult {
  status: 'stamped' | 'pending' | 'failed';
  erpFolio: string | null;
  uuid: string | null;
  /** The CFDI XML (stamped only). */
  xml: string | null;
  /** The PDF, base64 (stamped only, when the ERP produced one). */
  pdf: string | null;
  /** Spanish: why it is pending or failed. */
  message: string | null;
}

export interface OrderCallOptions {
  signal?: AbortSignal;
}

export interface PageOptions extends OrderCallOptions {
  limit?: number;
  /** The previous page's `nextCursor`; absent for the first page. */
  cursor?: string | null;
}

/** Who the store is: its normalized origin (scheme, host, port) and the id it reports in its ping. */
export interface StoreIdentity {
  origin: string;
  storeId: string;
  name: string | null;
}

/**
 * One element of a page: valid, with the SHA-256 of its content (the idempotency check for reused ids), or
 * malformed, with a Spanish reason naming the field, its id when it has a usable one, and a JSON excerpt.
 */
export type Incoming<T> =
  { ok: true; value: T; contentHash: string } | { ok: false; id: string | null; reason: string; excerpt: string };

export interface StorePage<T> {
  items: Incoming<T>[];
  /** Pass back for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PushBatchOptions {
  /** Cancels the push (and its waits); the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Part of the Idempotency-Key with the catalog and the body. Defaults to one random value per call: the
   * call's retries reuse their key, and identical content pushed by a later call is applied, not replayed.
   */
  idempotencyScope?: string;
}

export type StoreFactory = (credentials: StoreCredentials) => StoreClient;
