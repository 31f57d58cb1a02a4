import type { Phase } from '../phase';
import { ImportLock } from '../inbox/import-lock';
import { OrderInboxRepo } from './order-inbox-repo';
import { OrderSettingsRepo } from './order-settings-repo';
import { runOrdersPass } from './orders-pass';

/** Sincronización Pedidos: store orders into the ERP, exactly once. */
export const ordersPhase: Phase = {
  id: 'orders',
  label: 'Pedidos',
  countLabels: { imported: 'importados', rejected: 'rechazados', pending: 'pendientes' },
  eventTag: 'orders',
  enabled: (settings) => settings.orders,
  async run(ctx) {
    const { state, message, ...counts } = await runOrdersPass({
      scope: ctx.scope,
      erp: ctx.erp,
      store: ctx.store,
      inbox: new OrderInboxRepo(ctx.db, ctx.now),
      lock: new ImportLock(ctx.db, ctx.now),
      settings: { ...new OrderSettingsRepo(ctx.db, ctx.now).get(ctx.scope), branchId: ctx.settings.branchId },
      signal: ctx.signal,
      onEvent: (e) => ctx.event({ level: e.level, message: e.message, recordKey: e.storeOrderId }),
    });
    return { state, message, counts };
  },
  crashed: (ctx, reason) => ({
    state: 'failed',
    message: `No se importaron los pedidos: ${reason}`,
    counts: {
      imported: 0,
      rejected: 0,
      pending: new OrderInboxRepo(ctx.db, ctx.now).openCount(ctx.scope),
      awaitingPayment: 0,
    },
  }),
};
