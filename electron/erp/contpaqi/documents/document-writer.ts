import type { WrittenDocument } from '../../order-writer';
import { withoutCustomerCompany } from '../catalogs/customer-filter';
import { ErpError } from '../../port';
import type { SqlExecutor, SqlParams, SqlQueryRunner } from '../sql-executor';
import {
  FIND_CURRENCY,
  FIND_CUSTOMER,
  COLUMN_LIMITS,
  COMPANY_DEPOTS,
  documentInsert,
  FOLIO_LOCK,
  FOLIO_TABLE_EXISTS,
  FOLIOS_IN_SERIES,
  FOREIGN_DOCS_IN_SERIES,
  READ_FOLIO,
  INSERT_EXT,
  INSERT_EXTRA,
  INSERT_ITEM,
  INSERT_PAYMENT_AGENDA,
  ITEMS_OF_DOCUMENT,
  RESOLVE_MODULE,
  withoutProductObjeto,
  type CustomerRow,
  type DocumentRow,
  type ProductRow,
} from './document-queries';
import { readNativeSchema, type NativeSchema } from './native-schema';
import { insertTaxRows } from './tax-rows';
import { totalLetter } from './total-letter';
import { formatLocal } from '../../../../shared/dates';

/**
 * The machinery every Start/Pro document writer shares (orders, invoices): text limits and native columns read
 * once, module resolution through engModuleParameter, the connector's own folio series and its reservation inside
 * the document's transaction (an application lock, no table of its own), the Title marker lookup and the Spanish
 * error guard.
 */

/** Character limits (NVARCHAR lengths; null = no limit / MAX). */
export interface TextLimits {
  title: number | null;
  comments: number | null;
  folioPrefix: number | null;
  itemComments: number | null;
  productKey: number | null;
  productName: number | null;
  /** orgCustomer.OwnedBusinessEntityID exists (catalogs/customer-filter.ts). */
  customersPerCompany: boolean;
}

export interface StartProWriterContext {
  company: number;
  clock: () => Date;
  /** Network folders CFDI XMLs may be read from (ContpaqiConfig.cfdiFolders). */
  cfdiFolders?: readonly string[];
}

export type FolioKey = {
  company: number;
  module: number;
  prefix: string;
};

const SERIES_PATTERN = /^[A-Z0-9]{1,10}$/;

/** The same store id is already on a document: the transaction rolls back (no folio consumed) and it is returned. */
export class AlreadyWritten extends Error {
  constructor(readonly document: WrittenDocument) {
    super('already written');
  }
}

/** The series a document goes to: the configured one (upper-cased) or `fallback`; null when its syntax is wrong. */
export function seriesPrefix(
  wanted: string | null | undefined,
  fallback: string,
  maxChars: number | null,
): string | null {
  const prefix =
    wanted === null || wanted === undefined || wanted.trim() === '' ? fallback : wanted.trim().toUpperCase();
  return SERIES_PATTERN.test(prefix) && (maxChars === null || prefix.length <= maxChars) ? prefix : null;
}

export async function readTextLimits(db: SqlExecutor): Promise<TextLimits> {
  const [row] = await db.query<Record<string, unknown>>(COLUMN_LIMITS);
  const chars = (v: unknown): number | null => {
    const bytes = Number(v);
    return Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes / 2) : null;
  };
  return {
    title: chars(row?.title),
    comments: chars(row?.comments),
    folioPrefix: chars(row?.folioPrefix),
    itemComments: chars(row?.itemComments),
    productKey: chars(row?.productKey),
    productName: chars(row?.productName),
    customersPerCompany: row?.customerCompany !== null && row?.customerCompany !== undefined,
  };
}

export function writtenOf(row: DocumentRow): WrittenDocument {
  return { documentId: String(row.documentId), folio: `${row.folioPrefix ?? ''}${row.folio ?? ''}` };
}

/** 'YYYY-MM-DDTHH:mm:ss' local time: ISO 8601, which SQL Server converts to DATETIME regardless of DATEFORMAT. */
export function sqlDate(d: Date): string {
  return formatLocal(d, "yyyy-MM-dd'T'HH:mm:ss");
}

