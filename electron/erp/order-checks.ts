import { OrderRejected, type OrderSettings, type StoreOrder, type StoreOrderLine } from './order-writer';

/** Checks every ERP applies to a store order before looking anything up, with the same Spanish messages. */

export const MAX_AMOUNT = 1e9;
export const MAX_QUANTITY = 1e9;

/** A known kind with at least one line; returns how to name it in messages ("El pedido", "La cotización"). */
export function checkOrderShape(order: StoreOrder): string {
  if (order.kind !== 'pedido' && order.kind !== 'cotizacion') {
    throw new OrderRejected(
      `Tipo de documento desconocido: «${String(order.kind)}» (se esperaba pedido o cotización).`,
      'empty-order',
    );
  }
  const label = order.kind === 'cotizacion' ? 'La cotización' : 'El pedido';
  if (!Array.isArray(order.lines) || order.lines.length === 0) {
    throw new OrderRejected(`${label} ${order.id} no tiene partidas.`, 'empty-order');
  }
  return label;
}

/**
 * Quantity, price and discount of line `n` (1-based) of article `name`. `decimals` is how many the ERP keeps
 * for quantities: a quantity that rounds to 0 there is refused too.
 */
export function checkLineNumbers(
  line: StoreOrderLine,
  n: number,
  name: string,
  decimals: number,
): { quantity: number; unitPrice: number; discountPercent: number } {
  const { quantity, unitPrice } = line;
  const scale = 10 ** decimals;
  if (
    typeof quantity !== 'number' ||
    !Number.isFinite(quantity) ||
    quantity > MAX_QUANTITY ||
    Math.round(quantity * scale) / scale <= 0
  ) {
    throw new OrderRejected(
      `Partida ${n} («${name}»): la cantidad ${String(quantity)} no es válida; debe ser mayor que cero.`,
      'bad-quantity',
    );
  }
  if (typeof unitPrice !== 'number' || !Number.isFinite(unitPrice) || unitPrice < 0 || unitPrice > MAX_AMOUNT) {
    throw new OrderRejected(
      `Partida ${n} («${name}»): el precio ${String(unitPrice)} no es válido (debe estar entre 0 y ${MAX_AMOUNT.toLocaleString('es-MX')}).`,
      'bad-price',
    );
  }
  const discountPercent = line.discountPercent ?? 0;
  if (
    typeof discountPercent !== 'number' ||
    !Number.isFinite(discountPercent) ||
    discountPercent < 0 ||
    discountPercent > 100
  ) {
    throw new OrderRejected(
      `Partida ${n} («${name}»): el descuento ${String(discountPercent)} % no es válido (0 a 100).`,
      'bad-price',
    );
  }
  if (quantity * unitPrice > MAX_AMOUNT) {
    throw new OrderRejected(
      `Partida ${n} («${name}»): el importe ${(quantity * unitPrice).toFixed(2)} es absurdo para una partida.`,
      'bad-price',
    );
  }
  return { quantity, unitPrice, discountPercent };
}

/** The freight amount (0 when none); a freight without a configured freight article is refused. */
export function checkFreight(order: StoreOrder, settings: OrderSettings, label: string): number {
  const freight = order.freight ?? 0;
  if (typeof freight !== 'number' || !Number.isFinite(freight) || freight < 0 || freight > MAX_AMOUNT) {
    throw new OrderRejected(
      `El flete ${String(freight)} no es un importe válido (debe estar entre 0 y ${MAX_AMOUNT.toLocaleString('es-MX')}).`,
      'bad-price',
    );
  }
  if (freight > 0 && !settings.freightArticleId) {
    throw new OrderRejected(
      `${label} ${order.id} cobra flete, pero no hay un artículo de fletes configurado para la empresa.`,
      'no-freight-article',
    );
  }
  return freight;
}
