import {
  InvoiceRejected,
  type InvoiceRequest,
  type InvoiceSettings,
  type InvoiceToWrite,
  type InvoiceWriter,
  type StampedInvoice,
  type WrittenInvoice,
} from '../../electron/erp/invoice-writer';
import { StampFailed, type StampedCfdi, type Stamper } from '../../electron/erp/stamper';

/**
 * An ERP that creates invoices, in memory: each document carries the request id (like the Start/Pro marker)
 * and its stamp, so duplicates and double stamps show up. `crashAfterCommit` simulates dying after the commit.
 */
export class MemoryInvoiceWriter implements InvoiceWriter {
  readonly documents: {
    documentId: string;
    folio: string;
    requestId: string;
    ref: string;
    request: InvoiceRequest;
    settings: InvoiceSettings;
    stamp: StampedInvoice | null;
  }[] = [];
  customers = new Set(['C1', 'C2']);
  articles = new Set(['A1', 'A2']);
  down = false;
  writes = 0;
  crashAfterCommit = 0;

  async writeInvoice(request: InvoiceToWrite, settings: InvoiceSettings): Promise<WrittenInvoice> {
    if (this.down) throw new Error('Login failed for user sa (SQL Server no responde).');
    this.writes++;
    if (!this.customers.has(request.customerKey))
      throw new InvoiceRejected(`El cliente «${request.customerKey}» no existe en CONTPAQi.`, 'unknown-customer');
    for (const l of request.lines) {
      if (!this.articles.has(l.articleKey) && (!settings.defaultClaveProdServ || !settings.defaultClaveUnidad)) {
        throw new InvoiceRejected(
          `El artículo «${l.articleKey}» no existe en CONTPAQi y la empresa no tiene Clave Prod/Serv y Clave Unidad predeterminadas.`,
          'missing-sat-keys',
        );
      }
    }
    const n = this.documents.length + 1;
    const doc = { documentId: String(5000 + n), folio: `WF${String(n).padStart(6, '0')}` };
    this.documents.push({ ...doc, requestId: request.id, ref: request.ref, request, settings, stamp: null });
    if (this.crashAfterCommit > 0) {
      this.crashAfterCommit--;
      throw new Error('El proceso se interrumpió después de escribir en el ERP.');
    }
    return doc;
  }

  async findInvoice(ref: string): Promise<WrittenInvoice | null> {
    if (this.down) throw new Error('Login failed for user sa (SQL Server no responde).');
    const d = this.documents.find((x) => x.ref === ref);
    return d ? { documentId: d.documentId, folio: d.folio } : null;
  }

  async stampOf(documentId: string): Promise<StampedInvoice | null> {
    return this.documents.find((x) => x.documentId === documentId)?.stamp ?? null;
  }

  /** A user stamps the invoice in CONTPAQi. */
  stampInErp(documentId: string, uuid: string): void {
    this.documents.find((x) => x.documentId === documentId)!.stamp = {
      uuid,
      xml: `<cfdi:Comprobante Folio="${documentId}"/>`,
    };
  }

  async close(): Promise<void> {}
}

/**
 * A stamper over the memory ERP: marks the document stamped (as Comercial does) and returns the CFDI.
 * `refuse` maps document ids to a PAC message; `dieAfterStamp` stamps and then fails as if the process died
 * before the engine could record it.
 */
export class MemoryStamper implements Stamper {
  calls: string[] = [];
  refuse = new Map<string, string>();
  dieAfterStamp = new Set<string>();
  down = false;
  closed = 0;

  constructor(private readonly erp: MemoryInvoiceWriter) {}

  async stamp(documentId: string): Promise<StampedCfdi> {
    this.calls.push(documentId);
    if (this.down) throw new Error('El programa auxiliar de timbrado terminó inesperadamente (código 3).');
    const refusal = this.refuse.get(documentId);
    if (refusal) throw new StampFailed(refusal, 'CFDI40145');
    const uuid = `6f1c2a4e-0000-4000-8000-${documentId.padStart(12, '0')}`.toUpperCase();
    this.erp.stampInErp(documentId, uuid);
    if (this.dieAfterStamp.delete(documentId))
      throw new Error('El programa auxiliar de timbrado terminó inesperadamente (código 3).');
    return { uuid, xml: `<cfdi:Comprobante Folio="${documentId}"/>`, pdf: Buffer.from('%PDF-1.4 factura') };
  }

  async close(): Promise<void> {
    this.closed++;
  }
}