export abstract class StartProDocumentWriter {
  private closed = false;
  /** Whether the legacy zzWopenFolio table exists (null = not looked yet). */
  private legacyFolios: boolean | null = null;
  private readonly modules = new Map<number, number>();

  protected constructor(
    protected readonly db: SqlExecutor,
    protected readonly ctx: StartProWriterContext,
    protected readonly limits: TextLimits,
    protected readonly schema: NativeSchema,
    private readonly describe: (err: unknown) => Error,
    /** Errors the writer throws on purpose (its rejection class): they pass the guard unchanged. */
    private readonly isOwnError: (err: unknown) => boolean,
    /** "La conexión de … con CONTPAQi ya se cerró." */
    private readonly closedMessage: string,
  ) {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  /** The factory module of `documentType` for customers (engModuleParameter), cached; `name` is for the message. */
  protected async moduleOf(documentType: number, name: string): Promise<number> {
    const cached = this.modules.get(documentType);
    if (cached !== undefined) return cached;
    const rows = await this.db.query<{ moduleId: number }>(RESOLVE_MODULE, { type: String(documentType) });
    const first = rows[0];
    if (!first) {
      throw new ErpError(
        `No se encontró el módulo de ${name} en CONTPAQi (engModuleParameter DocumentTypeID ${documentType}, DocRecipient 1).`,
        [
          'Confirme en CONTPAQi Comercial que el módulo existe y no está dado de baja; avise a soporte si lo usa con otro nombre.',
        ],
      );
    }
    this.modules.set(documentType, Number(first.moduleId));
    return Number(first.moduleId);
  }

  /** True when Comercial already numbers documents of the module in this series (sharing it would repeat folios). */
  protected async seriesIsForeign(moduleId: number, prefix: string): Promise<boolean> {
    const [row] = await this.db.query<{ n: number }>(FOREIGN_DOCS_IN_SERIES, {
      company: this.ctx.company,
      module: moduleId,
      prefix,
    });
    return Number(row?.n) > 0;
  }

  /** The company's live customer by the store's key (orgCustomer.CustomerID, the customers catalog key). */
  protected async findCustomer(key: unknown): Promise<CustomerRow | null> {
    const text = String(key ?? '').trim();
    if (!/^\d{1,15}$/.test(text)) return null;
    const sql = this.limits.customersPerCompany ? FIND_CUSTOMER : withoutCustomerCompany(FIND_CUSTOMER);
    const [row] = await this.db.query<CustomerRow>(sql, { company: this.ctx.company, customerId: Number(text) });
    return row ?? null;
  }

  /** engRefCurrency by ISO code (case-insensitive input), with its rate (1 when unset). */
  protected async findCurrency(code: unknown): Promise<{ currencyId: number; rate: number } | null> {
    const iso = typeof code === 'string' ? code.trim().toUpperCase() : '';
    const [cur] = iso ? await this.db.query<{ currencyId: number; rate: number }>(FIND_CURRENCY, { iso }) : [];
    return cur ? { currencyId: Number(cur.currencyId), rate: Number(cur.rate) || 1 } : null;
  }

  protected async companyDepots(): Promise<number[]> {
    return (await this.db.query<{ id: number }>(COMPANY_DEPOTS, { company: this.ctx.company })).map((d) =>
      Number(d.id),
    );
  }

  /** A product SELECT of document-queries.ts as this database can run it (orgProduct.ObjetoImpuesto probed). */
  protected productSql(sql: string): string {
    return this.schema.productObjetoImpuesto ? sql : withoutProductObjeto(sql);
  }

  /**
   * Reserves the next folio of the series inside `tx`. An exclusive application lock on company + module + series,
   * held until COMMIT/ROLLBACK, serialises the writers of the series (only `public` permissions are needed: no
   * table is created). Behind it, `findTwin` tells whether a concurrent write of the same store id committed
   * (AlreadyWritten then), and the folio is the highest ever used in the series + 1: deleted and cancelled
   * documents count, a rolled-back write leaves no trace, so a number is never handed out twice. A legacy
   * zzWopenFolio row (earlier versions) counts as used too.
   */
  protected async reserveFolio(
    tx: SqlQueryRunner,
    key: FolioKey,
    findTwin: () => Promise<DocumentRow | undefined>,
  ): Promise<string> {
    const [lock] = await tx.query<{ result: number | null }>(FOLIO_LOCK, {
      lockName: `wopen-folio:${key.company}:${key.module}:${key.prefix}`,
    });
    if (!(Number(lock?.result) >= 0)) {
      throw new ErpError(
        `No se pudo reservar un folio de la serie «${key.prefix}» en CONTPAQi: otra escritura de la misma serie sigue en curso.`,
        ['Se reintentará en la siguiente sincronización.'],
      );
    }
    const twin = await findTwin();
    if (twin) throw new AlreadyWritten(writtenOf(twin));
    const used = await tx.query<{ folio: string | null }>(FOLIOS_IN_SERIES, key);
    let last = used.reduce(
      (max, r) => Math.max(max, /^\d{1,15}$/.test(String(r.folio ?? '').trim()) ? Number(r.folio) : 0),
      0,
    );
    if (this.legacyFolios === null) {
      const [row] = await tx.query<{ id: number | null }>(FOLIO_TABLE_EXISTS);
      this.legacyFolios = row?.id != null;
    }
    if (this.legacyFolios) {
      const [row] = await tx.query<{ lastFolio: number | null }>(READ_FOLIO, key);
      last = Math.max(last, Number(row?.lastFolio ?? 0) || 0);
    }
    return String(last + 1);
  }

  /** Runs the transaction; a twin found inside it is returned instead (its rollback gave the folio back). */
  protected async inTransaction(work: (tx: SqlQueryRunner) => Promise<WrittenDocument>): Promise<WrittenDocument> {
    try {
      return await this.guard(() => this.db.transaction(work));
    } catch (err) {
      if (err instanceof AlreadyWritten) return err.document;
      throw err;
    }
  }

  protected async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (this.isOwnError(err) || err instanceof ErpError || err instanceof AlreadyWritten) throw err;
      throw this.describe(err);
    }
  }

  protected assertOpen(): void {
    if (this.closed) throw new ErpError(this.closedMessage);
  }
}

