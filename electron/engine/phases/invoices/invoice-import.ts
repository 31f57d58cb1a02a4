import {
  InvoiceRejected,
  type InvoiceSettings,
  type InvoiceWriter,
  type WrittenInvoice,
} from '../../../erp/invoice-writer';
import { MAX_PAGES_PER_RUN } from '../../store-pages';
import { StampFailed, type Stamper } from '../../../erp/stamper';
import { StoreError, type InvoiceResult, type StoreClient } from '../../../store/port';
import { erpMarker } from '../../store-identity';
import type { InboxScope } from '../inbox/inbox-repo';
import type { ImportLock } from '../inbox/import-lock';
import { PassStopped, errorText, settleInbox, type SettleOutcome } from '../inbox/settle-loop';
import type { InvoiceInboxRepo, InvoiceRow } from './invoice-inbox-repo';

/** Seed: CONTPAQi Comercial Start licences sync only documents in these currencies. */
export const START_CURRENCIES = ['MXN', 'EUR', 'USD'] as const;

export interface InvoiceCounts {
  /** Invoices written in the ERP in this run. */
  created: number;
  /** Stamped in this run (by the stamper, or found stamped in the ERP) and sent to the store. */
  stamped: number;
  /** Requests rejected in this run (bad data or a currency the licence does not sync). */
  rejected: number;
  /** Written but not stamped after the run (stamping off, failed, or the stamper unavailable). */
  unstamped: number;
}

export interface InvoiceImportResult extends InvoiceCounts {
  /** Why requests were left for the next run (ERP or store down); null when none was. */
  problem: string | null;
}

export interface InvoiceEvent {
  level: 'info' | 'warning' | 'error';
  message: string;
  requestId: string | null;
}

export interface InvoiceImportDeps {
  /** The company and the store identity its inbox rows belong to. */
  scope: InboxScope;
  writer: InvoiceWriter;
  /**
   * Opens the stamper the first time an invoice needs one; null when automatic stamping is off. Resolves to
   * the stamper, or to why there is none (told to the store with the pending result).
   */
  openStamper: (() => Promise<Stamper | string>) | null;
  store: StoreClient;
  inbox: InvoiceInboxRepo;
  /** The company's one-inbound-pass-at-a-time lock. */
  lock: ImportLock;
  settings: Omit<InvoiceSettings, 'sourceDocumentId'>;
  /** The ERP document written for a store order (the order inbox), to link the invoice to it. */
  orderDocumentOf: (storeOrderId: string) => string | null;
  onEvent?: (e: InvoiceEvent) => void;
  signal?: AbortSignal;
  /** Requests asked per `GET /invoice-requests/pending` page. */
  pageSize?: number;
  /** How long the company's import lock holds without renewal (renewed before every request). */
  lockLeaseMs?: number;
  /** Test and crash hook, after each committed step. */
  afterStep?: (
    step: 'received' | 'written' | 'stamped' | 'told' | 'rejected',
    requestId: string,
  ) => void | Promise<void>;
}

const label = (id: string) => `La solicitud de factura ${id} de la tienda`;

export function reusedRequestReason(id: string, folio: string | null): string {
  return (
    `La tienda envió otra vez la solicitud de factura ${id} con otro contenido` +
    (folio ? `; ese identificador ya es la factura ${folio} del ERP` : '; ese identificador ya se estaba facturando') +
    '. No se facturó de nuevo: envíela desde la tienda con un identificador nuevo.'
  );
}

/**
 * Store invoice requests → ERP invoices, exactly once per request id, then stamping and the CFDI back to the
 * store: inbox (received) → ERP lookup by request id → write only if absent → inbox (written) → the ERP's own
 * stamp, else the stamper → inbox (stamped) → result to the store. The ERP is asked whether the invoice is
 * stamped before stamping, so a crash between the PAC's answer and our commit never stamps twice. A bad
 * request or a stamping failure affects that request alone; an ERP or store outage stops the pass.
 */
