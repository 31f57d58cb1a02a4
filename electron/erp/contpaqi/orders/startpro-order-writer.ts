import { OrderRejected, type OrderSettings, type OrderWriter, type StoreOrder, type WrittenDocument } from '../../order-writer';
import { ErpError } from '../../port';
import type { SqlExecutor, SqlQueryRunner } from '../sql-executor';
import {
  BUMP_FOLIO,
  COLUMN_LIMITS,
  COMPANY_DEPOTS,
  CREATE_FOLIO_TABLE,
  FIND_BY_MARKER,
  FIND_CURRENCY,
  FIND_CUSTOMER,
  FIND_PRODUCT,
  FOLIO_TABLE_EXISTS,
  FOLIO_TAKEN,
  FOLIOS_IN_SERIES,
  FOREIGN_DOCS_IN_SERIES,
  INSERT_CFD,
  INSERT_DOCUMENT,
  INSERT_EXT,
  INSERT_EXTRA,
  INSERT_FOLIO_ROW,
  INSERT_ITEM,
  INSERT_PAYMENT_AGENDA,
  INSERT_TAX,
  READ_FOLIO,
  RESOLVE_MODULE,
  SERIES_OF_COMPANY,
  type CustomerRow,
  type DocumentRow,
  type ProductRow,
} from './order-queries';
import { DEFAULT_SERIES, markerOf, planOrder, seriesOf, type OrderPlan, type TextLimits } from './plan-order';

/** DocumentTypeID per kind (reference §3.1): 40 pedido de cliente, 1 cotización [P]. */
const DOCUMENT_TYPE = { pedido: 40, cotizacion: 1 } as const;
/** How many taken folios in a row the reservation skips before giving up (a hand-typed folio in our series). */
const MAX_FOLIO_SKIPS = 50;

export interface StartProOrderContext {
  company: number;
  clock: () => Date;
}

/** The same store id is already on a document: the transaction rolls back (no folio consumed) and it is returned. */
class AlreadyWritten extends Error {
  constructor(readonly document: WrittenDocument) {
    super('already written');
  }
}

/**
 * The Start/Pro OrderWriter ("SQL puro", reference §3.6): for one owned company, each order becomes one docDocument
 * (pedido, module by engModuleParameter DocumentTypeID 40; cotización, DocumentTypeID 1) with its four 1:1 anchor
 * rows, its items and docDocumentTax, in ONE transaction, numbered in the connector's own series (zzWopenFolio).
 * The store order id is docDocument.Title = 'WOPEN-<id>'. No XEngine: no recalculation, kardex or CFDI.
 */
export class StartProOrderWriter implements OrderWriter {
  private closed = false;
  private folioTableReady = false;
  private readonly modules = new Map<StoreOrder['kind'], number>();

  private constructor(
    private readonly db: SqlExecutor,
    private readonly ctx: StartProOrderContext,
    private readonly limits: TextLimits,
    private readonly describe: (err: unknown) => Error,
  ) {}

  static async open(db: SqlExecutor, ctx: StartProOrderContext, describe: (err: unknown) => Error): Promise<StartProOrderWriter> {
    try {
      const [row] = await db.query<Record<string, unknown>>(COLUMN_LIMITS);
      const chars = (v: unknown): number | null => {
        const bytes = Number(v);
        return Number.isFinite(bytes) && bytes > 0 ? Math.floor(bytes / 2) : null;
      };
      const limits: TextLimits = {
        title: chars(row?.title),
        comments: chars(row?.comments),
        folioPrefix: chars(row?.folioPrefix),
        itemComments: chars(row?.itemComments),
      };
      return new StartProOrderWriter(db, ctx, limits, describe);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw describe(err);
    }
  }

  async writeOrder(order: StoreOrder, settings: OrderSettings): Promise<WrittenDocument> {
    this.assertOpen();
    const existing = await this.findDocument(order.id);
    if (existing) return existing;
    const { plan, prefix, moduleId, depotId } = await this.guard(async () => {
      const prefix = seriesOf(order.kind === 'cotizacion' ? 'cotizacion' : 'pedido', settings, this.limits.folioPrefix);
      const plan = planOrder(order, settings, await this.loadFacts(order, settings));
      const moduleId = await this.moduleOf(plan.kind);
      await this.checkSeriesIsOurs(plan.kind, moduleId, prefix);
      return { plan, prefix, moduleId, depotId: await this.depotOf(settings.warehouseId) };
    });
    await this.guard(() => this.ensureFolioTable());
    try {
      return await this.guard(() => this.db.transaction((tx) => this.writeDocument(tx, plan, prefix, moduleId, depotId)));
    } catch (err) {
      if (err instanceof AlreadyWritten) return err.document;
      throw err;
    }
  }

