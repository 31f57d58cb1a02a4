import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import type { CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { capabilitiesOf } from '../../electron/erp/capabilities';
import {
  InvoiceRejected,
  type InvoiceToWrite,
  type InvoiceSettings,
  type InvoiceWriter,
} from '../../electron/erp/invoice-writer';
import type { OrderSettings } from '../../electron/erp/order-writer';
import { ErpError } from '../../electron/erp/port';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProOrdersFixture, writeFootprint } from '../helpers/contpaqi-orders-fixture';
import { tempDir } from '../helpers/temp-dir';

const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};

const SETTINGS: InvoiceSettings = {
  series: null,
  defaultClaveProdServ: '01010101',
  defaultClaveUnidad: 'H87',
  sourceDocumentId: null,
};
const NOW = new Date(2026, 10, 21, 9, 15, 0);

async function setup(): Promise<{ exec: SqliteSqlExecutor; connector: ContpaqiConnector; writer: InvoiceWriter }> {
  const exec = new SqliteSqlExecutor();
  await loadStartProOrdersFixture(exec);
  const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => NOW });
  return { exec, connector, writer: await connector.openInvoices('1') };
}

/** The writer gets the marker the engine builds; the legacy form keeps these Title assertions readable. */
function solicitud(id: string, patch: Partial<InvoiceToWrite> = {}): InvoiceToWrite {
  return {
    id,
    ref: `WOPEN-F-${patch.id ?? id}`,
    orderId: null,
    customerKey: '2',
    rfc: 'ÑUNJ800101AB3',
    usoCfdi: 'G03',
    currency: 'MXN',
    lines: [
      {
        articleKey: '1',
        description: 'Tornillo (nombre en la tienda)',
        quantity: 4,
        unitPrice: 12.5,
        discountPercent: 10,
      },
      { articleKey: '1601', quantity: 2, unitPrice: 100 },
    ],
    ...patch,
  };
}

type Row = Record<string, unknown>;
const one = (exec: SqliteSqlExecutor, sql: string, ...args: unknown[]) =>
  exec.db.prepare(sql).get(...args) as Row | undefined;
const docOf = (exec: SqliteSqlExecutor, id: string) =>
  one(exec, 'SELECT * FROM dbo.docDocument WHERE DocumentID = ?', Number(id)) as Row;
const cfdOf = (exec: SqliteSqlExecutor, id: string) =>
  one(exec, 'SELECT * FROM dbo.docDocumentCFD WHERE DocumentID = ?', Number(id)) as Row;
const itemsOf = (exec: SqliteSqlExecutor, id: string) =>
  exec.db
    .prepare('SELECT * FROM dbo.docDocumentItem WHERE DocumentID = ? ORDER BY LineNumber')
    .all(Number(id)) as Row[];
const count = (exec: SqliteSqlExecutor, sql: string, ...args: unknown[]) =>
  Number((exec.db.prepare(sql).get(...args) as { n: number }).n);

