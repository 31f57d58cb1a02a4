import type { InvoiceWriter } from '../../../erp/invoice-writer';
import { capabilitiesOf } from '../../../erp/capabilities';
import type { Stamper } from '../../../erp/stamper';
import type { StoreClient } from '../../../store/port';
import type { InboxScope } from '../inbox/inbox-repo';
import type { ImportLock } from '../inbox/import-lock';
import type { InvoiceInboxRepo } from './invoice-inbox-repo';
import { importInvoices, type InvoiceCounts, type InvoiceEvent } from './invoice-import';

export interface InvoicesReport extends InvoiceCounts {
  /** 'failed': the ERP or the store stopped the pass; 'skipped': this ERP does not create invoices from the store. */
  state: 'success' | 'failed' | 'skipped';
  message: string;
}

export interface InvoiceCompanySettings {
  /** *Timbrado de factura automática*. */
  autoStamp: boolean;
  claveProdServ: string | null;
  claveUnidad: string | null;
}

export interface InvoicesPassDeps {
  scope: InboxScope;
  erp: object;
  store: StoreClient;
  inbox: InvoiceInboxRepo;
  lock: ImportLock;
  settings: InvoiceCompanySettings;
  orderDocumentOf: (storeOrderId: string) => string | null;
  onEvent: (e: InvoiceEvent) => void;
  signal?: AbortSignal;
}

const fmt = (n: number) => n.toLocaleString('es-MX');

export function describeInvoices(c: InvoiceCounts): string {
  return `Facturas: ${fmt(c.created)} creadas, ${fmt(c.stamped)} timbradas, ${fmt(c.unstamped)} sin timbrar, ${fmt(c.rejected)} rechazadas.`;
}

/** The invoice-requests part of a company run (after orders, when Sincronización Facturas is on). */
export async function runInvoicesPass(d: InvoicesPassDeps): Promise<InvoicesReport> {
  const empty = { created: 0, stamped: 0, rejected: 0, unstamped: d.inbox.unstampedCount(d.scope) };
  // Microsip companies do not create invoices from the store (b2bGO does not): only the invoices catalog.
  const caps = capabilitiesOf(d.erp);
  const invoicing = caps.invoices;
  if (!invoicing) return { state: 'skipped', ...empty, message: 'Este ERP no crea facturas desde la tienda.' };
  let writer: InvoiceWriter;
  try {
    writer = await invoicing.openInvoices(d.scope.companyId);
  } catch (err) {
    const message = `No se pudo abrir el ERP para crear facturas: ${err instanceof Error ? err.message : String(err)}`;
    d.onEvent({ level: 'error', message, requestId: null });
    return { state: 'failed', ...empty, message };
  }
  const openStamper = async (): Promise<Stamper | string> => {
    const missing =
      'El timbrado automático no está disponible en este equipo (falta el programa auxiliar de timbrado de CONTPAQi); las facturas quedan pendientes de timbrar en el ERP.';
    const stamping = caps.stamping;
    if (!stamping) return missing;
    try {
      return (await stamping.openStamper(d.scope.companyId)) ?? missing;
    } catch (err) {
      return `No se pudo iniciar el timbrado automático: ${err instanceof Error ? err.message : String(err)}`;
    }
  };
  try {
    const counts = await importInvoices({
      scope: d.scope,
      writer,
      openStamper: d.settings.autoStamp ? openStamper : null,
      store: d.store,
      inbox: d.inbox,
      lock: d.lock,
      settings: {
        series: null,
        defaultClaveProdServ: d.settings.claveProdServ,
        defaultClaveUnidad: d.settings.claveUnidad,
      },
      orderDocumentOf: d.orderDocumentOf,
      onEvent: d.onEvent,
      signal: d.signal,
    });
    const { problem, ...rest } = counts;
    return {
      state: problem ? 'failed' : 'success',
      ...rest,
      message: problem ? `${describeInvoices(rest)} ${problem}` : describeInvoices(rest),
    };
  } finally {
    await writer.close().catch(() => undefined);
  }
}
