import { pidAlive } from '../../../settings/pid-alive';
import type { SettingsDb } from '../../../settings/database';
import type { StoreOrder, WrittenDocument } from '../../../erp/order-writer';
import type { Scope } from '../../../core/scope';
import { documentHash, ORDER_HASH_IGNORES } from '../../../store/document-hash';

export type InboxState = 'received' | 'written' | 'acked' | 'rejected';

/** A company's inbox for one store identity (docs/wopen-api.md "Store identity"). */
export interface InboxScope extends Scope {
  storeKey: string;
}

export interface InboxRow {
  storeOrderId: string;
  /** Null for an order the store sent malformed (only its excerpt is kept, in `excerpt`). */
  order: StoreOrder | null;
  excerpt: string | null;
  contentHash: string | null;
  /** What identifies the ERP document of this order (ORDEN_COMPRA / Title). */
  marker: string;
  state: InboxState;
  document: WrittenDocument | null;
  attempts: number;
  lastError: string | null;
  rejectReason: string | null;
}

/** What `receive` found: the row to settle, or a reused id with other content than the first time. */
export type Received = { kind: 'row'; row: InboxRow } | { kind: 'conflict'; row: InboxRow };

interface Raw {
  StoreOrderID: string;
  Payload: string;
  Malformed: number;
  ContentHash: string | null;
  ErpMarker: string;
  State: InboxState;
  ErpDocumentID: string | null;
  ErpFolio: string | null;
  Attempts: number;
  LastError: string | null;
  RejectReason: string | null;
}

const toRow = (r: Raw): InboxRow => ({
  storeOrderId: r.StoreOrderID,
  order: r.Malformed ? null : (JSON.parse(r.Payload) as StoreOrder),
  excerpt: r.Malformed ? r.Payload : null,
  contentHash: r.ContentHash,
  marker: r.ErpMarker,
  state: r.State,
  document: r.ErpDocumentID !== null && r.ErpFolio !== null ? { documentId: r.ErpDocumentID, folio: r.ErpFolio } : null,
  attempts: r.Attempts,
  lastError: r.LastError,
  rejectReason: r.RejectReason,
});

const COLUMNS =
  'StoreOrderID, Payload, Malformed, ContentHash, ErpMarker, State, ErpDocumentID, ErpFolio, Attempts, LastError, RejectReason';
const KEY = 'ConnectionID = ? AND CompanyID = ? AND StoreKey = ?';
const key = (s: InboxScope) => [s.connectionId, s.companyId, s.storeKey] as const;

/**
 * The order inbox (order_inbox): every store order is recorded here before the ERP is touched, and each
 * state change is committed before the next step, so a restart knows where every order stopped. Rows are
 * per store identity, with the content hash that tells a reused id from a repeated one.
 */
