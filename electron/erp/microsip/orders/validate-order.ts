import { checkFreight, checkLineNumbers, checkOrderShape } from '../../order-checks';
import { Rfc } from '@nodecfdi/rfc';
import { OrderRejected, type OrderSettings, type OrderToWrite, type StoreOrder } from '../../order-writer';
import { ErpError } from '../../port';
import { customerStatusRule } from '../customer-status';
import { seriesOfBranch } from './load-order-facts';
import type { ArticleFacts, CustomerFacts, OrderFacts, SeriesFacts } from './order-facts';
import { isWin1252, toMicrosipBytes } from './order-text';

/**
 * Every check a store order must pass before anything is written, on values read beforehand (order-facts.ts).
 * Pure: the same order and facts always give the same plan or the same OrderRejected (Spanish message).
 */

/** Prices and amounts above this are typos or attacks, not orders (NUMERIC(18,6) would hold them). */
export { MAX_AMOUNT, MAX_QUANTITY } from '../../order-checks';

export interface PlannedLine {
  article: ArticleFacts;
  quantity: number;
  unitPrice: number;
  discountPercent: number;
  /** Units × price − discount, rounded to cents (DOCTOS_VE_DET.PRECIO_TOTAL_NETO). */
  netAmount: number;
  discountAmount: number;
  notes: Buffer | null;
  isFreight: boolean;
}

export interface OrderPlan {
  tipoDocto: 'P' | 'C';
  customer: CustomerFacts;
  currencyId: number;
  series: SeriesFacts;
  /** DOCTOS_VE.SUCURSAL_ID (Microsip 2020+), null on an older database. */
  branchId: number | null;
  /** The order's marker (../../document-marker.ts) as Windows-1252 bytes (DOCTOS_VE.ORDEN_COMPRA). */
  ordenCompra: Buffer;
  descripcion: Buffer | null;
  lines: PlannedLine[];
  date: Date;
}

export function tipoDoctoOf(kind: StoreOrder['kind']): 'P' | 'C' {
  return kind === 'cotizacion' ? 'C' : 'P';
}

/** The ORDEN_COMPRA value for an order's marker; throws OrderRejected when it cannot be stored. */
export function ordenCompraOf(ref: unknown, maxBytes: number): Buffer {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new OrderRejected('El pedido de la tienda no tiene identificador.', 'text-too-long');
  }
  if (!isWin1252(ref)) {
    throw new OrderRejected(
      `La referencia "${ref}" del pedido tiene caracteres que Microsip no puede guardar.`,
      'text-too-long',
    );
  }
  const bytes = toMicrosipBytes(ref);
  if (bytes.length > maxBytes) {
    throw new OrderRejected(
      `La referencia del pedido "${ref}" ocupa ${bytes.length} caracteres y la orden de compra de Microsip admite ${maxBytes}.`,
      'text-too-long',
    );
  }
  return bytes;
}

export function validateOrder(order: OrderToWrite, settings: OrderSettings, facts: OrderFacts): OrderPlan {
  const kindLabel = checkOrderShape(order);
  const ordenCompra = ordenCompraOf(order.ref, facts.limits.ordenCompra);

  const iso = typeof order.currency === 'string' ? order.currency.trim().toUpperCase() : '';
  const currencyId = facts.currencies.get(iso);
  if (currencyId === undefined) {
    const offered = [...facts.currencies.keys()].join(', ') || 'ninguna';
    throw new OrderRejected(
      `La moneda "${String(order.currency)}" no está dada de alta en Microsip (monedas disponibles: ${offered}).`,
      'unsupported-currency',
    );
  }

  const branchId = branchOf(settings, facts);
  const customer = facts.customers.get(String(order.customerKey ?? '').trim());
  if (!customer)
    throw new OrderRejected(`El cliente "${String(order.customerKey)}" no existe en Microsip.`, 'unknown-customer');
  const status = customerStatusRule(customer.status);
  if (!status.takesOrders) {
    throw new OrderRejected(
      `El cliente "${customer.name}" (${customer.id}) no puede recibir pedidos: está ${status.why} (estatus ${customer.status}).`,
      'unknown-customer',
    );
  }

  if (settings.requireRfc) checkRfc(order, customer);

  const lines = order.lines.map((line, index) => planLine(line, index, facts));

  const freight = checkFreight(order, settings, kindLabel);
  if (freight > 0 && settings.freightArticleId) {
    const article = facts.articles.get(settings.freightArticleId);
    if (!article || article.status !== 'A') {
      throw new OrderRejected(
        `El artículo de fletes configurado (${settings.freightArticleId}) no existe o no está activo en Microsip.`,
        'no-freight-article',
      );
    }
    const netAmount = round2(freight);
    lines.push({
      article,
      quantity: 1,
      unitPrice: freight,
      discountPercent: 0,
      netAmount,
      discountAmount: 0,
      notes: null,
      isFreight: true,
    });
  }

  const series = pickSeries(order.kind, settings, facts, branchId);

  let descripcion: Buffer | null = null;
  if (order.notes !== undefined && order.notes !== null && order.notes !== '') {
    if (typeof order.notes !== 'string') throw new OrderRejected('Las notas del pedido no son texto.', 'text-too-long');
    descripcion = toMicrosipBytes(order.notes);
    if (descripcion.length > facts.limits.descripcion) {
      throw new OrderRejected(
        `Las notas de ${kindLabel.toLowerCase()} ${order.id} tienen ${descripcion.length} caracteres; la descripción del documento en Microsip admite ${facts.limits.descripcion}.`,
        'text-too-long',
      );
    }
  }

  return {
    tipoDocto: tipoDoctoOf(order.kind),
    customer,
    currencyId,
    series,
    branchId,
    ordenCompra,
    descripcion,
    lines,
    date: documentDate(order.createdAt),
  };
}

