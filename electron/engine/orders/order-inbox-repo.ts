import { pidAlive } from '../../lease/pid-alive';
import type { SettingsDb } from '../../settings/database';
import type { StoreOrder, WrittenDocument } from '../../erp/order-writer';
import type { Scope } from '../sync-state-repo';

export type InboxState = 'received' | 'written' | 'acked' | 'rejected';

export interface InboxRow {
  storeOrderId: string;
  order: StoreOrder;
  state: InboxState;
  document: WrittenDocument | null;
  attempts: number;
  lastError: string | null;
  rejectReason: string | null;
}

interface Raw {
  StoreOrderID: string;
  Payload: string;
  State: InboxState;
  ErpDocumentID: string | null;
  ErpFolio: string | null;
  Attempts: number;
  LastError: string | null;
  RejectReason: string | null;
}

const toRow = (r: Raw): InboxRow => ({
  storeOrderId: r.StoreOrderID,
  order: JSON.parse(r.Payload) as StoreOrder,
  state: r.State,
  document: r.ErpDocumentID !== null && r.ErpFolio !== null ? { documentId: r.ErpDocumentID, folio: r.ErpFolio } : null,
  attempts: r.Attempts,
  lastError: r.LastError,
  rejectReason: r.RejectReason,
});

const COLUMNS = 'StoreOrderID, Payload, State, ErpDocumentID, ErpFolio, Attempts, LastError, RejectReason';

/**
 * The order inbox (order_inbox): every store order is recorded here before the ERP is touched, and each
 * state change is committed before the next step, so a restart knows where every order stopped.
 */
export class OrderInboxRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /** Records the order as received; an order already in the inbox keeps its state. Returns the stored row. */
  receive(s: Scope, order: StoreOrder): InboxRow {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO order_inbox (ConnectionID, CompanyID, StoreOrderID, Kind, Payload, State, ReceivedAt, UpdatedAt)
         VALUES (?, ?, ?, ?, ?, 'received', ?, ?) ON CONFLICT (ConnectionID, CompanyID, StoreOrderID) DO NOTHING`,
      )
      .run(s.connectionId, s.companyId, order.id, order.kind, JSON.stringify(order), at, at);
    return this.get(s, order.id)!;
  }

  get(s: Scope, storeOrderId: string): InboxRow | undefined {
    const r = this.db
      .prepare(`SELECT ${COLUMNS} FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND StoreOrderID = ?`)
      .get(s.connectionId, s.companyId, storeOrderId) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  /** Rows a crash or a failure left unfinished (received or written), oldest first. */
  open(s: Scope): InboxRow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND State IN ('received', 'written') ORDER BY rowid`)
        .all(s.connectionId, s.companyId) as Raw[]
    ).map(toRow);
  }

  /** Failed rows with their reason, newest first (the console's list of failed orders). */
  rejected(s: Scope, limit = 200): InboxRow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND State = 'rejected' ORDER BY RejectedAt DESC LIMIT ?`)
        .all(s.connectionId, s.companyId, limit) as Raw[]
    ).map(toRow);
  }

  /** *Reintentar* in the console: a rejected order goes back to received so the next run writes it again. */
  retry(s: Scope, storeOrderId: string): boolean {
    const r = this.db
      .prepare(
        `UPDATE order_inbox SET State = 'received', RejectReason = NULL, RejectedAt = NULL, LastError = NULL, UpdatedAt = ?
         WHERE ConnectionID = ? AND CompanyID = ? AND StoreOrderID = ? AND State = 'rejected'`,
      )
      .run(this.now(), s.connectionId, s.companyId, storeOrderId);
    return r.changes > 0;
  }

  written(s: Scope, storeOrderId: string, doc: WrittenDocument): void {
    const at = this.now();
    this.update(s, storeOrderId, `State = 'written', ErpDocumentID = ?, ErpFolio = ?, WrittenAt = ?, LastError = NULL`, doc.documentId, doc.folio, at);
  }

  acked(s: Scope, storeOrderId: string): void {
    this.update(s, storeOrderId, `State = 'acked', AckedAt = ?, LastError = NULL`, this.now());
  }

  rejectedWith(s: Scope, storeOrderId: string, reason: string): void {
    this.update(s, storeOrderId, `State = 'rejected', RejectReason = ?, RejectedAt = ?, LastError = NULL`, reason, this.now());
  }

  /** A transient failure (ERP or store down): the row keeps its state for the next run. */
  failedAttempt(s: Scope, storeOrderId: string, message: string): void {
    this.update(s, storeOrderId, 'Attempts = Attempts + 1, LastError = ?', message);
  }

  /** Counts of unfinished rows (received or written) for the run's "pending". */
  openCount(s: Scope): number {
    return (
      this.db
        .prepare(`SELECT COUNT(*) AS n FROM order_inbox WHERE ConnectionID = ? AND CompanyID = ? AND State IN ('received', 'written')`)
        .get(s.connectionId, s.companyId) as { n: number }
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
    this.db.prepare('DELETE FROM order_import_locks WHERE ConnectionID = ? AND CompanyID = ? AND Owner = ?').run(s.connectionId, s.companyId, owner);
  }

  private update(s: Scope, storeOrderId: string, set: string, ...values: unknown[]): void {
    this.db
      .prepare(`UPDATE order_inbox SET ${set}, UpdatedAt = ? WHERE ConnectionID = ? AND CompanyID = ? AND StoreOrderID = ?`)
      .run(...values, this.now(), s.connectionId, s.companyId, storeOrderId);
  }
}
