import type { SettingsDb } from '../../../settings/database';
import type { InvoiceRequest, WrittenInvoice } from '../../../erp/invoice-writer';
import type { InboxScope } from '../orders/order-inbox-repo';
import { documentHash } from '../../../store/document-hash';

export type InvoiceState = 'received' | 'written' | 'stamped' | 'rejected';
export type Told = 'pending' | 'stamped' | 'failed';

export interface InvoiceRow {
  requestId: string;
  /** Null when the store sent it malformed (only the excerpt is kept). */
  request: InvoiceRequest | null;
  contentHash: string | null;
  /** What identifies the ERP invoice of this request (Title). */
  marker: string;
  state: InvoiceState;
  told: Told | null;
  invoice: WrittenInvoice | null;
  uuid: string | null;
  xml: string | null;
  pdfBase64: string | null;
  rejectReason: string | null;
  stampError: string | null;
  attempts: number;
}

/** What `receive` found: the row to settle, or a reused id with other content than the first time. */
export type Received = { kind: 'row'; row: InvoiceRow } | { kind: 'conflict'; row: InvoiceRow };

interface Raw {
  RequestID: string;
  Payload: string;
  Malformed: number;
  ContentHash: string | null;
  ErpMarker: string;
  State: InvoiceState;
  Told: Told | null;
  ErpDocumentID: string | null;
  ErpFolio: string | null;
  Uuid: string | null;
  Xml: string | null;
  PdfBase64: string | null;
  RejectReason: string | null;
  StampError: string | null;
  Attempts: number;
}

const toRow = (r: Raw): InvoiceRow => ({
  requestId: r.RequestID,
  request: r.Malformed ? null : (JSON.parse(r.Payload) as InvoiceRequest),
  contentHash: r.ContentHash,
  marker: r.ErpMarker,
  state: r.State,
  told: r.Told,
  invoice: r.ErpDocumentID !== null && r.ErpFolio !== null ? { documentId: r.ErpDocumentID, folio: r.ErpFolio } : null,
  uuid: r.Uuid,
  xml: r.Xml,
  pdfBase64: r.PdfBase64,
  rejectReason: r.RejectReason,
  stampError: r.StampError,
  attempts: r.Attempts,
});

const COLUMNS =
  'RequestID, Payload, Malformed, ContentHash, ErpMarker, State, Told, ErpDocumentID, ErpFolio, Uuid, Xml, PdfBase64, RejectReason, StampError, Attempts';
const KEY = 'ConnectionID = ? AND CompanyID = ? AND StoreKey = ?';
const key = (s: InboxScope) => [s.connectionId, s.companyId, s.storeKey] as const;
const OPEN = `NOT ((State = 'stamped' AND Told = 'stamped') OR (State = 'rejected' AND Told = 'failed'))`;

/**
 * The invoice inbox (invoice_inbox): each request is recorded before the ERP is touched and every step is
 * committed before the next one, so a restart knows where each request stopped (like the order inbox).
 */
