import { Rfc } from '@nodecfdi/rfc';
import { InvoiceRejected, type InvoiceRequest, type InvoiceSettings, type InvoiceToWrite } from '../../invoice-writer';
import { checkLineNumbers } from '../../order-checks';
import { OrderRejected } from '../../order-writer';
import { seriesPrefix, type TextLimits } from '../documents/document-writer';
import type { CustomerRow, ProductRow } from '../documents/document-queries';
import { amounts, PRODUCT_TYPE_KIT, round2, round4, taxPercOf, type PlannedLine } from '../orders/plan-order';

/**
 * Every check an invoice request must pass before anything is written into Start/Pro, on facts read beforehand.
 * Pure, like planOrder (whose line maths it reuses): the same request and facts give the same plan or the same
 * InvoiceRejected (Spanish message).
 */

/** The connector's own invoice series when the settings name none (reference §3.5). */
export const DEFAULT_INVOICE_SERIES = 'WF';
/** Start licences sync only these currencies (seed rules). */
export const INVOICE_CURRENCIES = ['MXN', 'EUR', 'USD'] as const;
/** What the native sequence writes when the request brings none (reference §3.6: G03 / PPD / 99). */
export const DEFAULT_FORMA_PAGO = '99';
export const DEFAULT_METODO_PAGO = 'PPD';
/**
 * c_ObjetoImp of an article the writer creates (invoices/invoice-queries.ts INSERT_PRODUCT): '02' "sí objeto de
 * impuesto", because it is created with the company's IVA 16 % tax type. Items copy it from the product like any other.
 */
export const NEW_ARTICLE_OBJETO_IMPUESTO = '02';

/** SAT catalogue formats: c_UsoCFDI (CFDI 4.0), c_FormaPago (2 digits), c_ClaveProdServ (8 digits), c_ClaveUnidad. */
const USO_CFDI = /^(G0[1-3]|I0[1-8]|D(0[1-9]|10)|S01|CP01|CN01)$/;
const FORMA_PAGO = /^\d{2}$/;
const METODO_PAGO = /^(PUE|PPD)$/;
const CLAVE_PROD_SERV = /^\d{8}$/;
const CLAVE_UNIDAD = /^[A-Z0-9]{2,3}$/;

export interface InvoiceFacts {
  customer: CustomerRow | null;
  /** By the request's article key: orgProduct.ProductID as text, else orgProduct.ProductKey; missing = store-only. */
  products: ReadonlyMap<string, ProductRow>;
  currency: { currencyId: number; rate: number } | null;
  /** The tax type a store-only article gets (plain IVA 16 %), null when the company has none. */
  ivaTaxType: { taxTypeId: number; ivaRate: number } | null;
  limits: TextLimits;
}

/** A store-only article the writer creates in orgProduct inside the invoice's transaction. */
export interface NewArticle {
  key: string;
  name: string;
  claveProdServ: string;
  claveUnidad: string;
  taxTypeId: number;
}

export interface InvoiceLine extends PlannedLine {
  /** Set when the article is created by this invoice; `product.productId` is filled in after the insert. */
  create: NewArticle | null;
}

export interface InvoicePlan {
  marker: string;
  prefix: string;
  customer: CustomerRow;
  rfc: string;
  usoCfdi: string;
  formaPago: string;
  metodoPago: string;
  currencyId: number;
  iso: string;
  rate: number;
  lines: InvoiceLine[];
  subTotal: number;
  totalDiscount: number;
  subTotalWithDiscount: number;
  totalTax: number;
  total: number;
}

/** docDocument.Title = the request's marker (../../document-marker.ts); throws InvoiceRejected when it cannot be stored. */
export function invoiceMarkerOf(ref: unknown, maxChars: number | null): string {
  if (typeof ref !== 'string' || ref.trim() === '') {
    throw new InvoiceRejected('La solicitud de factura de la tienda no tiene identificador.', 'text-too-long');
  }
  if (maxChars !== null && ref.length > maxChars) {
    throw new InvoiceRejected(
      `La referencia de la solicitud de factura «${ref}» ocupa ${ref.length} caracteres y el título del documento de CONTPAQi admite ${maxChars}.`,
      'text-too-long',
    );
  }
  return ref;
}

export function invoiceSeriesOf(settings: InvoiceSettings, maxChars: number | null): string {
  const prefix = seriesPrefix(settings.series, DEFAULT_INVOICE_SERIES, maxChars);
  if (prefix === null) {
    throw new InvoiceRejected(
      `La serie «${String(settings.series)}» configurada para facturas no es válida: use de 1 a 10 letras sin acentos o números.`,
      'bad-series',
    );
  }
  return prefix;
}

