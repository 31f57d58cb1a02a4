import type { SettingsDb } from '../../../settings/database';
import type { InvoiceRequest, WrittenInvoice } from '../../../erp/invoice-writer';
import { InboxRepo, type InboxScope, type InboxTable } from '../inbox/inbox-repo';

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

/** Open = not finished with the store: everything but stamped-and-told and rejected-and-told. */
const OPEN = `NOT ((State = 'stamped' AND Told = 'stamped') OR (State = 'rejected' AND Told = 'failed'))`;

/** invoice_inbox: received → written (ERP invoice) → stamped, or rejected; `Told` is what the store last heard. */
const INVOICE_INBOX: InboxTable<InvoiceRequest, InvoiceRow> = {
  table: 'invoice_inbox',
  idColumn: 'RequestID',
  columns: ['Told', 'Uuid', 'Xml', 'PdfBase64', 'StampError'],
  openWhere: OPEN,
  malformedColumns: () => ({ Told: null }),
  clearedOnRetake: ['Told'],
  toRow: (e, r) => ({
    requestId: e.id,
    request: e.doc,
    contentHash: e.contentHash,
    marker: e.marker,
    state: e.state as InvoiceState,
    told: r.Told as Told | null,
    invoice: e.document,
    uuid: r.Uuid as string | null,
    xml: r.Xml as string | null,
    pdfBase64: r.PdfBase64 as string | null,
    rejectReason: e.rejectReason,
    stampError: r.StampError as string | null,
    attempts: e.attempts,
  }),
};

/** The invoice inbox: the shared inbox with stamping and what the store was told. */
export class InvoiceInboxRepo extends InboxRepo<InvoiceRequest, InvoiceRow> {
  constructor(db: SettingsDb, now?: () => string) {
    super(db, INVOICE_INBOX, now);
  }

  /** Written in the ERP but not stamped: waiting for the stamper or for a user to stamp it in the ERP. */
  unstampedCount(s: InboxScope): number {
    return this.count(s, `State = 'written'`);
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
}