describe('CONTPAQi Start/Pro invoice writer (SQLite emulation)', () => {
  it('writes a Factura de cliente: header in module 21 (engModuleParameter), anchors, items, IVA, CFD row not stamped, own series', async () => {
    const { exec, connector, writer } = await setup();
    expect(capabilitiesOf(connector).invoices).toBe(connector);
    const inv = await writer.writeInvoice(solicitud('FAC-1'), SETTINGS);
    expect(inv.folio).toBe('WF1');

    expect(docOf(exec, inv.documentId)).toMatchObject({
      ModuleID: 21,
      DocumentTypeID: 5,
      DocRecipientID: 1,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 8,
      DepotID: 1,
      DepotIDFrom: 0,
      FolioPrefix: 'WF',
      Folio: '1',
      Title: 'WOPEN-F-FAC-1',
      Comments: null,
      CurrencyID: 3,
      Rate: 1,
      PaymentTermID: 2,
      StatusDeliveryID: 0,
      StatusPaidID: 0,
      SourceDocumentID: null,
      DateDocument: '2026-11-21T00:00:00',
      CreatedOn: '2026-11-21T09:15:00',
      // 4 × 12.50 − 10 % = 45 (+7.20); 2 × 100 = 200 (+32).
      SubTotal: 250,
      TotalDiscount: 5,
      SubTotalWithDiscount: 245,
      TotalTax: 39.2,
      Total: 284.2,
      Balance: 284.2,
      TotalPaid: 0,
    });
    expect(
      itemsOf(exec, inv.documentId).map((i) => [
        i.LineNumber,
        i.ProductID,
        i.ProductKey,
        i.Description,
        i.Quantity,
        i.UnitPrice,
        i.Total,
        i.DiscountPerc,
        i.TaxPerc,
        i.ClaveUnidad,
      ]),
    ).toEqual([
      [1, 1, 'TOR-001', 'Tornillo ½″ “galvanizado”', 4, 12.5, 50, 0.1, 0.16, 'XBX'],
      [2, 1601, 'CAB-Ñ', 'Cable “Ñandú” calibre 12', 2, 100, 200, 0, 0.16, 'MTR'],
    ]);
    expect(cfdOf(exec, inv.documentId)).toMatchObject({
      Anexo20Ver: '4.0',
      ReceptorUsoCFDI: 'G03',
      RFC: 'ÑUNJ800101AB3',
      FormaPago: '99',
      MetodoPago: 'PPD',
      Serie: 'WF',
      Folio: '1',
      CFDStatusID: 0,
      CFDCancelledStatusID: 0,
      CFDIFolioFiscal: null,
    });
    for (const [table, column] of [
      ['docDocumentExt', 'IDExtra'],
      ['docDocumentExtra', 'DocumentID'],
      ['docDocumentPaymentAgenda', 'DocumentID'],
      ['docDocumentTax', 'DocumentID'],
    ] as const) {
      expect(
        count(exec, `SELECT COUNT(*) AS n FROM dbo.${table} WHERE ${column} = ?`, Number(inv.documentId)),
        table,
      ).toBe(1);
    }
    expect(one(exec, 'SELECT IVA_T FROM dbo.docDocumentTax WHERE DocumentID = ?', Number(inv.documentId))).toEqual({
      IVA_T: 39.2,
    });
    expect(await writer.findInvoice('WOPEN-F-FAC-1')).toEqual(inv);
    expect(await writer.findInvoice('WOPEN-F-FAC-nunca')).toBeNull();
    expect(await writer.stampOf(inv.documentId)).toBeNull();

    // The request's payment data and a euro invoice; the series continues.
    const eur = await writer.writeInvoice(
      solicitud('FAC-2', {
        currency: 'eur',
        formaPago: '03',
        metodoPago: 'pue',
        usoCfdi: 'cp01',
        customerKey: '1001',
        rfc: 'fee900101xx9',
      }),
      SETTINGS,
    );
    expect(eur.folio).toBe('WF2');
    expect(docOf(exec, eur.documentId)).toMatchObject({ CurrencyID: 1, Rate: 20.1, BusinessEntityID: 9 });
    expect(cfdOf(exec, eur.documentId)).toMatchObject({
      FormaPago: '03',
      MetodoPago: 'PUE',
      ReceptorUsoCFDI: 'CP01',
      RFC: 'FEE900101XX9',
    });
    await writer.close();
  });

  it('writes each request exactly once: a second (or concurrent) write returns the first invoice', async () => {
    const { exec, writer } = await setup();
    const first = await writer.writeInvoice(solicitud('DUP-1'), SETTINGS);
    const before = writeFootprint(exec);
    const again = await writer.writeInvoice(
      solicitud('DUP-1', { lines: [{ articleKey: '1', quantity: 99, unitPrice: 1 }] }),
      SETTINGS,
    );
    expect(again).toEqual(first);
    expect(writeFootprint(exec)).toEqual(before);
    const [a, b] = await Promise.all([
      writer.writeInvoice(solicitud('RACE-1'), SETTINGS),
      writer.writeInvoice(solicitud('RACE-1'), SETTINGS),
    ]);
    expect(a).toEqual(b);
    expect(count(exec, `SELECT COUNT(*) AS n FROM dbo.docDocument WHERE Title = 'WOPEN-F-RACE-1'`)).toBe(1);
    // The order marker is distinct: a pedido of store order 'DUP-1' is not this invoice.
    expect(count(exec, `SELECT COUNT(*) AS n FROM dbo.docDocument WHERE Title = 'WOPEN-DUP-1'`)).toBe(0);
  });

  it('links the pedido written from the store order (SourceDocumentID) and takes its depot', async () => {
    const { exec, connector, writer } = await setup();
    const orders = await connector.openOrders('1');
    const orderSettings: OrderSettings = {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: null,
      warehouseId: '2',
      requireRfc: false,
    };
    const pedido = await orders.writeOrder(
      {
        id: 'PED-77',
        ref: 'WOPEN-PED-77',
        kind: 'pedido',
        paymentStatus: 'paid',
        createdAt: '2026-11-20T10:00:00',
        customerKey: '2',
        currency: 'MXN',
        freight: 0,
        lines: [{ articleKey: '1', quantity: 4, unitPrice: 12.5 }],
      },
      orderSettings,
    );
    const inv = await writer.writeInvoice(solicitud('FAC-PED', { orderId: 'PED-77' }), {
      ...SETTINGS,
      sourceDocumentId: pedido.documentId,
    });
    expect(docOf(exec, inv.documentId)).toMatchObject({
      SourceDocumentID: Number(pedido.documentId),
      DepotID: 2,
      ModuleID: 21,
    });
    expect(docOf(exec, pedido.documentId)).toMatchObject({ ModuleID: 967, Title: 'WOPEN-PED-77' });
    // A pedido that is not in the company (deleted by hand, another company): written without the link.
    const loose = await writer.writeInvoice(solicitud('FAC-SUELTA'), { ...SETTINGS, sourceDocumentId: '6' });
    expect(docOf(exec, loose.documentId)).toMatchObject({ SourceDocumentID: null, DepotID: 1 });
  });

  it('creates an article that exists only in the store with the company default SAT keys, once per key', async () => {
    const { exec, writer } = await setup();
    const key = 'TIENDA-ÑU-01';
    const products = () => count(exec, 'SELECT COUNT(*) AS n FROM dbo.orgProduct');
    const before = products();
    const inv = await writer.writeInvoice(
      solicitud('FAC-NUEVO', {
        lines: [
          { articleKey: key, description: 'Taza “Mérida” edición €', quantity: 2, unitPrice: 150 },
          { articleKey: key, description: 'Taza “Mérida” edición €', quantity: 1, unitPrice: 150 },
          { articleKey: 'SOLO-CLAVE', quantity: 1, unitPrice: 10 },
        ],
      }),
      SETTINGS,
    );
    expect(products()).toBe(before + 2);
    const created = one(exec, 'SELECT * FROM dbo.orgProduct WHERE ProductKey = ?', key) as Row;
    expect(created).toMatchObject({
      ProductName: 'Taza “Mérida” edición €',
      ClaveProdServ: '01010101',
      ClaveUnidad: 'H87',
      ProductTypeID: 1,
      TaxTypeID: 1,
      CurrencyID: 3,
      DeletedOn: null,
    });
    expect(one(exec, 'SELECT ProductName FROM dbo.orgProduct WHERE ProductKey = ?', 'SOLO-CLAVE')).toEqual({
      ProductName: 'SOLO-CLAVE',
    });
    const items = itemsOf(exec, inv.documentId);
    expect(items.map((i) => [i.ProductID, i.ProductKey, i.Description, i.ClaveUnidad, i.TaxPerc])).toEqual([
      [created.ProductID, key, 'Taza “Mérida” edición €', 'H87', 0.16],
      [created.ProductID, key, 'Taza “Mérida” edición €', 'H87', 0.16],
      [expect.any(Number), 'SOLO-CLAVE', 'SOLO-CLAVE', 'H87', 0.16],
    ]);
    expect(docOf(exec, inv.documentId)).toMatchObject({ SubTotal: 460, TotalTax: 73.6, Total: 533.6 });
    // The next invoice finds it again by its key: no second product.
    const next = await writer.writeInvoice(
      solicitud('FAC-NUEVO-2', { lines: [{ articleKey: key, quantity: 1, unitPrice: 150 }] }),
      { ...SETTINGS, defaultClaveProdServ: null, defaultClaveUnidad: null },
    );
    expect(products()).toBe(before + 2);
    expect(itemsOf(exec, next.documentId)[0]).toMatchObject({ ProductID: created.ProductID });
  });

  it('rejects a store-only article when the company has no default SAT keys (nothing written)', async () => {
    const { exec, writer } = await setup();
    await writer.writeInvoice(solicitud('OK-1'), SETTINGS);
    const before = writeFootprint(exec);
    const request = solicitud('SIN-CLAVES', {
      lines: [{ articleKey: 'TIENDA-Ñ', description: 'Mochila “Cancún” €', quantity: 1, unitPrice: 10 }],
    });
    for (const settings of [
      { ...SETTINGS, defaultClaveProdServ: null },
      { ...SETTINGS, defaultClaveUnidad: null },
      { ...SETTINGS, defaultClaveProdServ: '1234' },
      { ...SETTINGS, defaultClaveUnidad: 'pieza' },
    ]) {
      const err = await writer.writeInvoice(request, settings).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InvoiceRejected);
      expect(err).toMatchObject({ code: 'missing-sat-keys' });
      expect((err as Error).message).toContain('Mochila “Cancún” €');
      expect((err as Error).message).toMatch(/Clave Prod\/Serv/);
      expect((err as Error).message).toMatch(/configuración de Wopen de la empresa/);
      expect(writeFootprint(exec)).toEqual(before);
    }
    expect(await writer.findInvoice('WOPEN-F-SIN-CLAVES')).toBeNull();
  });

  it('rejects currencies a Start licence does not sync, with the seed rule in Spanish', async () => {
    const { exec, writer } = await setup();
    exec.db
      .prepare(
        `INSERT INTO dbo.engRefCurrency (CurrencyID, Currency, IntlSymbol, Rate) VALUES (4, 'Libra esterlina £', 'GBP', 24.3)`,
      )
      .run();
    const before = writeFootprint(exec);
    const err = await writer.writeInvoice(solicitud('GBP-1', { currency: 'GBP' }), SETTINGS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvoiceRejected);
    expect(err).toMatchObject({
      code: 'unsupported-currency',
      message:
        'La licencia de CONTPAQi Comercial Start sincroniza solo documentos en MXN, EUR y USD; la solicitud está en GBP.',
    });
    expect(writeFootprint(exec)).toEqual(before);
  });

  const bad: [
    string,
    InvoiceRejected['code'],
    (r: InvoiceToWrite, s: InvoiceSettings) => [InvoiceToWrite, InvoiceSettings],
  ][] = [
    ['cliente desconocido', 'unknown-customer', (r, s) => [{ ...r, customerKey: '999' }, s]],
    ['cliente dado de baja', 'unknown-customer', (r, s) => [{ ...r, customerKey: '3' }, s]],
    ['cliente de otra empresa', 'unknown-customer', (r, s) => [{ ...r, customerKey: '5' }, s]],
    ['RFC inválido', 'bad-rfc', (r, s) => [{ ...r, rfc: 'ABC991332XX1' }, s]],
    ['RFC vacío', 'bad-rfc', (r, s) => [{ ...r, rfc: '  ' }, s]],
    ['uso CFDI inválido', 'bad-uso-cfdi', (r, s) => [{ ...r, usoCfdi: 'G99' }, s]],
    ['método de pago inválido', 'bad-payment-form', (r, s) => [{ ...r, metodoPago: 'CONTADO' }, s]],
    ['forma de pago inválida', 'bad-payment-form', (r, s) => [{ ...r, formaPago: 'efectivo' }, s]],
    ['cantidad cero', 'bad-quantity', (r, s) => [{ ...r, lines: [{ articleKey: '1', quantity: 0, unitPrice: 1 }] }, s]],
    [
      'cantidad NaN',
      'bad-quantity',
      (r, s) => [{ ...r, lines: [{ articleKey: '1', quantity: Number.NaN, unitPrice: 1 }] }, s],
    ],
    ['precio negativo', 'bad-price', (r, s) => [{ ...r, lines: [{ articleKey: '1', quantity: 1, unitPrice: -1 }] }, s]],
    [
      'descuento > 100',
      'bad-price',
      (r, s) => [{ ...r, lines: [{ articleKey: '1', quantity: 1, unitPrice: 1, discountPercent: 120 }] }, s],
    ],
    [
      'artículo con IEPS',
      'unknown-article',
      (r, s) => [{ ...r, lines: [{ articleKey: '2', quantity: 1, unitPrice: 1 }] }, s],
    ],
    ['paquete', 'unknown-article', (r, s) => [{ ...r, lines: [{ articleKey: '3', quantity: 1, unitPrice: 1 }] }, s]],
    ['moneda vacía', 'unsupported-currency', (r, s) => [{ ...r, currency: '' }, s]],
    ['sin partidas', 'empty-invoice', (r, s) => [{ ...r, lines: [] }, s]],
    ['sin referencia', 'text-too-long', (r, s) => [{ ...r, ref: '' }, s]],
    [
      'nombre de artículo nuevo demasiado largo',
      'text-too-long',
      (r, s) => [
        { ...r, lines: [{ articleKey: 'NUEVO', description: 'é'.repeat(300), quantity: 1, unitPrice: 1 }] },
        s,
      ],
    ],
    ['serie inválida', 'bad-series', (r, s) => [r, { ...s, series: 'F-Ñ' }]],
    ['serie que usa Comercial', 'bad-series', (r, s) => [r, { ...s, series: 'A' }]],
  ];

  it.each(bad)('rejects «%s» (%s) in Spanish with nothing written', async (_name, code, mutate) => {
    const { exec, writer } = await setup();
    await writer.writeInvoice(solicitud('OK-1'), SETTINGS); // the folio row exists: a rejection must not move it either
    const before = writeFootprint(exec);
    const [request, settings] = mutate(solicitud('MALA-1'), SETTINGS);
    const err = await writer.writeInvoice(request, settings).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvoiceRejected);
    expect((err as InvoiceRejected).code).toBe(code);
    expect((err as InvoiceRejected).message).toMatch(/[áéíóúñ]|no |El |La |Partida/);
    expect(writeFootprint(exec)).toEqual(before);
  });

  it('rolls everything back when the database fails mid-transaction (new article included); the retry takes the same folio', async () => {
    const { exec, writer } = await setup();
    await writer.writeInvoice(solicitud('M-0'), SETTINGS);
    const before = writeFootprint(exec);
    const request = solicitud('M-1', {
      lines: [
        { articleKey: 'NUEVO-Ñ', description: 'Artículo “nuevo” €', quantity: 1, unitPrice: 99 },
        { articleKey: '1', quantity: 1, unitPrice: 1 },
      ],
    });
    let items = 0;
    exec.failWhen = (sql) => /INSERT INTO dbo\.docDocumentItem/.test(sql) && ++items === 2;
    await expect(writer.writeInvoice(request, SETTINGS)).rejects.toBeInstanceOf(ErpError);
    expect(writeFootprint(exec)).toEqual(before);
    expect(count(exec, `SELECT COUNT(*) AS n FROM dbo.orgProduct WHERE ProductKey = 'NUEVO-Ñ'`)).toBe(0);
    expect(await writer.findInvoice('WOPEN-F-M-1')).toBeNull();
    for (const statement of [
      /INSERT INTO dbo\.docDocumentCFD/,
      /INSERT INTO dbo\.docDocumentTax/,
      /INSERT INTO dbo\.orgProduct/,
    ]) {
      exec.failWhen = (sql) => statement.test(sql);
      await expect(writer.writeInvoice(request, SETTINGS)).rejects.toBeInstanceOf(ErpError);
      expect(writeFootprint(exec)).toEqual(before);
    }
    expect((await writer.writeInvoice(request, SETTINGS)).folio).toBe('WF2');
  });

  it('stampOf: null while unstamped; UUID and the XML file once Comercial stamped it; null for other companies', async () => {
    const { exec, writer } = await setup();
    const inv = await writer.writeInvoice(solicitud('TIMBRE-1'), SETTINGS);
    expect(await writer.stampOf(inv.documentId)).toBeNull();
    const dir = tempDir('wopen-cfdi-');
    const file = path.join(dir, 'WF1 Ñandú.xml');
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?><cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Serie="WF" Folio="1" Moneda="MXN"><cfdi:Receptor Nombre="JOSÉ ÑÚÑEZ" /></cfdi:Comprobante>';
    fs.writeFileSync(file, `\uFEFF${xml}`, 'utf8');
    const uuid = '6F2A1C3E-7B4D-4E5F-9A8B-1C2D3E4F5A6B';
    const stamp = exec.db.prepare(
      'UPDATE dbo.docDocumentCFD SET CFDStatusID = ?, CFDIFolioFiscal = ?, CFDFileXML = ? WHERE DocumentID = ?',
    );

    stamp.run(3, '  ', file, Number(inv.documentId)); // status without UUID: not stamped
    expect(await writer.stampOf(inv.documentId)).toBeNull();
    stamp.run(1, uuid, file, Number(inv.documentId)); // UUID but another status
    expect(await writer.stampOf(inv.documentId)).toBeNull();
    stamp.run(3, uuid, file, Number(inv.documentId));
    expect(await writer.stampOf(inv.documentId)).toEqual({ uuid, xml });
    stamp.run(3, uuid, path.join(dir, 'no-existe.xml'), Number(inv.documentId));
    expect(await writer.stampOf(inv.documentId)).toEqual({ uuid, xml: null });
    stamp.run(3, uuid, null, Number(inv.documentId));
    expect(await writer.stampOf(inv.documentId)).toEqual({ uuid, xml: null });
    // Document 6 is another company's stamped invoice; 'abc' is no id.
    expect(await writer.stampOf('6')).toBeNull();
    expect(await writer.stampOf('abc')).toBeNull();
  });

  it('refuses companies that are not owned, and a closed writer', async () => {
    const { connector, writer } = await setup();
    await expect(connector.openInvoices('4')).rejects.toBeInstanceOf(ErpError);
    await expect(connector.openInvoices('abc')).rejects.toBeInstanceOf(ErpError);
    await writer.close();
    await expect(writer.findInvoice('WOPEN-F-X')).rejects.toThrow(/facturas con CONTPAQi ya se cerró/);
  });
});