export class InvoiceInboxRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  /**
   * Records a well-formed request as received. The same id with the same content keeps its row; other content
   * is a conflict, except for a row rejected before any invoice was written (the store corrected it).
   */
  receive(s: InboxScope, request: InvoiceRequest, contentHash: string, marker: string): Received {
    return this.db.transaction((): Received => {
      const at = this.now();
      const inserted = this.db
        .prepare(
          `INSERT INTO invoice_inbox (ConnectionID, CompanyID, StoreKey, RequestID, Payload, ContentHash, ErpMarker, State, ReceivedAt, UpdatedAt)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'received', ?, ?) ON CONFLICT (ConnectionID, CompanyID, StoreKey, RequestID) DO NOTHING`,
        )
        .run(...key(s), request.id, JSON.stringify(request), contentHash, marker, at, at);
      const row = this.get(s, request.id)!;
      if (inserted.changes > 0 || row.contentHash === contentHash) return { kind: 'row', row };
      if (row.contentHash === null && row.request && documentHash(row.request) === contentHash) {
        this.update(s, request.id, 'ContentHash = ?', contentHash);
        return { kind: 'row', row: { ...row, contentHash } };
      }
      if (row.state === 'rejected' && row.invoice === null) {
        this.update(
          s,
          request.id,
          `State = 'received', Payload = ?, ContentHash = ?, Malformed = 0, RejectReason = NULL, Told = NULL, LastError = NULL, Attempts = 0`,
          JSON.stringify(request),
          contentHash,
        );
        return { kind: 'row', row: this.get(s, request.id)! };
      }
      return { kind: 'conflict', row };
    })();
  }

  /** Records a malformed request as rejected (its excerpt only); an id that already has an invoice is a conflict. */
  receiveMalformed(s: InboxScope, requestId: string, reason: string, excerpt: string, marker: string): Received {
    return this.db.transaction((): Received => {
      const existing = this.get(s, requestId);
      if (existing?.invoice) return { kind: 'conflict', row: existing };
      const at = this.now();
      this.db
        .prepare(
          `INSERT INTO invoice_inbox (ConnectionID, CompanyID, StoreKey, RequestID, Payload, ContentHash, ErpMarker, Malformed, State, RejectReason, ReceivedAt, UpdatedAt)
           VALUES (?, ?, ?, ?, ?, NULL, ?, 1, 'rejected', ?, ?, ?)
           ON CONFLICT (ConnectionID, CompanyID, StoreKey, RequestID) DO UPDATE SET Payload = excluded.Payload, ContentHash = NULL, Malformed = 1,
             State = 'rejected', RejectReason = excluded.RejectReason, Told = NULL, UpdatedAt = excluded.UpdatedAt`,
        )
        .run(...key(s), requestId, excerpt, marker, reason, at, at);
      return { kind: 'row', row: this.get(s, requestId)! };
    })();
  }

  get(s: InboxScope, requestId: string): InvoiceRow | undefined {
    const r = this.db
      .prepare(`SELECT ${COLUMNS} FROM invoice_inbox WHERE ${KEY} AND RequestID = ?`)
      .get(...key(s), requestId) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  /** Requests not finished with the store, oldest first. */
  open(s: InboxScope): InvoiceRow[] {
    return (
      this.db
        .prepare(`SELECT ${COLUMNS} FROM invoice_inbox WHERE ${KEY} AND ${OPEN} ORDER BY rowid`)
        .all(...key(s)) as Raw[]
    ).map(toRow);
  }

  /** Written in the ERP but not stamped: waiting for the stamper or for a user to stamp it in the ERP. */
  unstampedCount(s: InboxScope): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM invoice_inbox WHERE ${KEY} AND State = 'written'`).get(...key(s)) as {
        n: number;
      }
    ).n;
  }

  written(s: InboxScope, requestId: string, invoice: WrittenInvoice): void {
    this.update(
      s,
      requestId,
      `State = 'written', ErpDocumentID = ?, ErpFolio = ?, LastError = NULL`,
      invoice.documentId,
      invoice.folio,
    );
  }

  stamped(s: InboxScope, requestId: string, cfdi: { uuid: string; xml: string | null; pdf?: Buffer | null }): void {
    this.update(
      s,
      requestId,
      `State = 'stamped', Uuid = ?, Xml = ?, PdfBase64 = ?, StampError = NULL`,
      cfdi.uuid,
      cfdi.xml,
      cfdi.pdf ? cfdi.pdf.toString('base64') : null,
    );
  }

  stampFailed(s: InboxScope, requestId: string, message: string): void {
    this.update(s, requestId, 'StampError = ?', message);
  }

  rejected(s: InboxScope, requestId: string, reason: string): void {
    this.update(s, requestId, `State = 'rejected', RejectReason = ?`, reason);
  }

  /** What the store now knows; once it has the CFDI, the XML and PDF are not kept here any more. */
  told(s: InboxScope, requestId: string, told: Told): void {
    this.update(s, requestId, told === 'stamped' ? `Told = ?, Xml = NULL, PdfBase64 = NULL` : 'Told = ?', told);
  }

  failedAttempt(s: InboxScope, requestId: string, message: string): void {
    this.update(s, requestId, 'Attempts = Attempts + 1, LastError = ?', message);
  }

  private update(s: InboxScope, requestId: string, set: string, ...values: unknown[]): void {
    this.db
      .prepare(`UPDATE invoice_inbox SET ${set}, UpdatedAt = ? WHERE ${KEY} AND RequestID = ?`)
      .run(...values, this.now(), ...key(s), requestId);
  }
}