/** The request's currency, upper-cased; InvoiceRejected('unsupported-currency') outside MXN, EUR and USD. */
export function invoiceCurrencyOf(request: InvoiceRequest): string {
  const iso = typeof request.currency === 'string' ? request.currency.trim().toUpperCase() : '';
  if (!(INVOICE_CURRENCIES as readonly string[]).includes(iso)) {
    throw new InvoiceRejected(
      `La licencia de CONTPAQi Comercial Start sincroniza solo documentos en MXN, EUR y USD; la solicitud está en ${String(request.currency ?? '(sin moneda)')}.`,
      'unsupported-currency',
    );
  }
  return iso;
}

export function planInvoice(request: InvoiceToWrite, settings: InvoiceSettings, facts: InvoiceFacts): InvoicePlan {
  const marker = invoiceMarkerOf(request.ref, facts.limits.title);
  const prefix = invoiceSeriesOf(settings, facts.limits.folioPrefix);
  const iso = invoiceCurrencyOf(request);
  if (!facts.currency) {
    throw new InvoiceRejected(
      `La moneda ${iso} no está dada de alta en la empresa de CONTPAQi.`,
      'unsupported-currency',
    );
  }
  const customer = facts.customer;
  if (!customer) {
    throw new InvoiceRejected(
      `El cliente «${String(request.customerKey)}» no existe en la empresa de CONTPAQi o fue dado de baja.`,
      'unknown-customer',
    );
  }
  const rfc = typeof request.rfc === 'string' ? request.rfc.trim().toUpperCase() : '';
  if (!rfc || !Rfc.isValid(rfc)) {
    throw new InvoiceRejected(
      `El RFC «${String(request.rfc ?? '')}» de la solicitud de factura no es válido.`,
      'bad-rfc',
    );
  }
  const usoCfdi = typeof request.usoCfdi === 'string' ? request.usoCfdi.trim().toUpperCase() : '';
  if (!USO_CFDI.test(usoCfdi)) {
    throw new InvoiceRejected(
      `El uso de CFDI «${String(request.usoCfdi ?? '')}» no es una clave válida del catálogo c_UsoCFDI del SAT (por ejemplo G03).`,
      'bad-uso-cfdi',
    );
  }
  const formaPago = optionalCode(
    request.formaPago,
    DEFAULT_FORMA_PAGO,
    FORMA_PAGO,
    'La forma de pago',
    'c_FormaPago (por ejemplo 03)',
  );
  const metodoPago = optionalCode(
    request.metodoPago,
    DEFAULT_METODO_PAGO,
    METODO_PAGO,
    'El método de pago',
    'c_MetodoPago (PUE o PPD)',
  );
  if (!Array.isArray(request.lines) || request.lines.length === 0) {
    throw new InvoiceRejected(`La solicitud de factura ${request.id} no tiene partidas.`, 'empty-invoice');
  }

  const created = new Map<string, NewArticle>();
  const lines = request.lines.map((line, index) => planInvoiceLine(line, index + 1, settings, facts, created));
  const subTotal = round2(sum(lines.map((l) => l.gross)));
  const totalDiscount = round2(sum(lines.map((l) => l.discount)));
  const subTotalWithDiscount = round2(subTotal - totalDiscount);
  const totalTax = round2(sum(lines.map((l) => l.tax)));
  return {
    marker,
    prefix,
    customer,
    rfc,
    usoCfdi,
    formaPago,
    metodoPago,
    currencyId: facts.currency.currencyId,
    iso,
    rate: iso === 'MXN' ? 1 : facts.currency.rate,
    lines,
    subTotal,
    totalDiscount,
    subTotalWithDiscount,
    totalTax,
    total: round2(subTotalWithDiscount + totalTax),
  };
}