  async findDocument(storeOrderId: string): Promise<WrittenDocument | null> {
    this.assertOpen();
    let marker: string;
    try {
      marker = markerOf(storeOrderId, this.limits.title);
    } catch (err) {
      if (err instanceof OrderRejected) return null; // an id that cannot be stored was never written
      throw err;
    }
    const rows = await this.guard(() => this.db.query<DocumentRow>(FIND_BY_MARKER, { company: this.ctx.company, marker }));
    const first = rows[0];
    return first ? written(first) : null;
  }

  /** The connector's own series for the kind: its default plus any it has numbered in this company. */
  async listSeries(kind: 'pedido' | 'cotizacion'): Promise<{ id: string; label: string }[]> {
    this.assertOpen();
    return this.guard(async () => {
      const moduleId = await this.moduleOf(kind).catch(() => null);
      const known = new Map<string, number>([[DEFAULT_SERIES[kind], 0]]);
      const [exists] = await this.db.query<{ id: number | null }>(FOLIO_TABLE_EXISTS);
      if (moduleId !== null && exists?.id != null) {
        const rows = await this.db.query<{ moduleId: number; prefix: string; lastFolio: number }>(SERIES_OF_COMPANY, { company: this.ctx.company });
        for (const r of rows) if (Number(r.moduleId) === moduleId) known.set(r.prefix, Number(r.lastFolio));
      }
      return [...known].map(([id, last]) => ({
        id,
        label: `${id} (serie propia de Wopen${last > 0 ? `, último folio ${last}` : ''})`,
      }));
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  private async writeDocument(tx: SqlQueryRunner, plan: OrderPlan, prefix: string, moduleId: number, depotId: number): Promise<WrittenDocument> {
    const company = this.ctx.company;
    const now = sqlDate(this.ctx.clock());
    const key = { company, module: moduleId, prefix };
    // Reserve: the row exists (seeded once from every folio ever used in the series, deleted and cancelled
    // included), then UPDATE takes its lock until COMMIT.
    if ((await tx.query(READ_FOLIO, key)).length === 0) {
      const used = await tx.query<{ folio: string | null }>(FOLIOS_IN_SERIES, key);
      const seed = used.reduce((max, r) => Math.max(max, /^\d{1,15}$/.test(String(r.folio ?? '').trim()) ? Number(r.folio) : 0), 0);
      await tx.query(INSERT_FOLIO_ROW, { ...key, seed, now });
    }
    let folio = '';
    for (let attempt = 0; ; attempt++) {
      await tx.query(BUMP_FOLIO, { ...key, now });
      // Serialised behind the folio row: a concurrent write of the same store id has committed or rolled back.
      const twin = await tx.query<DocumentRow>(FIND_BY_MARKER, { company, marker: plan.marker });
      if (twin[0]) throw new AlreadyWritten(written(twin[0]));
      const [row] = await tx.query<{ lastFolio: number }>(READ_FOLIO, key);
      folio = String(Number(row?.lastFolio));
      const [taken] = await tx.query<{ n: number }>(FOLIO_TAKEN, { ...key, folio });
      if (Number(taken?.n) === 0) break;
      if (attempt >= MAX_FOLIO_SKIPS) throw new ErpError(`No se encontró un folio libre en la serie «${prefix}» de CONTPAQi.`);
    }

    await tx.query(INSERT_DOCUMENT, {
      module: moduleId,
      documentType: plan.documentType,
      company,
      entity: plan.customer.entityId,
      depot: depotId,
      prefix,
      folio,
      date: plan.date,
      currency: plan.currencyId,
      rate: plan.rate,
      paymentTerm: Number(plan.customer.paymentTermId ?? 0),
      marker: plan.marker,
      comments: plan.comments,
      subTotal: plan.subTotal,
      subTotalWithDiscount: plan.subTotalWithDiscount,
      totalDiscount: plan.totalDiscount,
      totalTax: plan.totalTax,
      total: plan.total,
      statusPaid: 0,
      // 3 = por surtir on pedidos (reference §3.1); a cotización delivers nothing.
      statusDelivery: plan.kind === 'pedido' ? 3 : 0,
      now,
    });
    const docs = await tx.query<DocumentRow>(FIND_BY_MARKER, { company, marker: plan.marker });
    const doc = docs[0];
    if (!doc || docs.length !== 1) {
      throw new ErpError(`El pedido ${plan.marker} de la tienda ya se estaba escribiendo en CONTPAQi; se reintentará.`);
    }
    const id = Number(doc.documentId);
    await tx.query(INSERT_EXT, { doc: id });
    await tx.query(INSERT_EXTRA, { doc: id });
    await tx.query(INSERT_CFD, { doc: id });
    await tx.query(INSERT_PAYMENT_AGENDA, { doc: id, date: plan.date, now });
    let lineNumber = 0;
    for (const line of plan.lines) {
      lineNumber++;
      const p = line.product;
      await tx.query(INSERT_ITEM, {
        doc: id,
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
        date: plan.date,
        claveUnidad: p.claveUnidad,
        objetoImpuesto: '',
        comments: line.comments,
      });
    }
    await tx.query(INSERT_TAX, { doc: id, iva: plan.totalTax });
    return written(doc);
  }

  private async loadFacts(order: StoreOrder, settings: OrderSettings) {
    const company = this.ctx.company;
    const customerKey = String(order.customerKey ?? '').trim();
    const customer = /^\d{1,15}$/.test(customerKey)
      ? ((await this.db.query<CustomerRow>(FIND_CUSTOMER, { company, customerId: Number(customerKey) }))[0] ?? null)
      : null;
    const keys = new Set<string>();
    for (const l of Array.isArray(order.lines) ? order.lines : []) keys.add(String(l?.articleKey ?? '').trim());
    if (settings.freightArticleId) keys.add(settings.freightArticleId.trim());
    const products = new Map<string, ProductRow>();
    for (const key of keys) {
      if (!/^\d{1,15}$/.test(key)) continue;
      const [row] = await this.db.query<ProductRow>(FIND_PRODUCT, { productId: Number(key) });
      if (row) products.set(key, row);
    }
    const iso = typeof order.currency === 'string' ? order.currency.trim().toUpperCase() : '';
    const [cur] = iso ? await this.db.query<{ currencyId: number; rate: number }>(FIND_CURRENCY, { iso }) : [];
    const currency = cur ? { currencyId: Number(cur.currencyId), rate: Number(cur.rate) || 1 } : null;
    return { customer, products, currency, limits: this.limits };
  }

  private async moduleOf(kind: StoreOrder['kind']): Promise<number> {
    const cached = this.modules.get(kind);
    if (cached !== undefined) return cached;
    const rows = await this.db.query<{ moduleId: number }>(RESOLVE_MODULE, { type: String(DOCUMENT_TYPE[kind]) });
    const first = rows[0];
    if (!first) {
      const name = kind === 'cotizacion' ? 'cotizaciones de cliente' : 'pedidos de cliente';
      throw new ErpError(`No se encontró el módulo de ${name} en CONTPAQi (engModuleParameter DocumentTypeID ${DOCUMENT_TYPE[kind]}, DocRecipient 1).`, [
        'Confirme en CONTPAQi Comercial que el módulo existe y no está dado de baja; avise a soporte si lo usa con otro nombre.',
      ]);
    }
    this.modules.set(kind, Number(first.moduleId));
    return Number(first.moduleId);
  }

  /** A series Comercial already uses for this module is not ours: numbering it would collide with GetNextFolio. */
  private async checkSeriesIsOurs(kind: StoreOrder['kind'], moduleId: number, prefix: string): Promise<void> {
    const [row] = await this.db.query<{ n: number }>(FOREIGN_DOCS_IN_SERIES, { company: this.ctx.company, module: moduleId, prefix });
    if (Number(row?.n) > 0) {
      const label = kind === 'cotizacion' ? 'cotizaciones' : 'pedidos';
      throw new OrderRejected(
        `La serie «${prefix}» ya la usa CONTPAQi Comercial para ${label}; elija una serie propia de Wopen para no repetir folios.`,
        'bad-series',
      );
    }
  }

  private async depotOf(warehouseId: string | null): Promise<number> {
    const depots = (await this.db.query<{ id: number }>(COMPANY_DEPOTS, { company: this.ctx.company })).map((d) => Number(d.id));
    if (warehouseId === null || warehouseId.trim() === '') {
      const first = depots[0];
      if (first === undefined) throw new ErpError('La empresa no tiene almacenes vigentes en CONTPAQi: no se puede registrar el pedido.');
      return first;
    }
    const wanted = Number(warehouseId.trim());
    if (!depots.includes(wanted)) {
      throw new ErpError(`El almacén configurado (${warehouseId}) no existe en la empresa o fue dado de baja en CONTPAQi.`, [
        'Elija de nuevo el almacén en la configuración de pedidos.',
      ]);
    }
    return wanted;
  }

  private async ensureFolioTable(): Promise<void> {
    if (this.folioTableReady) return;
    const [row] = await this.db.query<{ id: number | null }>(FOLIO_TABLE_EXISTS);
    if (row?.id == null) {
      try {
        await this.db.query(CREATE_FOLIO_TABLE);
      } catch (err) {
        // Another writer created it first (SQL Server error 2714): fine when it exists now.
        const [again] = await this.db.query<{ id: number | null }>(FOLIO_TABLE_EXISTS);
        if (again?.id == null) throw err;
      }
    }
    this.folioTableReady = true;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof OrderRejected || err instanceof ErpError || err instanceof AlreadyWritten) throw err;
      throw this.describe(err);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new ErpError('La conexión de pedidos con CONTPAQi ya se cerró.');
  }
}

function written(row: DocumentRow): WrittenDocument {
  return { documentId: String(row.documentId), folio: `${row.folioPrefix ?? ''}${row.folio ?? ''}` };
}

/** 'YYYY-MM-DDTHH:mm:ss' local time: ISO 8601, which SQL Server converts to DATETIME regardless of DATEFORMAT. */
function sqlDate(d: Date): string {
  const p = (x: number) => String(x).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