export async function importInvoices(d: InvoiceImportDeps): Promise<InvoiceImportResult> {
  const counts: InvoiceImportResult = { created: 0, stamped: 0, rejected: 0, unstamped: 0, problem: null };
  const emit = (level: InvoiceEvent['level'], message: string, requestId: string | null) =>
    d.onEvent?.({ level, message, requestId });
  const step = async (s: Parameters<NonNullable<InvoiceImportDeps['afterStep']>>[0], id: string) =>
    d.afterStep?.(s, id);
  let stamper: Stamper | null = null;
  let stamperDown: string | null = null;
  let stamperOpened = false;
  const getStamper = async (): Promise<Stamper | null> => {
    if (!stamperOpened && d.openStamper) {
      stamperOpened = true;
      const opened = await d.openStamper();
      if (typeof opened === 'string') {
        stamperDown = opened;
        emit('warning', opened, null);
      } else stamper = opened;
    }
    return stamper;
  };

  const tell = async (row: InvoiceRow, result: InvoiceResult): Promise<void> => {
    await d.store.sendInvoiceResult(row.requestId, result, { signal: d.signal });
    d.inbox.told(d.scope, row.requestId, result.status);
    await step('told', row.requestId);
  };

  const reject = async (row: InvoiceRow, reason: string, level: InvoiceEvent['level']): Promise<void> => {
    d.inbox.rejected(d.scope, row.requestId, reason);
    await step('rejected', row.requestId);
    counts.rejected++;
    emit(level, `${label(row.requestId)} no se facturó: ${reason}`, row.requestId);
    await tell(
      { ...row, state: 'rejected' },
      { status: 'failed', erpFolio: null, uuid: null, xml: null, pdf: null, message: reason },
    );
  };

  const write = async (row: InvoiceRow): Promise<WrittenInvoice | null> => {
    const req = row.request!;
    if (!(START_CURRENCIES as readonly string[]).includes(req.currency.toUpperCase())) {
      await reject(
        row,
        `La licencia de CONTPAQi Comercial Start sincroniza solo documentos en MXN, EUR y USD; la solicitud está en ${req.currency || 'una moneda sin clave'}.`,
        'warning',
      );
      return null;
    }
    const existing = await d.writer.findInvoice(row.marker);
    if (existing) return existing;
    try {
      const invoice = await d.writer.writeInvoice(
        { ...req, ref: row.marker },
        { ...d.settings, sourceDocumentId: req.orderId ? d.orderDocumentOf(req.orderId) : null },
      );
      counts.created++;
      emit('info', `Factura ${invoice.folio} creada en el ERP para la solicitud ${req.id} de la tienda.`, req.id);
      return invoice;
    } catch (err) {
      if (!(err instanceof InvoiceRejected)) throw err;
      await reject(row, err.message, 'error');
      return null;
    }
  };

  /** The ERP's stamp if it has one, else the stamper's; null when it stays unstamped. */
  const stampOf = async (
    row: InvoiceRow,
    invoice: WrittenInvoice,
  ): Promise<{ uuid: string; xml: string | null; pdf: Buffer | null } | null> => {
    const inErp = await d.writer.stampOf(invoice.documentId);
    if (inErp) return { ...inErp, pdf: null };
    // After a PAC refusal the invoice waits for a user to fix the data and stamp it in the ERP: not retried.
    if (row.stampError) return null;
    const current = await getStamper();
    if (!current) return null;
    try {
      return await current.stamp(invoice.documentId, { signal: d.signal });
    } catch (err) {
      if (d.signal?.aborted) throw err;
      if (err instanceof StampFailed) {
        const message = `No se timbró la factura ${invoice.folio}: ${err.message}${err.code ? ` (${err.code})` : ''}. Queda sin timbrar en el ERP.`;
        d.inbox.stampFailed(d.scope, row.requestId, message);
        emit('error', message, row.requestId);
        return null;
      }
      // The stamper itself is down: the rest of this run's invoices stay unstamped until the next run.
      stamperDown = `El timbrado automático no está disponible: ${errorText(err)}`;
      emit('error', stamperDown, row.requestId);
      await current.close().catch(() => undefined);
      stamper = null;
      return null;
    }
  };

  const settle = async (initial: InvoiceRow): Promise<void> => {
    let row = initial;
    try {
      if (row.state === 'rejected' || !row.request) {
        if (row.told !== 'failed')
          await tell(row, {
            status: 'failed',
            erpFolio: null,
            uuid: null,
            xml: null,
            pdf: null,
            message: row.rejectReason,
          });
        return;
      }
      if (row.state === 'received') {
        const invoice = await write(row);
        if (!invoice) return;
        d.inbox.written(d.scope, row.requestId, invoice);
        await step('written', row.requestId);
        row = d.inbox.get(d.scope, row.requestId)!;
      }
      if (row.state === 'written') {
        const cfdi = await stampOf(row, row.invoice!);
        if (cfdi) {
          d.inbox.stamped(d.scope, row.requestId, cfdi);
          await step('stamped', row.requestId);
          row = d.inbox.get(d.scope, row.requestId)!;
        } else {
          if (row.told !== 'pending') {
            const stampError = d.inbox.get(d.scope, row.requestId)?.stampError;
            const why = stampError ?? stamperDown ?? 'Queda pendiente de timbrar en CONTPAQi Comercial.';
            await tell(row, {
              status: 'pending',
              erpFolio: row.invoice!.folio,
              uuid: null,
              xml: null,
              pdf: null,
              message: why,
            });
          }
          return;
        }
      }
      if (row.state === 'stamped' && row.told !== 'stamped') {
        await tell(row, {
          status: 'stamped',
          erpFolio: row.invoice!.folio,
          uuid: row.uuid,
          xml: row.xml,
          pdf: row.pdfBase64,
          message: null,
        });
        counts.stamped++;
        emit(
          'info',
          `Factura ${row.invoice!.folio} timbrada (UUID ${row.uuid}); la tienda ya tiene su CFDI.`,
          row.requestId,
        );
      }
    } catch (err) {
      if (d.signal?.aborted) throw err;
      const message = errorText(err);
      d.inbox.failedAttempt(d.scope, row.requestId, message);
      counts.problem ??= `${label(row.requestId)}: ${message}`;
      if (err instanceof StoreError && !err.retryable && err.status !== 401) {
        emit('error', `${label(row.requestId)}: la tienda no aceptó el resultado: ${message}`, row.requestId);
        return;
      }
      emit('error', `${label(row.requestId)} quedó pendiente: ${message}`, row.requestId);
      throw new PassStopped(message);
    }
  };

  /** A reused id with other content: answered failed, the invoice of the first one untouched. */
  const refuseReused = async (row: InvoiceRow): Promise<void> => {
    const reason = reusedRequestReason(row.requestId, row.invoice?.folio ?? null);
    counts.rejected++;
    emit('error', reason, row.requestId);
    try {
      await d.store.sendInvoiceResult(
        row.requestId,
        { status: 'failed', erpFolio: null, uuid: null, xml: null, pdf: null, message: reason },
        { signal: d.signal },
      );
    } catch (err) {
      if (d.signal?.aborted) throw err;
      if (err instanceof StoreError && !err.retryable && err.status !== 401) return;
      throw new PassStopped(errorText(err));
    }
  };

  let outcome: SettleOutcome;
  try {
    outcome = await settleInbox({
      scope: d.scope,
      inbox: d.inbox,
      lock: d.lock,
      lockLeaseMs: d.lockLeaseMs,
      signal: d.signal,
      page: (cursor) => d.store.pendingInvoiceRequests({ limit: d.pageSize ?? 50, cursor, signal: d.signal }),
      markerOf: (id) => erpMarker('invoice', d.scope.storeKey, id),
      idOf: (row) => row.requestId,
      lockLost: 'Otro proceso tomó las solicitudes de factura de esta empresa.',
      tooManyPages: () =>
        emit(
          'warning',
          `La tienda envió más de ${MAX_PAGES_PER_RUN.toLocaleString('es-MX')} páginas de solicitudes de factura; el resto se leerá en la siguiente sincronización.`,
          null,
        ),
      withoutId: (reason) =>
        emit('error', `La tienda envió una solicitud de factura sin identificador válido; se ignoró: ${reason}`, null),
      malformed: (id, reason) => {
        counts.rejected++;
        emit('error', `${label(id)} no se facturó: ${reason}`, id);
      },
      settle,
      refuseReused,
      step,
    });
  } finally {
    await (stamper as Stamper | null)?.close().catch(() => undefined);
  }
  if (outcome.kind === 'busy') {
    counts.problem =
      'Otro proceso está procesando las solicitudes de factura de esta empresa; se continuará en la siguiente sincronización.';
    emit('warning', counts.problem, null);
  } else if (outcome.kind === 'stopped') counts.problem ??= outcome.message;
  else if (outcome.kind === 'unreadable') {
    counts.problem ??= `No se pudieron leer las solicitudes de factura de la tienda: ${outcome.reason}`;
    emit('error', counts.problem, null);
  }
  counts.unstamped = d.inbox.unstampedCount(d.scope);
  return counts;
}
