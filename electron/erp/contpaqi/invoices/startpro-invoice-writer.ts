import {
  InvoiceRejected,
  type InvoiceRequest,
  type InvoiceSettings,
  type InvoiceToWrite,
  type InvoiceWriter,
  type StampedInvoice,
  type WrittenInvoice,
} from '../../invoice-writer';
import { ErpError } from '../../port';
import type { SqlExecutor, SqlQueryRunner } from '../sql-executor';
import { readCfdiXml } from '../documents/cfdi-xml';
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
import {
  FIND_BY_MARKER_OF_TYPE,
  exactMarker,
  FIND_CURRENCY,
  FIND_IVA16_TAX_TYPE,
  FIND_PRODUCT,
  FIND_PRODUCT_BY_KEY,
  FIND_SOURCE_DOCUMENT,
  INSERT_INVOICE_CFD,
  INSERT_PRODUCT,
  withoutObjetoColumn,
  STAMP_OF_DOCUMENT,
  type DocumentRow,
  type ProductRow,
} from './invoice-queries';
import {
  invoiceCurrencyOf,
  invoiceMarkerOf,
  invoiceSeriesOf,
  NEW_ARTICLE_OBJETO_IMPUESTO,
  planInvoice,
  type InvoiceFacts,
  type InvoicePlan,
} from './plan-invoice';

/** Factura de cliente (reference §3.1 [C]): DocumentTypeID 5, DocRecipient 1; the module comes from engModuleParameter. */
const INVOICE_DOCUMENT_TYPE = 5;
/** docDocumentCFD.CFDStatusID 3 = timbrado (reference §3.8 [C]). */
const CFD_STAMPED = 3;

/**
 * The Start/Pro InvoiceWriter, on the order writer's machinery (../documents/document-writer.ts): each
 * request becomes one *Factura de cliente* docDocument with its anchor rows, items, tax tables and a
 * docDocumentCFD row carrying the receptor data (RFC, UsoCFDI, FormaPago, MetodoPago; CFDStatusID 0, not stamped),
 * in ONE transaction, numbered in the connector's own invoice series. Articles that exist only in the store are
 * created in orgProduct in the same transaction with the company's default SAT keys. The request id is
 * docDocument.Title = the request's marker (store identity + id); SourceDocumentID links the pedido written from the store order.
 * Stamping is not done here (stamper.ts); `stampOf` reads what Comercial recorded.
 */