function planLine(line: StoreOrder['lines'][number], index: number, facts: OrderFacts): PlannedLine {
  const n = index + 1;
  if (!line || typeof line !== 'object') throw new OrderRejected(`La partida ${n} está vacía.`, 'empty-order');
  const key = String(line.articleKey ?? '').trim();
  const article = facts.articles.get(key);
  if (!article) throw new OrderRejected(`Partida ${n}: el artículo "${key}" no existe en Microsip.`, 'unknown-article');
  if (article.status !== 'A') {
    throw new OrderRejected(
      `Partida ${n}: el artículo "${article.name}" (${key}) no está activo en Microsip.`,
      'unknown-article',
    );
  }
  if (article.isKit) {
    throw new OrderRejected(
      `Partida ${n}: el artículo "${article.name}" es un juego (kit); los juegos todavía no se pueden enviar a Microsip.`,
      'unknown-article',
    );
  }
  // Microsip keeps 5 decimals of units (NUMERIC(18,5)).
  const { quantity, unitPrice, discountPercent } = checkLineNumbers(line, n, article.name, 5);
  const gross = quantity * unitPrice;
  const netAmount = round2(gross * (1 - discountPercent / 100));
  let notes: Buffer | null = null;
  if (line.notes !== undefined && line.notes !== null && line.notes !== '') {
    if (typeof line.notes !== 'string')
      throw new OrderRejected(`Partida ${n}: las notas no son texto.`, 'text-too-long');
    notes = toMicrosipBytes(line.notes);
    const max = facts.limits.lineNotes;
    if (max !== null && notes.length > max) {
      throw new OrderRejected(
        `Partida ${n}: las notas tienen ${notes.length} caracteres; Microsip admite ${max}.`,
        'text-too-long',
      );
    }
  }
  return {
    article,
    quantity,
    unitPrice,
    discountPercent,
    netAmount,
    discountAmount: round2(gross - netAmount),
    notes,
    isFreight: false,
  };
}

function checkRfc(order: StoreOrder, customer: CustomerFacts): void {
  const typed = typeof order.rfc === 'string' ? order.rfc.trim().toUpperCase() : '';
  const rfc = typed || (customer.rfc ?? '').trim().toUpperCase();
  if (!rfc) {
    throw new OrderRejected(
      `Falta el RFC del cliente "${customer.name}": la empresa lo pide para los pedidos de la tienda.`,
      'missing-rfc',
    );
  }
  if (!isValidRfc(rfc)) {
    throw new OrderRejected(`El RFC "${rfc}" del cliente "${customer.name}" no es válido.`, 'bad-rfc');
  }
}

/** RFC de persona física (13) o moral (12), fecha real y dígito verificador (o el genérico/extranjero del SAT). */
export function isValidRfc(rfc: string): boolean {
  return Rfc.isValid(rfc);
}

/**
 * The branch the document belongs to (Microsip 2020+: DOCTOS_VE.SUCURSAL_ID is NOT NULL and checked by a trigger):
 * the company's *Sucursal*. Missing or unknown is a setup problem (ErpError: the orders stay pending), not the order's.
 */
function branchOf(settings: OrderSettings, facts: OrderFacts): number | null {
  if (facts.branches === null) return null;
  const configured = settings.branchId ?? null;
  if (configured === null || configured === '') {
    throw new ErpError(
      'Esta base de Microsip guarda la sucursal de cada pedido y la empresa no tiene Sucursal en Opciones > Wopen: elíjala y haga clic en Aceptar. Los pedidos quedan pendientes.',
    );
  }
  const id = Number(configured);
  if (!Number.isInteger(id) || (facts.branches.size > 0 && !facts.branches.has(id))) {
    throw new ErpError(
      `La Sucursal ${configured} configurada para la empresa ya no existe en Microsip (SUCURSALES): elija otra en Opciones > Wopen. Los pedidos quedan pendientes.`,
    );
  }
  return id;
}

function pickSeries(
  kind: StoreOrder['kind'],
  settings: OrderSettings,
  facts: OrderFacts,
  branchId: number | null,
): SeriesFacts {
  const tipo = tipoDoctoOf(kind);
  const wanted = kind === 'cotizacion' ? settings.seriesCotizaciones : settings.seriesPedidos;
  const candidates = seriesOfBranch(facts.series, branchId).filter((s) => s.tipoDocto === tipo);
  const label = kind === 'cotizacion' ? 'cotizaciones' : 'pedidos';
  const where = branchId === null ? '' : ` en la sucursal ${branchId}`;
  if (wanted === null || wanted === undefined || wanted === '') {
    const first = candidates[0];
    if (!first) throw new OrderRejected(`Microsip no tiene folios de ${label}${where} (FOLIOS_VENTAS).`, 'bad-series');
    return first;
  }
  const found = candidates.find((s) => s.serie === wanted);
  if (!found)
    throw new OrderRejected(
      `La serie "${wanted}" configurada para ${label} no existe en Microsip${where}.`,
      'bad-series',
    );
  return found;
}

/** Local calendar day of the store's timestamp; today when it is missing or unreadable. */
function documentDate(createdAt: string): Date {
  const t = typeof createdAt === 'string' ? new Date(createdAt) : new Date(NaN);
  const base = Number.isNaN(t.getTime()) ? new Date() : t;
  return new Date(base.getFullYear(), base.getMonth(), base.getDate());
}

export function round2(n: number): number {
  return Math.round((n + Number.EPSILON) * 100) / 100;
}
