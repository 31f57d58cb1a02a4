import type { Phase } from '../phase';
import { OrderInboxRepo } from '../orders/order-inbox-repo';
import { ImportLock } from '../inbox/import-lock';
import { InvoiceInboxRepo } from './invoice-inbox-repo';
import { runInvoicesPass } from './invoices-pass';

/** Sincronización Facturas: the store's invoice requests into the ERP, then their stamping. */
export const invoicesPhase: Phase = {
  id: 'invoices',
  label: 'Facturas',
  countLabels: { created: 'creadas', stamped: 'timbradas', unstamped: 'sin timbrar', rejected: 'rechazadas' },
  eventTag: 'invoice-requests',
  enabled: (settings) => settings.invoices,
  async run(ctx) {
    const orders = new OrderInboxRepo(ctx.db, ctx.now);
    const { state, message, ...counts } = await runInvoicesPass({
      scope: ctx.scope,
      erp: ctx.erp,
      store: ctx.store,
      inbox: new InvoiceInboxRepo(ctx.db, ctx.now),
      lock: new ImportLock(ctx.db, ctx.now),
      settings: {
        autoStamp: ctx.settings.autoStamp,
        claveProdServ: ctx.settings.claveProdServ,
        claveUnidad: ctx.settings.claveUnidad,
      },
      orderDocumentOf: (storeOrderId) => orders.documentOf(ctx.scope, storeOrderId, ctx.scope.storeKey),
      signal: ctx.signal,
      onEvent: (e) => ctx.event({ level: e.level, message: e.message, recordKey: e.requestId }),
    });
    return { state, message, counts };
  },
  crashed: (ctx, reason) => ({
    state: 'failed',
    message: `No se procesaron las solicitudes de factura: ${reason}`,
    counts: {
      created: 0,
      stamped: 0,
      rejected: 0,
      unstamped: new InvoiceInboxRepo(ctx.db, ctx.now).unstampedCount(ctx.scope),
    },
  }),
};
