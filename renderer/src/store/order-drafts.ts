import {
  orderSettingsInputSchema,
  type OrderSettingsInput,
  type OrderSettingsValues,
  type OrderSettingsView,
} from '../../../shared/order-settings';
import type { OrderFieldError } from '../../../shared/ipc-contract';

/**
 * *Pedidos y cotizaciones* edits wait for the dialog's *Aceptar* like every other setting. These are
 * the pure parts the console store uses: what changed, and the inputs checked before anything is sent.
 */
export interface OrderDraftState {
  /** Settings as stored, with the choices read from the ERP, per company of the current connection. */
  orderViews: Record<string, OrderSettingsView>;
  /** Edits not yet accepted. */
  orderDrafts: Record<string, OrderSettingsValues>;
}

const same = (a: OrderSettingsValues, b: OrderSettingsValues): boolean =>
  a.seriesPedidos === b.seriesPedidos &&
  a.seriesCotizaciones === b.seriesCotizaciones &&
  a.freightArticleId === b.freightArticleId &&
  a.warehouseId === b.warehouseId &&
  a.requireRfc === b.requireRfc;

export function isOrderDirty(s: OrderDraftState, companyId: string): boolean {
  const draft = s.orderDrafts[companyId];
  const view = s.orderViews[companyId];
  return draft !== undefined && view !== undefined && !same(draft, view.settings);
}

export function orderInputs(
  connectionId: number,
  s: OrderDraftState,
  companyIds: readonly string[],
): OrderSettingsInput[] {
  return companyIds.map((companyId) => ({
    connectionId,
    companyId,
    ...(s.orderDrafts[companyId] as OrderSettingsValues),
  }));
}

/** The same schema main applies, so a refusal arrives before the round trip (and nothing is saved). */
export function checkOrderInputs(inputs: readonly OrderSettingsInput[]): OrderFieldError[] {
  return inputs.flatMap((input) => {
    const r = orderSettingsInputSchema.safeParse(input);
    return r.success
      ? []
      : r.error.issues.map((i) => ({ companyId: input.companyId, field: String(i.path[0] ?? ''), message: i.message }));
  });
}

/**
 * After a save: what was accepted becomes the stored value and the choices read from the ERP stay, except for
 * the companies in `reread` (their views are dropped, so the next look reads the ERP again).
 */
export function acceptedViews(s: OrderDraftState, reread: readonly string[] = []): Record<string, OrderSettingsView> {
  const views = { ...s.orderViews };
  for (const companyId of reread) delete views[companyId];
  for (const [companyId, settings] of Object.entries(s.orderDrafts)) {
    const view = views[companyId];
    if (view) views[companyId] = { ...view, settings };
  }
  return views;
}