async function readAll(source: CatalogSource, blocks?: number[]): Promise<Record<string, Record<string, unknown>>> {
  const out: CatalogRecord[] = [];
  for await (const batch of source.read('invoices', { batchSize: 100, ...(blocks ? { blocks } : {}) }))
    out.push(...batch);
  return Object.fromEntries(out.map((r) => [r.key, r.data]));
}

describe('Start/Pro invoices catalog with the invoice writer', () => {
  it('sends an invoice once it is stamped, with its request id and XML; cancellation and currency rules; only its block moves', async () => {
    const { exec, connector, writer } = await setup();
    // Another company's document with id 2999: the invoice gets id 3000, block 3, apart from the fixture's block 0.
    const d = '2025-01-01T00:00:00';
    exec.db
      .prepare(
        `INSERT INTO dbo.docDocument (DocumentID, ModuleID, DocumentTypeID, DocRecipientID, OwnedBusinessEntityID, DepotID, DateDocument,
      DateCost, DateDocDelivery, DateFrom, DateTo, DateLastPayment) VALUES (2999, 21, 5, 1, 2, 4, ?, ?, ?, ?, ?, ?)`,
      )
      .run(d, d, d, d, d, d);
    const inv = await writer.writeInvoice(solicitud('CAT-1'), SETTINGS);
    expect(inv.documentId).toBe('3000');
    const source = await connector.openCatalogs('1');
    expect(source.catalogs).toContain('invoices');
    const initial = await source.checksums('invoices');
    expect(Object.keys(await readAll(source))).toEqual(['2', '3', '5']); // unstamped: not sent

    const dir = tempDir('wopen-cfdi-');
    const file = path.join(dir, 'WF1.xml');
    fs.writeFileSync(
      file,
      '<cfdi:Comprobante xmlns:cfdi="http://www.sat.gob.mx/cfd/4" Folio="1" LugarExpedicion="97000">Mérida €</cfdi:Comprobante>',
    );
    const uuid = 'B7C8D9E0-1111-4222-8333-444455556666';
    exec.db
      .prepare(
        'UPDATE dbo.docDocumentCFD SET CFDStatusID = 3, CFDIFolioFiscal = ?, CFDFileXML = ? WHERE DocumentID = ?',
      )
      .run(uuid, file, Number(inv.documentId));

    const stamped = await source.checksums('invoices');
    const block = 3;
    expect(stamped.get(0)).toEqual(initial.get(0));
    expect(initial.has(block)).toBe(false);
    expect(stamped.get(block)).toMatchObject({ count: 1 });
    const record = (await readAll(source, [block]))[inv.documentId];
    expect(record).toEqual({
      folio: 'WF1',
      date: '2026-11-21',
      customerKey: '2',
      currency: 'MXN',
      subtotal: 250,
      tax: 39.2,
      total: 284.2,
      uuid,
      status: 'vigente',
      storeRequestId: 'CAT-1',
      xml: fs.readFileSync(file, 'utf8'),
    });

    // Cancelled at the SAT: still sent, as cancelada, and the block moves again.
    exec.db
      .prepare('UPDATE dbo.docDocumentCFD SET CFDCancelledStatusID = 3 WHERE DocumentID = ?')
      .run(Number(inv.documentId));
    const cancelled = await source.checksums('invoices');
    expect(cancelled.get(block)).not.toEqual(stamped.get(block));
    expect(cancelled.get(0)).toEqual(initial.get(0));
    expect((await readAll(source, [block]))[inv.documentId]).toMatchObject({ status: 'cancelada' });

    // A currency a Start licence does not sync leaves the catalog.
    exec.db
      .prepare(
        `INSERT INTO dbo.engRefCurrency (CurrencyID, Currency, IntlSymbol, Rate) VALUES (4, 'Libra esterlina £', 'GBP', 24.3)`,
      )
      .run();
    exec.db.prepare('UPDATE dbo.docDocument SET CurrencyID = 4 WHERE DocumentID = ?').run(Number(inv.documentId));
    expect([...(await source.checksums('invoices')).keys()]).toEqual([0]);
    expect(Object.keys(await readAll(source))).toEqual(['2', '3', '5']);
    await source.close();
  });
});
