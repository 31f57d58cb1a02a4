import { checkFreight, checkLineNumbers, checkOrderShape } from '../../order-checks';
import { Rfc } from '@nodecfdi/rfc';
import { OrderRejected, type OrderSettings, type OrderToWrite, type StoreOrder } from '../../order-writer';
import type { CustomerRow, ProductRow } from './order-queries';
import { seriesPrefix, type TextLimits } from '../documents/document-writer';
import { formatLocal } from '../../../../shared/dates';

export type { TextLimits } from '../documents/document-writer';

/**
 * Every check a store order must pass before anything is written into Start/Pro, on facts read beforehand.
 * Pure: the same order and facts give the same plan or the same OrderRejected (Spanish message).
 */

/** The connector's own series (FolioPrefix) when the settings name none (reference §3.5: never share Comercial's). */
export const DEFAULT_SERIES = { pedido: 'WP', cotizacion: 'WC' } as const;
/** Start licences sync only these currencies. */
export const SUPPORTED_CURRENCIES = ['MXN', 'USD', 'EUR'] as const;
export { MAX_AMOUNT, MAX_QUANTITY } from '../../order-checks';
/** orgProduct.ProductTypeID 3 = paquete (kit); SQL puro cannot explode its components. */
export const PRODUCT_TYPE_KIT = 3;

export interface OrderFacts {
  customer: CustomerRow | null;
  /** By the store's article key (orgProduct.ProductID as text); missing = unknown or deleted. */
  products: ReadonlyMap<string, ProductRow>;
  currency: { currencyId: number; rate: number } | null;
  limits: TextLimits;
}

export interface PlannedLine {
  product: ProductRow;
  quantity: number;
  unitPrice: number;
  /** Fraction (0.05 = 5 %), as docDocumentItem.DiscountPerc stores it. */
  discountPerc: number;
  /** Fraction (0.16), docDocumentItem.TaxPerc. */
  taxPerc: number;
  /** qty × price, before discount (docDocumentItem.Total). */
  gross: number;
  discount: number;
  net: number;
  tax: number;
  comments: string | null;
}

export interface OrderPlan {
  kind: StoreOrder['kind'];
  documentType: 1 | 40;
  marker: string;
  customer: CustomerRow;
  currencyId: number;
  iso: string;
  rate: number;
  comments: string | null;
  lines: PlannedLine[];
  subTotal: number;
  totalDiscount: number;
  subTotalWithDiscount: number;
  totalTax: number;
  total: number;
  /** 'YYYY-MM-DDT00:00:00', the store's calendar day. */
  date: string;
}

/** docDocument.Title = the order's marker (../../document-marker.ts); throws OrderRejected when it cannot be stored. */
export function markerOf(ref: unknown, maxChars: number | null): string {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new OrderRejected('El pedido de la tienda no tiene identificador.', 'text-too-long');
  }
  if (maxChars !== null && ref.length > maxChars) {
    throw new OrderRejected(
      `La referencia del pedido «${ref}» ocupa ${ref.length} caracteres y el título del documento de CONTPAQi admite ${maxChars}.`,
      'text-too-long',
    );
  }
  return ref;
}

/** The series the order goes to: the configured one or the connector's default; syntax only (no DB). */
export function seriesOf(kind: StoreOrder['kind'], settings: OrderSettings, maxChars: number | null): string {
  const wanted = kind === 'cotizacion' ? settings.seriesCotizaciones : settings.seriesPedidos;
  const prefix = seriesPrefix(wanted, DEFAULT_SERIES[kind], maxChars);
  const label = kind === 'cotizacion' ? 'cotizaciones' : 'pedidos';
  if (prefix === null) {
    throw new OrderRejected(
      `La serie «${String(wanted)}» configurada para ${label} no es válida: use de 1 a 10 letras sin acentos o números.`,
      'bad-series',
    );
  }
  return prefix;
}

export function planOrder(order: OrderToWrite, settings: OrderSettings, facts: OrderFacts): OrderPlan {
  const label = checkOrderShape(order);
  const marker = markerOf(order.ref, facts.limits.title);
  const iso = typeof order.currency === 'string' ? order.currency.trim().toUpperCase() : '';
  if (!(SUPPORTED_CURRENCIES as readonly string[]).includes(iso) || !facts.currency) {
    throw new OrderRejected(
      `La moneda «${String(order.currency)}» no se puede usar: CONTPAQi Comercial Start/Pro sincroniza pedidos solo en ${SUPPORTED_CURRENCIES.join(', ')} (y la moneda debe existir en la empresa).`,
      'unsupported-currency',
    );
  }
  const customer = facts.customer;
  if (!customer) {
    throw new OrderRejected(
      `El cliente «${String(order.customerKey)}» no existe en la empresa de CONTPAQi o fue dado de baja.`,
      'unknown-customer',
    );
  }
  if (settings.requireRfc) checkRfc(order, customer);

  const lines = order.lines.map((line, index) => planLine(line, index, facts));

  const freight = checkFreight(order, settings, label);
  if (freight > 0 && settings.freightArticleId) {
    const product = facts.products.get(settings.freightArticleId);
    if (!product) {
      throw new OrderRejected(
        `El artículo de fletes configurado (${settings.freightArticleId}) no existe o fue dado de baja en CONTPAQi.`,
        'no-freight-article',
      );
    }
    lines.push(amounts(product, 1, round2(freight), 0, taxPercOf(product, 'flete'), null));
  }

  let comments: string | null = null;
  if (order.notes !== undefined && order.notes !== null && order.notes !== '') {
    if (typeof order.notes !== 'string') throw new OrderRejected('Las notas del pedido no son texto.', 'text-too-long');
    const max = facts.limits.comments;
    if (max !== null && order.notes.length > max) {
      throw new OrderRejected(
        `Las notas de ${label.toLowerCase()} ${order.id} tienen ${order.notes.length} caracteres; los comentarios del documento en CONTPAQi admiten ${max}.`,
        'text-too-long',
      );
    }
    comments = order.notes;
  }

  const subTotal = round2(sum(lines.map((l) => l.gross)));
  const totalDiscount = round2(sum(lines.map((l) => l.discount)));
  const subTotalWithDiscount = round2(subTotal - totalDiscount);
  const totalTax = round2(sum(lines.map((l) => l.tax)));
  return {
    kind: order.kind,
    documentType: order.kind === 'cotizacion' ? 1 : 40,
    marker,
    customer,
    currencyId: facts.currency.currencyId,
    iso,
    rate: iso === 'MXN' ? 1 : facts.currency.rate,
    comments,
    lines,
    subTotal,
    totalDiscount,
    subTotalWithDiscount,
    totalTax,
    total: round2(subTotalWithDiscount + totalTax),
    date: documentDate(order.createdAt),
  };
}

