import {
  OrderRejected,
  type OrderSettings,
  type OrderToWrite,
  type OrderWriter,
  type StoreOrder,
  type WrittenDocument,
} from '../../order-writer';
import { ErpError } from '../../port';
import type { SqlExecutor, SqlQueryRunner } from '../sql-executor';
import {
  FIND_BY_MARKER,
  exactMarker,
  FIND_PRODUCT,
  INSERT_CFD,
  type DocumentRow,
  type ProductRow,
} from './order-queries';
import {
  headerOf,
  insertDocumentRows,
  openWriter,
  sqlDate,
  StartProDocumentWriter,
  writtenOf,
  type StartProWriterContext,
  type TextLimits,
} from '../documents/document-writer';
import type { NativeSchema } from '../documents/native-schema';
import { ownSeries } from '../documents/own-series';
import { DEFAULT_SERIES, markerOf, planOrder, seriesOf, type OrderPlan } from './plan-order';

/** DocumentTypeID per kind (reference §3.1): 40 pedido de cliente, 1 cotización [P]. */
const DOCUMENT_TYPE = { pedido: 40, cotizacion: 1 } as const;
const MODULE_NAME = { pedido: 'pedidos de cliente', cotizacion: 'cotizaciones de cliente' } as const;

export type StartProOrderContext = StartProWriterContext;

/**
 * The Start/Pro OrderWriter ("SQL puro", reference §3.6): for one owned company, each order becomes one docDocument
 * (pedido, module by engModuleParameter DocumentTypeID 40; cotización, DocumentTypeID 1) with its four 1:1 anchor
 * rows, its items and the tax tables, in ONE transaction, numbered in the connector's own series.
 * The order's marker (store identity + id) is docDocument.Title. No XEngine: no recalculation, kardex or CFDI.
 * The machinery shared with the invoice writer is in ../documents/document-writer.ts.
 */
export class StartProOrderWriter extends StartProDocumentWriter implements OrderWriter {
  private constructor(
    db: SqlExecutor,
    ctx: StartProOrderContext,
    limits: TextLimits,
    schema: NativeSchema,
    describe: (err: unknown) => Error,
  ) {
    super(
      db,
      ctx,
      limits,
      schema,
      describe,
      (err) => err instanceof OrderRejected,
      'La conexión de pedidos con CONTPAQi ya se cerró.',
    );
  }

  static open(
    db: SqlExecutor,
    ctx: StartProOrderContext,
    describe: (err: unknown) => Error,
  ): Promise<StartProOrderWriter> {
    return openWriter(db, describe, (limits, schema) => new StartProOrderWriter(db, ctx, limits, schema, describe));
  }

  async writeOrder(order: OrderToWrite, settings: OrderSettings): Promise<WrittenDocument> {
    this.assertOpen();
    const existing = await this.findDocument(order.ref);
    if (existing) return existing;
    const { plan, prefix, moduleId, depotId } = await this.guard(async () => {
      const prefix = seriesOf(order.kind === 'cotizacion' ? 'cotizacion' : 'pedido', settings, this.limits.folioPrefix);
      const plan = planOrder(order, settings, await this.loadFacts(order, settings));
      const moduleId = await this.moduleOf(DOCUMENT_TYPE[plan.kind], MODULE_NAME[plan.kind]);
      if (await this.seriesIsForeign(moduleId, prefix)) {
        const label = plan.kind === 'cotizacion' ? 'cotizaciones' : 'pedidos';
        throw new OrderRejected(
          `La serie «${prefix}» ya la usa CONTPAQi Comercial para ${label}; elija una serie propia de Wopen para no repetir folios.`,
          'bad-series',
        );
      }
      return { plan, prefix, moduleId, depotId: await this.depotOf(settings.warehouseId) };
    });
    return this.inTransaction((tx) => this.writeDocument(tx, plan, prefix, moduleId, depotId));
  }

