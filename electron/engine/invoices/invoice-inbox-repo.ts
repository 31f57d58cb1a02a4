import type { SettingsDb } from '../../settings/database';
import type { InvoiceRequest, WrittenInvoice } from '../../erp/invoice-writer';
import type { Scope } from '../sync-state-repo';

export type InvoiceState = 'received' | 'written' | 'stamped' | 'rejected';
export type Told = 'pending' | 'stamped' | 'failed';

export interface InvoiceRow {
  requestId: string;
  request: InvoiceRequest;
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

interface Raw {
  RequestID: string;
  Payload: string;
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
  request: JSON.parse(r.Payload) as InvoiceRequest,
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

const COLUMNS = 'RequestID, Payload, State, Told, ErpDocumentID, ErpFolio, Uuid, Xml, PdfBase64, RejectReason, StampError, Attempts';
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

  /** Records the request as received; one already in the inbox keeps its state. */
  receive(s: Scope, request: InvoiceRequest): InvoiceRow {
    const at = this.now();
    this.db
      .prepare(
        `INSERT INTO invoice_inbox (ConnectionID, CompanyID, RequestID, Payload, State, ReceivedAt, UpdatedAt)
         VALUES (?, ?, ?, ?, 'received', ?, ?) ON CONFLICT (ConnectionID, CompanyID, RequestID) DO NOTHING`,
      )
      .run(s.connectionId, s.companyId, request.id, JSON.stringify(request), at, at);
    return this.get(s, request.id)!;
  }

  get(s: Scope, requestId: string): InvoiceRow | undefined {
    const r = this.db
      .prepare(`SELECT ${COLUMNS} FROM invoice_inbox WHERE ConnectionID = ? AND CompanyID = ? AND RequestID = ?`)
      .get(s.connectionId, s.companyId, requestId) as Raw | undefined;
    return r ? toRow(r) : undefined;
  }

  /** Requests not finished with the store, oldest first. */
  open(s: Scope): InvoiceRow[] {
    return (
      this.db.prepare(`SELECT ${COLUMNS} FROM invoice_inbox WHERE ConnectionID = ? AND CompanyID = ? AND ${OPEN} ORDER BY rowid`).all(s.connectionId, s.companyId) as Raw[]
    ).map(toRow);
  }

  /** Written in the ERP but not stamped: waiting for the stamper or for a user to stamp it in the ERP. */
  unstampedCount(s: Scope): number {
    return (
      this.db.prepare(`SELECT COUNT(*) AS n FROM invoice_inbox WHERE ConnectionID = ? AND CompanyID = ? AND State = 'written'`).get(s.connectionId, s.companyId) as {
        n: number;
      }
    ).n;
  }

  written(s: Scope, requestId: string, invoice: WrittenInvoice): void {
    this.update(s, requestId, `State = 'written', ErpDocumentID = ?, ErpFolio = ?, LastError = NULL`, invoice.documentId, invoice.folio);
  }

  stamped(s: Scope, requestId: string, cfdi: { uuid: string; xml: string | null; pdf?: Buffer | null }): void {
    this.update(
      s,
      requestId,
      `State = 'stamped', Uuid = ?, Xml = ?, PdfBase64 = ?, StampError = NULL`,
      cfdi.uuid,
      cfdi.xml,
      cfdi.pdf ? cfdi.pdf.toString('base64') : null,
    );
  }

  stampFailed(s: Scope, requestId: string, message: string): void {
    this.update(s, requestId, 'StampError = ?', message);
  }

  rejected(s: Scope, requestId: string, reason: string): void {
    this.update(s, requestId, `State = 'rejected', RejectReason = ?`, reason);
  }

  /** What the store now knows; once it has the CFDI, the XML and PDF are not kept here any more. */
  told(s: Scope, requestId: string, told: Told): void {
    this.update(s, requestId, told === 'stamped' ? `Told = ?, Xml = NULL, PdfBase64 = NULL` : 'Told = ?', told);
  }

  failedAttempt(s: Scope, requestId: string, message: string): void {
    this.update(s, requestId, 'Attempts = Attempts + 1, LastError = ?', message);
  }

  private update(s: Scope, requestId: string, set: string, ...values: unknown[]): void {
    this.db
      .prepare(`UPDATE invoice_inbox SET ${set}, UpdatedAt = ? WHERE ConnectionID = ? AND CompanyID = ? AND RequestID = ?`)
      .run(...values, this.now(), s.connectionId, s.companyId, requestId);
  }
}