function planLine(line: StoreOrder['lines'][number], index: number, facts: OrderFacts): PlannedLine {
  const n = index + 1;
  if (!line || typeof line !== 'object') throw new OrderRejected(`La partida ${n} está vacía.`, 'empty-order');
  const key = String(line.articleKey ?? '').trim();
  const product = facts.products.get(key);
  if (!product)
    throw new OrderRejected(
      `Partida ${n}: el artículo «${key}» no existe en CONTPAQi o fue dado de baja.`,
      'unknown-article',
    );
  const name = product.productName;
  if (Number(product.productTypeId) === PRODUCT_TYPE_KIT) {
    throw new OrderRejected(
      `Partida ${n}: el artículo «${name}» es un paquete; los paquetes todavía no se pueden enviar a CONTPAQi por SQL.`,
      'unknown-article',
    );
  }
  // docDocumentItem.Quantity is DECIMAL(18,4).
  const { quantity, unitPrice, discountPercent } = checkLineNumbers(line, n, name, 4);
  let comments: string | null = null;
  if (line.notes !== undefined && line.notes !== null && line.notes !== '') {
    if (typeof line.notes !== 'string')
      throw new OrderRejected(`Partida ${n}: las notas no son texto.`, 'text-too-long');
    const max = facts.limits.itemComments;
    if (max !== null && line.notes.length > max) {
      throw new OrderRejected(
        `Partida ${n}: las notas tienen ${line.notes.length} caracteres; CONTPAQi admite ${max}.`,
        'text-too-long',
      );
    }
    comments = line.notes;
  }
  return amounts(
    product,
    round4(quantity),
    round2(unitPrice),
    discountPercent / 100,
    taxPercOf(product, `partida ${n}`),
    comments,
  );
}

/** The line's IVA as a fraction. IEPS and retentions are refused: the connector computes IVA only (no XEngine). */
export function taxPercOf(product: ProductRow, where: string): number {
  const fraction = (v: unknown) => {
    const x = Number(v ?? 0);
    if (!Number.isFinite(x) || x <= 0) return 0;
    return x < 1 ? x : x / 100;
  };
  if (fraction(product.iepsRate) > 0 || fraction(product.ivaRetention) > 0 || fraction(product.isrRetention) > 0) {
    throw new OrderRejected(
      `${where[0]?.toUpperCase() ?? ''}${where.slice(1)}: el artículo «${product.productName}» lleva IEPS o retenciones; el conector solo calcula IVA y no puede escribirlo sin el motor de CONTPAQi.`,
      'unknown-article',
    );
  }
  return fraction(product.ivaRate);
}

export function amounts(
  product: ProductRow,
  quantity: number,
  unitPrice: number,
  discountPerc: number,
  taxPerc: number,
  comments: string | null,
): PlannedLine {
  const gross = round2(quantity * unitPrice);
  const discount = round2(gross * discountPerc);
  const net = round2(gross - discount);
  return {
    product,
    quantity,
    unitPrice,
    discountPerc,
    taxPerc,
    gross,
    discount,
    net,
    tax: round2(net * taxPerc),
    comments,
  };
}

function checkRfc(order: StoreOrder, customer: CustomerRow): void {
  const name = customer.officialName?.trim() || customer.commercialName?.trim() || `Cliente ${customer.customerId}`;
  const typed = typeof order.rfc === 'string' ? order.rfc.trim().toUpperCase() : '';
  const rfc = typed || (customer.rfc ?? '').trim().toUpperCase();
  if (!rfc)
    throw new OrderRejected(
      `Falta el RFC del cliente «${name}»: la empresa lo pide para los pedidos de la tienda.`,
      'missing-rfc',
    );
  if (!Rfc.isValid(rfc)) throw new OrderRejected(`El RFC «${rfc}» del cliente «${name}» no es válido.`, 'bad-rfc');
}

/** Local calendar day of the store's timestamp; today when it is missing or unreadable. */
export function documentDate(createdAt: string): string {
  const t = typeof createdAt === 'string' ? new Date(createdAt) : new Date(NaN);
  const base = Number.isNaN(t.getTime()) ? new Date() : t;
  return formatLocal(base, "yyyy-MM-dd'T00:00:00'");
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
export const round2 = (n: number): number => Math.round((n + Number.EPSILON) * 100) / 100;
export const round4 = (n: number): number => Math.round(n * 10000) / 10000;