function planInvoiceLine(
  line: InvoiceRequest['lines'][number],
  n: number,
  settings: InvoiceSettings,
  facts: InvoiceFacts,
  created: Map<string, NewArticle>,
): InvoiceLine {
  if (!line || typeof line !== 'object') throw new InvoiceRejected(`La partida ${n} está vacía.`, 'empty-invoice');
  const key = String(line.articleKey ?? '').trim();
  if (key === '') throw new InvoiceRejected(`Partida ${n}: falta la clave del artículo.`, 'unknown-article');
  let product = facts.products.get(key);
  let create: NewArticle | null = null;
  if (!product) {
    create = created.get(key) ?? newArticle(line, key, settings, facts);
    created.set(key, create);
    product = {
      productId: 0,
      productKey: key,
      productName: create.name,
      unit: create.claveUnidad,
      unitSale: null,
      claveUnidad: create.claveUnidad,
      objetoImpuesto: NEW_ARTICLE_OBJETO_IMPUESTO,
      productTypeId: 1,
      taxTypeId: create.taxTypeId,
      ivaRate: facts.ivaTaxType?.ivaRate ?? 0,
      iepsRate: 0,
      ivaRetention: 0,
      isrRetention: 0,
    };
  }
  const found = product;
  if (Number(found.productTypeId) === PRODUCT_TYPE_KIT) {
    throw new InvoiceRejected(
      `Partida ${n}: el artículo «${found.productName}» es un paquete; los paquetes todavía no se pueden facturar en CONTPAQi por SQL.`,
      'unknown-article',
    );
  }
  return asInvoiceRejection(() => {
    // docDocumentItem.Quantity is DECIMAL(18,4), as for orders.
    const { quantity, unitPrice, discountPercent } = checkLineNumbers(line, n, found.productName, 4);
    const planned = amounts(
      found,
      round4(quantity),
      round2(unitPrice),
      discountPercent / 100,
      taxPercOf(found, `partida ${n}`),
      null,
    );
    return { ...planned, create };
  });
}

function newArticle(
  line: InvoiceRequest['lines'][number],
  key: string,
  settings: InvoiceSettings,
  facts: InvoiceFacts,
): NewArticle {
  const description = typeof line.description === 'string' ? line.description.trim() : '';
  const name = description || key;
  const claveProdServ = (settings.defaultClaveProdServ ?? '').trim();
  const claveUnidad = (settings.defaultClaveUnidad ?? '').trim().toUpperCase();
  if (!claveProdServ || !claveUnidad) {
    throw new InvoiceRejected(
      `El artículo «${name}» (${key}) no existe en CONTPAQi y la empresa no tiene Clave Prod/Serv y Clave Unidad predeterminadas para darlo de alta. Configure la Clave Prod/Serv y la Clave Unidad en la configuración de Wopen de la empresa.`,
      'missing-sat-keys',
    );
  }
  if (!CLAVE_PROD_SERV.test(claveProdServ) || !CLAVE_UNIDAD.test(claveUnidad)) {
    throw new InvoiceRejected(
      `Las claves SAT predeterminadas de la empresa no son válidas (Clave Prod/Serv «${claveProdServ}»: 8 dígitos; Clave Unidad «${claveUnidad}»: 2 o 3 letras o números, por ejemplo H87), así que no se puede dar de alta el artículo «${name}». Corríjalas en la configuración de Wopen de la empresa.`,
      'missing-sat-keys',
    );
  }
  const { productKey: maxKey, productName: maxName } = facts.limits;
  if (maxKey !== null && key.length > maxKey) {
    throw new InvoiceRejected(
      `La clave del artículo «${key}» tiene ${key.length} caracteres; la clave de artículo de CONTPAQi admite ${maxKey}.`,
      'text-too-long',
    );
  }
  if (maxName !== null && name.length > maxName) {
    throw new InvoiceRejected(
      `El nombre del artículo «${key}» tiene ${name.length} caracteres; CONTPAQi admite ${maxName}.`,
      'text-too-long',
    );
  }
  if (!facts.ivaTaxType) {
    throw new InvoiceRejected(
      `El artículo «${name}» (${key}) no existe en CONTPAQi y la empresa no tiene un tipo de impuesto de IVA 16 % para darlo de alta; dé de alta el artículo en CONTPAQi.`,
      'unknown-article',
    );
  }
  return { key, name, claveProdServ, claveUnidad, taxTypeId: facts.ivaTaxType.taxTypeId };
}

function optionalCode(value: unknown, fallback: string, pattern: RegExp, label: string, catalog: string): string {
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) return fallback;
  const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (!pattern.test(code)) {
    throw new InvoiceRejected(
      `${label} «${String(value)}» no es una clave válida del catálogo ${catalog} del SAT.`,
      'bad-payment-form',
    );
  }
  return code;
}

/** The order checks speak OrderRejected; an invoice request gets the same message as an InvoiceRejected. */
function asInvoiceRejection<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (!(err instanceof OrderRejected)) throw err;
    const code =
      err.code === 'bad-quantity' || err.code === 'bad-price' || err.code === 'text-too-long'
        ? err.code
        : 'unknown-article';
    throw new InvoiceRejected(err.message, code);
  }
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