/** Reads the text limits and the native columns and builds the writer; on failure the executor is closed and the error explained. */
export async function openWriter<T>(
  db: SqlExecutor,
  describe: (err: unknown) => Error,
  build: (limits: TextLimits, schema: NativeSchema) => T,
): Promise<T> {
  try {
    return build(await readTextLimits(db), await readNativeSchema(db));
  } catch (err) {
    await db.close().catch(() => undefined);
    throw describe(err);
  }
}

/** docDocumentItem rows, LineNumber 1…n, with the SQL-puro constants (reference §3.6). Shared by orders and invoices. */
export async function insertItems(
  tx: SqlQueryRunner,
  documentId: number,
  lines: readonly {
    product: ProductRow;
    quantity: number;
    unitPrice: number;
    gross: number;
    net: number;
    tax: number;
    taxPerc: number;
    discountPerc: number;
    comments: string | null;
  }[],
  date: string,
): Promise<void> {
  let lineNumber = 0;
  for (const line of lines) {
    lineNumber++;
    const p = line.product;
    await tx.query(INSERT_ITEM, {
      doc: documentId,
      productId: Number(p.productId),
      productKey: p.productKey,
      description: p.productName,
      unit: p.unitSale?.trim() || p.unit,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      gross: line.gross,
      taxType: p.taxTypeId === null ? null : Number(p.taxTypeId),
      taxPerc: line.taxPerc,
      discountPerc: line.discountPerc,
      lineNumber,
      date,
      // Copied from the product; NULL when it has none, as the native AgregarArticulo does (real-installations.md §2.5 [C]).
      claveUnidad: textOrNull(p.claveUnidad),
      objetoImpuesto: textOrNull(p.objetoImpuesto),
      comments: line.comments,
    });
  }
}

const textOrNull = (v: string | null | undefined): string | null =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : null;