  async findDocument(ref: string): Promise<WrittenDocument | null> {
    this.assertOpen();
    let marker: string;
    try {
      marker = markerOf(ref, this.limits.title);
    } catch (err) {
      if (err instanceof OrderRejected) return null; // an id that cannot be stored was never written
      throw err;
    }
    const rows = exactMarker(
      await this.guard(() => this.db.query<DocumentRow>(FIND_BY_MARKER, { company: this.ctx.company, marker })),
      marker,
    );
    const first = rows[0];
    return first ? writtenOf(first) : null;
  }

  /** The connector's own series for the kind: its default plus any it has numbered in this company (its documents). */
  async listSeries(kind: 'pedido' | 'cotizacion'): Promise<{ id: string; label: string }[]> {
    this.assertOpen();
    return this.guard(async () => {
      const moduleId = await this.moduleOf(DOCUMENT_TYPE[kind], MODULE_NAME[kind]).catch(() => null);
      const known =
        moduleId === null
          ? new Map([[DEFAULT_SERIES[kind], 0]])
          : await ownSeries(this.db, this.ctx.company, moduleId, DEFAULT_SERIES[kind]);
      return [...known].map(([id, last]) => ({
        id,
        label: `${id} (serie propia de Wopen${last > 0 ? `, último folio ${last}` : ''})`,
      }));
    });
  }

  private async writeDocument(
    tx: SqlQueryRunner,
    plan: OrderPlan,
    prefix: string,
    moduleId: number,
    depotId: number,
  ): Promise<WrittenDocument> {
    const company = this.ctx.company;
    const now = sqlDate(this.ctx.clock());
    const byMarker = async () =>
      exactMarker(await tx.query<DocumentRow>(FIND_BY_MARKER, { company, marker: plan.marker }), plan.marker);
    const folio = await this.reserveFolio(tx, { company, module: moduleId, prefix }, async () => (await byMarker())[0]);

    return insertDocumentRows(
      tx,
      { company, now, schema: this.schema },
      {
        ...headerOf(plan),
        module: moduleId,
        documentType: plan.documentType,
        depot: depotId,
        prefix,
        folio,
        date: plan.date,
        comments: plan.comments,
        // 3 = por surtir on pedidos (reference §3.1); a cotización delivers nothing.
        statusDelivery: plan.kind === 'pedido' ? 3 : 0,
        source: null,
      },
      { sql: INSERT_CFD, params: {} },
      plan.lines,
      byMarker,
      `El pedido ${plan.marker} de la tienda ya se estaba escribiendo en CONTPAQi; se reintentará.`,
    );
  }

  private async loadFacts(order: StoreOrder, settings: OrderSettings) {
    const customer = await this.findCustomer(order.customerKey);
    const keys = new Set<string>();
    for (const l of Array.isArray(order.lines) ? order.lines : []) keys.add(String(l?.articleKey ?? '').trim());
    if (settings.freightArticleId) keys.add(settings.freightArticleId.trim());
    const products = new Map<string, ProductRow>();
    for (const key of keys) {
      if (!/^\d{1,15}$/.test(key)) continue;
      const [row] = await this.db.query<ProductRow>(this.productSql(FIND_PRODUCT), { productId: Number(key) });
      if (row) products.set(key, row);
    }
    const currency = await this.findCurrency(order.currency);
    return { customer, products, currency, limits: this.limits };
  }

  private async depotOf(warehouseId: string | null): Promise<number> {
    const depots = await this.companyDepots();
    if (warehouseId === null || warehouseId.trim() === '') {
      const first = depots[0];
      if (first === undefined)
        throw new ErpError('La empresa no tiene almacenes vigentes en CONTPAQi: no se puede registrar el pedido.');
      return first;
    }
    const wanted = Number(warehouseId.trim());
    if (!depots.includes(wanted)) {
      throw new ErpError(
        `El almacén configurado (${warehouseId}) no existe en la empresa o fue dado de baja en CONTPAQi.`,
        ['Elija de nuevo el almacén en la configuración de pedidos.'],
      );
    }
    return wanted;
  }
}