export class StartProInvoiceWriter extends StartProDocumentWriter implements InvoiceWriter {
  private constructor(
    db: SqlExecutor,
    ctx: StartProWriterContext,
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
      (err) => err instanceof InvoiceRejected,
      'La conexión de facturas con CONTPAQi ya se cerró.',
    );
  }

  static open(
    db: SqlExecutor,
    ctx: StartProWriterContext,
    describe: (err: unknown) => Error,
  ): Promise<StartProInvoiceWriter> {
    return openWriter(db, describe, (limits, schema) => new StartProInvoiceWriter(db, ctx, limits, schema, describe));
  }

  /** Never writes a request twice: an invoice already carrying the request id is returned as is. */
  async writeInvoice(request: InvoiceToWrite, settings: InvoiceSettings): Promise<WrittenInvoice> {
    this.assertOpen();
    const existing = await this.findInvoice(request.ref);
    if (existing) return existing;
    const { plan, moduleId, depotId, source } = await this.guard(async () => {
      // Cheap syntax checks first, so a bad request costs no lookups.
      invoiceMarkerOf(request.ref, this.limits.title);
      invoiceSeriesOf(settings, this.limits.folioPrefix);
      invoiceCurrencyOf(request);
      const plan = planInvoice(request, settings, await this.loadFacts(request));
      const moduleId = await this.moduleOf(INVOICE_DOCUMENT_TYPE, 'facturas de cliente');
      if (await this.seriesIsForeign(moduleId, plan.prefix)) {
        throw new InvoiceRejected(
          `La serie «${plan.prefix}» ya la usa CONTPAQi Comercial para facturas; elija una serie propia de Wopen para no repetir folios.`,
          'bad-series',
        );
      }
      const { depotId, source } = await this.depotAndSource(settings.sourceDocumentId);
      return { plan, moduleId, depotId, source };
    });
    return this.inTransaction((tx) => this.writeDocument(tx, plan, moduleId, depotId, source));
  }

  async findInvoice(ref: string): Promise<WrittenInvoice | null> {
    this.assertOpen();
    let marker: string;
    try {
      marker = invoiceMarkerOf(ref, this.limits.title);
    } catch (err) {
      if (err instanceof InvoiceRejected) return null; // an id that cannot be stored was never written
      throw err;
    }
    const rows = await this.guard(() => this.byMarker(this.db, marker));
    const first = rows[0];
    return first ? writtenOf(first) : null;
  }

  /** Stamped = docDocumentCFD.CFDStatusID 3 with a UUID; the XML when its CFDFileXML path is readable from here. */
  async stampOf(documentId: string): Promise<StampedInvoice | null> {
    this.assertOpen();
    const id = String(documentId ?? '').trim();
    if (!/^\d{1,15}$/.test(id)) return null;
    const [row] = await this.guard(() =>
      this.db.query<{ status: number | null; uuid: string | null; xmlPath: string | null }>(STAMP_OF_DOCUMENT, {
        doc: Number(id),
        company: this.ctx.company,
      }),
    );
    const uuid = typeof row?.uuid === 'string' ? row.uuid.trim() : '';
    if (!row || Number(row.status) !== CFD_STAMPED || uuid === '') return null;
    return { uuid, xml: await readCfdiXml(row.xmlPath, this.ctx.cfdiFolders ?? []) };
  }

  private async byMarker(runner: SqlQueryRunner, marker: string): Promise<DocumentRow[]> {
    return exactMarker(
      await runner.query<DocumentRow>(FIND_BY_MARKER_OF_TYPE, {
        company: this.ctx.company,
        marker,
        documentType: INVOICE_DOCUMENT_TYPE,
      }),
      marker,
    );
  }

  private async writeDocument(
    tx: SqlQueryRunner,
    plan: InvoicePlan,
    moduleId: number,
    depotId: number,
    source: number | null,
  ): Promise<WrittenInvoice> {
    const company = this.ctx.company;
    const now = sqlDate(this.ctx.clock());
    const date = `${now.slice(0, 10)}T00:00:00`;
    const folio = await this.reserveFolio(
      tx,
      { company, module: moduleId, prefix: plan.prefix },
      async () => (await this.byMarker(tx, plan.marker))[0],
    );

    // Store-only articles, once per key; behind the folio lock, so a concurrent invoice creating the same key waits.
    const createdIds = new Map<string, number>();
    const [mxn] = await tx.query<{ currencyId: number }>(FIND_CURRENCY, { iso: 'MXN' });
    for (const line of plan.lines) {
      const article = line.create;
      if (!article) continue;
      let productId = createdIds.get(article.key);
      if (productId === undefined) {
        let [row] = await tx.query<ProductRow>(this.productSql(FIND_PRODUCT_BY_KEY), { productKey: article.key });
        if (!row) {
          await tx.query(this.schema.productObjetoImpuesto ? INSERT_PRODUCT : withoutObjetoColumn(INSERT_PRODUCT), {
            productKey: article.key,
            productName: article.name,
            unit: article.claveUnidad,
            claveProdServ: article.claveProdServ,
            claveUnidad: article.claveUnidad,
            objetoImpuesto: NEW_ARTICLE_OBJETO_IMPUESTO,
            taxType: article.taxTypeId,
            currency: mxn ? Number(mxn.currencyId) : null,
            now,
          });
          [row] = await tx.query<ProductRow>(this.productSql(FIND_PRODUCT_BY_KEY), { productKey: article.key });
        }
        if (!row) throw new ErpError(`No se pudo dar de alta el artículo «${article.key}» en CONTPAQi.`);
        productId = Number(row.productId);
        createdIds.set(article.key, productId);
      }
      line.product = { ...line.product, productId };
    }

    return insertDocumentRows(
      tx,
      { company, now, schema: this.schema },
      {
        ...headerOf(plan),
        module: moduleId,
        documentType: INVOICE_DOCUMENT_TYPE,
        depot: depotId,
        prefix: plan.prefix,
        folio,
        date,
        comments: null,
        // Factura de cliente profile (reference §3.1): DepotIDFrom 0, StatusDeliveryID 0, the payment term set.
        statusDelivery: 0,
        source,
      },
      {
        sql: INSERT_INVOICE_CFD,
        params: {
          usoCfdi: plan.usoCfdi,
          formaPago: plan.formaPago,
          metodoPago: plan.metodoPago,
          rfc: plan.rfc,
          serie: plan.prefix,
          folio,
        },
      },
      plan.lines,
      () => this.byMarker(tx, plan.marker),
      `La factura ${plan.marker} de la tienda ya se estaba escribiendo en CONTPAQi; se reintentará.`,
    );
  }

  private async loadFacts(request: InvoiceRequest): Promise<InvoiceFacts> {
    const customer = await this.findCustomer(request.customerKey);
    const products = new Map<string, ProductRow>();
    let storeOnly = false;
    for (const l of Array.isArray(request.lines) ? request.lines : []) {
      const key = String(l?.articleKey ?? '').trim();
      if (key === '' || products.has(key)) continue;
      // The store's key is the ERP's ProductID (articles catalog); an article created from the store has its key as ProductKey.
      let [row] = /^\d{1,15}$/.test(key)
        ? await this.db.query<ProductRow>(this.productSql(FIND_PRODUCT), { productId: Number(key) })
        : [];
      row ??= (await this.db.query<ProductRow>(this.productSql(FIND_PRODUCT_BY_KEY), { productKey: key }))[0];
      if (row) products.set(key, row);
      else storeOnly = true;
    }
    const currency = await this.findCurrency(request.currency);
    const [tax] = storeOnly ? await this.db.query<{ taxTypeId: number; ivaRate: number }>(FIND_IVA16_TAX_TYPE) : [];
    const ivaTaxType = tax ? { taxTypeId: Number(tax.taxTypeId), ivaRate: Number(tax.ivaRate) } : null;
    return { customer, products, currency, ivaTaxType, limits: this.limits };
  }

  /** The pedido to link (a document of the company) and the depot: the pedido's, else the company's first. */
  private async depotAndSource(sourceDocumentId: string | null): Promise<{ depotId: number; source: number | null }> {
    const wanted = String(sourceDocumentId ?? '').trim();
    if (/^\d{1,15}$/.test(wanted)) {
      const [row] = await this.db.query<{ documentId: number; depotId: number }>(FIND_SOURCE_DOCUMENT, {
        doc: Number(wanted),
        company: this.ctx.company,
      });
      if (row) return { depotId: Number(row.depotId), source: Number(row.documentId) };
    }
    const first = (await this.companyDepots())[0];
    if (first === undefined)
      throw new ErpError('La empresa no tiene almacenes vigentes en CONTPAQi: no se puede registrar la factura.');
    return { depotId: first, source: null };
  }
}