/** What a written document's header carries (INSERT_DOCUMENT), besides the constants of the statement. */
export interface DocumentHeader {
  module: number;
  documentType: number;
  entity: number;
  depot: number;
  prefix: string;
  folio: string;
  /** 'YYYY-MM-DDT00:00:00': DateDocument and DateDelivery. */
  date: string;
  currency: number;
  rate: number;
  paymentTerm: number;
  marker: string;
  comments: string | null;
  subTotal: number;
  subTotalWithDiscount: number;
  totalDiscount: number;
  totalTax: number;
  total: number;
  /** docDocument.TotalLetter (total-letter.ts); null for currencies whose wording is unknown. */
  totalLetter: string | null;
  statusDelivery: number;
  source: number | null;
}

type ItemLine = Parameters<typeof insertItems>[2][number];

/** What order and invoice plans have in common: the customer, the currency and the hand-computed totals. */
export interface PlannedDocument {
  marker: string;
  customer: { entityId: number; paymentTermId: number | null };
  currencyId: number;
  /** ISO code of the currency (MXN, USD, EUR). */
  iso: string;
  rate: number;
  subTotal: number;
  subTotalWithDiscount: number;
  totalDiscount: number;
  totalTax: number;
  total: number;
}

/** The header fields a plan decides. */
export function headerOf(
  plan: PlannedDocument,
): Omit<
  DocumentHeader,
  'module' | 'documentType' | 'depot' | 'prefix' | 'folio' | 'date' | 'comments' | 'statusDelivery' | 'source'
> {
  return {
    entity: plan.customer.entityId,
    currency: plan.currencyId,
    rate: plan.rate,
    paymentTerm: Number(plan.customer.paymentTermId ?? 0),
    marker: plan.marker,
    subTotal: plan.subTotal,
    subTotalWithDiscount: plan.subTotalWithDiscount,
    totalDiscount: plan.totalDiscount,
    totalTax: plan.totalTax,
    total: plan.total,
    totalLetter: totalLetter(plan.total, plan.iso),
  };
}

/**
 * Everything after the folio, inside the caller's transaction: the header, the check that the marker is on exactly
 * one document (two processes racing on one store id → rollback, retried later), the four anchor rows (the CFD row
 * is the caller's statement, @doc bound here), the items and the tax tables (tax-rows.ts).
 */
export async function insertDocumentRows(
  tx: SqlQueryRunner,
  ctx: { company: number; now: string; schema: NativeSchema },
  header: DocumentHeader,
  cfd: { sql: string; params: SqlParams },
  lines: readonly ItemLine[],
  findOwn: () => Promise<DocumentRow[]>,
  busyMessage: string,
): Promise<WrittenDocument> {
  const day = `${header.date.slice(0, 10)}T00:00:00`;
  await tx.query(documentInsert(ctx.schema.documentDates), {
    ...header,
    day,
    company: ctx.company,
    statusPaid: 0,
    now: ctx.now,
  });
  const docs = await findOwn();
  const doc = docs[0];
  if (!doc || docs.length !== 1) throw new ErpError(busyMessage);
  const id = Number(doc.documentId);
  await tx.query(INSERT_EXT, { doc: id });
  await tx.query(INSERT_EXTRA, { doc: id });
  await tx.query(cfd.sql, { ...cfd.params, doc: id });
  await tx.query(INSERT_PAYMENT_AGENDA, { doc: id, date: header.date, now: ctx.now });
  await insertItems(tx, id, lines, header.date);
  const itemIds = new Map(
    (await tx.query<{ itemId: number; lineNumber: number }>(ITEMS_OF_DOCUMENT, { doc: id })).map((r) => [
      Number(r.lineNumber),
      Number(r.itemId),
    ]),
  );
  const taxed = lines.map((line, i) => ({
    itemId: itemIds.get(i + 1) ?? 0,
    taxTypeId: line.product.taxTypeId === null ? null : Number(line.product.taxTypeId),
    taxPerc: line.taxPerc,
    net: line.net,
    tax: line.tax,
  }));
  await insertTaxRows(tx, ctx.schema, id, taxed, header.totalTax);
  return writtenOf(doc);
}