export class OrderInboxRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /**
   * Records a well-formed order as received. An id already here keeps its row when the content is the same
   * (a repeat); other content is a conflict, except for a row rejected before anything was written, which
   * takes the corrected content as a new attempt.
   */
  receive(s: InboxScope, order: StoreOrder, contentHash: string, marker: string): Received {
    return this.db.transaction((): Received => {
      const at = this.now();
      const inserted = this.db
        .prepare(
          `INSERT INTO order_inbox (ConnectionID, CompanyID, StoreKey, StoreOrderID, Kind, Payload, ContentHash, ErpMarker, State, ReceivedAt, UpdatedAt)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?) ON CONFLICT (ConnectionID, CompanyID, StoreKey, StoreOrderID) DO NOTHING`,
        )
        .run(...key(s), order.id, order.kind, JSON.stringify(order), contentHash, marker, at, at);
      const row = this.get(s, order.id)!;
      if (inserted.changes > 0 || row.contentHash === contentHash) return { kind: 'row', row };
      if (row.contentHash === null && row.order && documentHash(row.order, ORDER_HASH_IGNORES) === contentHash) {
        // A row from before content hashes whose stored order is this very content: adopt the fingerprint.
        this.update(s, order.id, 'ContentHash = ?', contentHash);
        return { kind: 'row', row: { ...row, contentHash } };
      }
      if (row.state === 'rejected' && row.document === null) {
        this.update(
          s,
          order.id,
          `State = 'received', Kind = ?, Payload = ?, ContentHash = ?, Malformed = 0, RejectReason = NULL, RejectedAt = NULL, LastError = NULL, Attempts = 0`,
          order.kind,
          JSON.stringify(order),
          contentHash,
        );
        return { kind: 'row', row: this.get(s, order.id)! };
      }
      return { kind: 'conflict', row };
    })();
  }

  /**
   * Records a malformed order (only its excerpt) as rejected, so the console lists it and a lost reject is
   * repeated. An id that already has a document keeps it: that is a conflict, returned for the caller to
   * report.
   */
  receiveMalformed(s: InboxScope, storeOrderId: string, reason: string, excerpt: string, marker: string): Received {
    return this.db.transaction((): Received => {
      const existing = this.get(s, storeOrderId);
      if (existing?.document) return { kind: 'conflict', row: existing };
      const at = this.now();
      this.db
        .prepare(
          `INSERT INTO order_inbox (ConnectionID, CompanyID, StoreKey, StoreOrderID, Kind, Payload, ContentHash, ErpMarker, Malformed, State, RejectReason, ReceivedAt, RejectedAt, UpdatedAt)
           VALUES (?, ?, ?, ?, NULL, ?, NULL, ?, 1, 'rejected', ?, ?, ?, ?)
           ON CONFLICT (ConnectionID, CompanyID, StoreKey, StoreOrderID) DO UPDATE SET Kind = NULL, Payload = excluded.Payload, ContentHash = NULL,
             Malformed = 1, State = 'rejected', RejectReason = excluded.RejectReason, RejectedAt = excluded.RejectedAt, UpdatedAt = excluded.UpdatedAt`,
        )
        .run(...key(s), storeOrderId, excerpt, marker, reason, at, at, at);
      return { kind: 'row', row: this.get(s, storeOrderId)! };
    })();
  }

  get(s: InboxScope, storeOrderId: string): InboxRow | undefined {
    const r = this.db
      .prepare(`SELECT ${COLUMNS} FROM order_inbox WHERE ${KEY} AND StoreOrderID = ?`)
      .get(...key(s), storeOrderId) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  /** Rows a crash or a failure left unfinished (received or written), oldest first. */
  open(s: InboxScope): InboxRow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM order_inbox WHERE ${KEY} AND State IN ('received', 'written') ORDER BY rowid`)
        .all(...key(s)) as Raw[]
    ).map(toRow);
  }

  /**
   * Failed rows of the company's current store (storeKey; null before the first run: every row), with their
   * reason, newest first.
   */
  rejected(s: Scope, storeKey: string | null, limit = 200): (InboxRow & { malformed: boolean })[] {
    return (
      this.db
        .prepare(
          `SELECT ${COLUMNS} FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND (? IS NULL OR StoreKey = ?) AND State = 'rejected'
           ORDER BY RejectedAt DESC LIMIT ?`,
        )
        .all(s.connectionId, s.companyId, storeKey, storeKey, limit) as Raw[]
    ).map((r) => ({ ...toRow(r), malformed: r.Malformed === 1 }));
  }

  /**
   * *Reintentar* in the console: a rejected order goes back to received so the next run writes it again. A
   * malformed one cannot: the store must send it corrected.
   */
  retry(s: Scope, storeKey: string | null, storeOrderId: string): boolean {
    const r = this.db
      .prepare(
        `UPDATE order_inbox SET State = 'received', RejectReason = NULL, RejectedAt = NULL, LastError = NULL, UpdatedAt = ?
         WHERE ConnectionID = ? AND CompanyID = ? AND (? IS NULL OR StoreKey = ?) AND StoreOrderID = ? AND State = 'rejected' AND Malformed = 0`,
      )
      .run(this.now(), s.connectionId, s.companyId, storeKey, storeKey, storeOrderId);
    return r.changes > 0;
  }

  /** The ERP document written for a store order of this company, in any store identity (invoice links). */
  documentOf(s: Scope, storeOrderId: string, storeKey?: string): string | null {
    const r = this.db
      .prepare(
        `SELECT ErpDocumentID FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND StoreOrderID = ? AND ErpDocumentID IS NOT NULL
         ORDER BY (StoreKey = ?) DESC, rowid DESC LIMIT 1`,
      )
      .get(s.connectionId, s.companyId, storeOrderId, storeKey ?? '') as { ErpDocumentID: string } | undefined;
    return r?.ErpDocumentID ?? null;
  }

  written(s: InboxScope, storeOrderId: string, doc: WrittenDocument): void {
    this.update(
      s,
      storeOrderId,
      `State = 'written', ErpDocumentID = ?, ErpFolio = ?, WrittenAt = ?, LastError = NULL`,
      doc.documentId,
      doc.folio,
      this.now(),
    );
  }

  acked(s: InboxScope, storeOrderId: string): void {
    this.update(s, storeOrderId, `State = 'acked', AckedAt = ?, LastError = NULL`, this.now());
  }

  rejectedWith(s: InboxScope, storeOrderId: string, reason: string): void {
    this.update(
      s,
      storeOrderId,
      `State = 'rejected', RejectReason = ?, RejectedAt = ?, LastError = NULL`,
      reason,
      this.now(),
    );
  }

  /** A transient failure (ERP or store down): the row keeps its state for the next run. */
  failedAttempt(s: InboxScope, storeOrderId: string, message: string): void {
    this.update(s, storeOrderId, 'Attempts = Attempts + 1, LastError = ?', message);
  }

  /** Unfinished rows (received or written) of the company for its current store: the run's "pending". */
  openCount(s: InboxScope): number {
    return (
      this.db
        .prepare(`SELECT COUNT(*) AS n FROM order_inbox WHERE ${KEY} AND State IN ('received', 'written')`)
        .get(...key(s)) as { n: number }
    ).n;
  }

  /**
   * Takes the company's import lock for `owner` (or renews it). Refused while another live process holds an
   * unexpired lease; a holder whose pid is gone (killed) or whose lease ran out loses it.
   */
  tryLock(s: Scope, owner: string, leaseMs: number, isAlive: (pid: number) => boolean = pidAlive): boolean {
    const take = this.db.transaction((): boolean => {
      const now = this.now();
      const held = this.db
        .prepare('SELECT Owner, Pid, Until FROM order_import_locks WHERE ConnectionID = ? AND CompanyID = ?')
        .get(s.connectionId, s.companyId) as { Owner: string; Pid: number; Until: string } | undefined;
      if (held && held.Owner !== owner && held.Until > now && isAlive(held.Pid)) return false;
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      this.db
        .prepare(
          `INSERT INTO order_import_locks (ConnectionID, CompanyID, Owner, Pid, Until) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET Owner = excluded.Owner, Pid = excluded.Pid, Until = excluded.Until`,
        )
        .run(s.connectionId, s.companyId, owner, process.pid, until);
      return true;
    });
    return take.immediate();
  }

  unlock(s: Scope, owner: string): void {
    this.db
      .prepare('DELETE FROM order_import_locks WHERE ConnectionID = ? AND CompanyID = ? AND Owner = ?')
      .run(s.connectionId, s.companyId, owner);
  }

  private update(s: InboxScope, storeOrderId: string, set: string, ...values: unknown[]): void {
    this.db
      .prepare(`UPDATE order_inbox SET ${set}, UpdatedAt = ? WHERE ${KEY} AND StoreOrderID = ?`)
      .run(...values, this.now(), ...key(s), storeOrderId);
  }
}
