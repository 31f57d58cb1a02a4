/**
 * What the store may sell: the ERP's availability (onHand − committed) turned into the figure a store expects.
 * Negative availability (Microsip and Comercial both let a warehouse go below zero) is published as 0 unless the
 * company asks otherwise, and an optional safety buffer is held back (floor 0). `onHand` and `committed` go as
 * the ERP has them; only `available` changes. Applied here, once, for every ERP (docs/wopen-api.md).
 */
export interface StockRule {
  negativeAsZero: boolean;
  /** Whole units subtracted from a positive availability, never below 0. */
  safetyStock: number;
}

export const DEFAULT_STOCK_RULE: StockRule = { negativeAsZero: true, safetyStock: 0 };

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The `stock` record as the store receives it under `rule`; other catalogs pass through untouched. */
export function applyStockRule(
  catalog: string,
  data: Record<string, unknown>,
  rule: StockRule,
): Record<string, unknown> {
  if (catalog !== 'stock' || typeof data.available !== 'number') return data;
  let available = data.available;
  if (rule.safetyStock > 0 && available > 0) available = Math.max(0, round(available - rule.safetyStock));
  if (rule.negativeAsZero && available < 0) available = 0;
  return available === data.available ? data : { ...data, available };
}

/** Part of the stored projection: changing the rule makes the engine compare (and re-send) every stock record. */
export function stockProjection(catalog: string, rule: StockRule): string {
  return catalog === 'stock' ? `;negativeAsZero=${rule.negativeAsZero ? 1 : 0};safety=${rule.safetyStock}` : '';
}
