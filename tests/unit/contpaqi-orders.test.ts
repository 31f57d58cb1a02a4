import { describe, expect, it } from 'vitest';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import {
  OrderRejected,
  type OrderSettings,
  type OrderWriter,
  type OrderToWrite,
} from '../../electron/erp/order-writer';
import { ErpError } from '../../electron/erp/port';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProOrdersFixture, writeFootprint } from '../helpers/contpaqi-orders-fixture';

const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};

const SETTINGS: OrderSettings = {
  seriesPedidos: null,
  seriesCotizaciones: null,
  freightArticleId: '1600',
  warehouseId: null,
  requireRfc: false,
};
const NOW = new Date(2026, 10, 20, 12, 30, 0);

async function setup(): Promise<{ exec: SqliteSqlExecutor; connector: ContpaqiConnector; writer: OrderWriter }> {
  const exec = new SqliteSqlExecutor();
  await loadStartProOrdersFixture(exec);
  const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => NOW });
  return { exec, connector, writer: await connector.openOrders('1') };
}

/** The writer gets the marker the engine builds; the legacy form keeps these Title assertions readable. */
function pedido(id: string, patch: Partial<OrderToWrite> = {}): OrderToWrite {
  return {
    id,
    ref: `WOPEN-${patch.id ?? id}`,
    kind: 'pedido',
    paymentStatus: 'paid',
    createdAt: '2026-11-20T10:00:00',
    customerKey: '2',
    currency: 'MXN',
    lines: [
      { articleKey: '1', quantity: 3, unitPrice: 12.5, discountPercent: 10, notes: 'Caja “sellada”, sin abrir — ñ €' },
      { articleKey: '1601', quantity: 2.5, unitPrice: 100 },
    ],
    freight: 150,
    notes: 'Entregar en Mérida, Yucatán: «urgente» ñ €',
    ...patch,
  };
}

type DocRow = Record<string, unknown>;
const docOf = (exec: SqliteSqlExecutor, id: string) =>
  exec.db.prepare('SELECT * FROM dbo.docDocument WHERE DocumentID = ?').get(Number(id)) as DocRow;
const itemsOf = (exec: SqliteSqlExecutor, id: string) =>
  exec.db
    .prepare('SELECT * FROM dbo.docDocumentItem WHERE DocumentID = ? ORDER BY LineNumber')
    .all(Number(id)) as DocRow[];
const countWhere = (exec: SqliteSqlExecutor, table: string, column: string, id: string) =>
  (exec.db.prepare(`SELECT COUNT(*) AS n FROM dbo.${table} WHERE ${column} = ?`).get(Number(id)) as { n: number }).n;

describe('CONTPAQi Start/Pro order writer (SQLite emulation)', () => {
  it('a database whose orgCustomer has no OwnedBusinessEntityID: the customer is still found and the pedido written', async () => {
    const exec = new SqliteSqlExecutor();
    await loadStartProOrdersFixture(exec);
    await exec.handle().query('ALTER TABLE dbo.orgCustomer DROP COLUMN OwnedBusinessEntityID', {});
    const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => NOW });
    const writer = await connector.openOrders('1');
    expect((await writer.writeOrder(pedido('SIN-COL-1'), SETTINGS)).folio).toMatch(/^WP\d+$/);
    await writer.close();
  });

  it('writes a pedido with freight, accents and several lines: header, four anchors, items, IVA totals, own series', async () => {
    const { exec, connector, writer } = await setup();
    expect(typeof connector.openOrders).toBe('function');
    const doc = await writer.writeOrder(pedido('T-1001'), SETTINGS);
    expect(doc.folio).toBe('WP1');

    const h = docOf(exec, doc.documentId);
    expect(h).toMatchObject({
      ModuleID: 967,
      DocumentTypeID: 40,
      DocRecipientID: 1,
      OwnedBusinessEntityID: 1,
      BusinessEntityID: 8,
      DepotID: 1,
      DepotIDFrom: 0,
      FolioPrefix: 'WP',
      Folio: '1',
      Title: 'WOPEN-T-1001',
      Comments: 'Entregar en Mérida, Yucatán: «urgente» ñ €',
      CurrencyID: 3,
      Rate: 1,
      LanguageID: 3,
      PaymentTermID: 2,
      StatusDeliveryID: 3,
      StatusPaidID: 0,
      MustBeSynchronized: 1,
      ExportID: 1,
      DateDocument: '2026-11-20T00:00:00',
      CreatedOn: '2026-11-20T12:30:00',
      UserID: 0,
      CreatedBy: 0,
    });
    // 3 × 12.50 − 10 % = 33.75 (+16 % = 5.40); 2.5 × 100 = 250 (IVA stored as 16 → 16 %: 40); flete 150 (+24).
    expect(h).toMatchObject({
      SubTotal: 437.5,
      TotalDiscount: 3.75,
      SubTotalWithDiscount: 433.75,
      TotalTax: 69.4,
      Total: 503.15,
      Balance: 503.15,
      TotalPaid: 0,
    });

    const items = itemsOf(exec, doc.documentId);
    expect(
      items.map((i) => [
        i.LineNumber,
        i.ProductID,
        i.ProductKey,
        i.Description,
        i.Quantity,
        i.UnitPrice,
        i.Total,
        i.DiscountPerc,
        i.TaxPerc,
      ]),
    ).toEqual([
      [1, 1, 'TOR-001', 'Tornillo ½″ “galvanizado”', 3, 12.5, 37.5, 0.1, 0.16],
      [2, 1601, 'CAB-Ñ', 'Cable “Ñandú” calibre 12', 2.5, 100, 250, 0, 0.16],
      [3, 1600, 'FLETE', 'Flete y maniobras', 1, 150, 150, 0, 0.16],
    ]);
    expect(items[0]).toMatchObject({
      Unit: 'Caja',
      ClaveUnidad: 'XBX',
      Comments: 'Caja “sellada”, sin abrir — ñ €',
      MustBeDelivered: 1,
      CoefUnit: 1,
      ApplyGlobalDiscount: 1,
    });
    for (const [table, column] of [
      ['docDocumentExt', 'IDExtra'],
      ['docDocumentExtra', 'DocumentID'],
      ['docDocumentCFD', 'DocumentID'],
      ['docDocumentPaymentAgenda', 'DocumentID'],
    ] as const) {
      expect(countWhere(exec, table, column, doc.documentId), table).toBe(1);
    }
    expect(
      exec.db.prepare('SELECT Anexo20Ver FROM dbo.docDocumentCFD WHERE DocumentID = ?').get(Number(doc.documentId)),
    ).toEqual({ Anexo20Ver: '4.0' });
    expect(
      exec.db.prepare('SELECT * FROM dbo.docDocumentTax WHERE DocumentID = ?').get(Number(doc.documentId)),
    ).toEqual({
      DocumentID: Number(doc.documentId),
      IVA_T: 69.4,
      IVA_R: 0,
      ISR_R: 0,
      IEPS_T: 0,
      IEPS_R: 0,
      Otro: 0,
      Local_T: 0,
      Local_R: 0,
    });
    // Native columns: the five dates of NuevoDocumento, TotalLetter in words, ObjetoImpuesto from the product (NULL when empty).
    expect(h).toMatchObject({
      DateCost: '2026-11-20T00:00:00',
      DateDocDelivery: '2026-11-20T00:00:00',
      DateFrom: '2026-11-20T00:00:00',
      DateTo: '2026-11-20T00:00:00',
      DateLastPayment: '2026-11-20T00:00:00',
      TotalLetter: 'QUINIENTOS TRES PESOS 15/100 M.N.',
    });
    expect(items.map((i) => i.ObjetoImpuesto)).toEqual([null, '02', '02']);
    const detail = exec.db
      .prepare('SELECT * FROM dbo.docDocumentTaxDetail WHERE DocumentID = ? ORDER BY DocumentItemID')
      .all(Number(doc.documentId)) as DocRow[];
    expect(
      detail.map((d) => [
        d.DocumentItemID,
        d.TaxTypeID,
        d.TaxItemID,
        d.Amount,
        d.TaxBase,
        d.TaxPerc,
        d.TaxName,
        d.TaxTypeName,
        d.TipoFactor,
        d.Retention,
        d.RegionalTaxID,
      ]),
    ).toEqual([
      [items[0]!.DocumentItemID, 1, 6, 5.4, 33.75, 0.16, 'IVA 16.00%', 'IVA', 'Tasa', 0, 0],
      [items[1]!.DocumentItemID, 5, 0, 40, 250, 0.16, 'IVA 16.00%', 'IVA', 'Tasa', 0, 0],
      [items[2]!.DocumentItemID, 1, 6, 24, 150, 0.16, 'IVA 16.00%', 'IVA', 'Tasa', 0, 0],
    ]);
    expect(
      exec.db.prepare('SELECT * FROM dbo.docDocumentTaxSum WHERE DocumentID = ?').get(Number(doc.documentId)),
    ).toEqual({
      DocumentID: Number(doc.documentId),
      TaxName1: 'IVA 16%',
      TaxAmount1: 69.4,
      TaxName2: null,
      TaxAmount2: null,
      TaxName3: null,
      TaxAmount3: null,
      TotalFederal: 69.4,
      TotalLocal: 0,
      TotalOtro: 0,
    });

    expect(await writer.findDocument('WOPEN-T-1001')).toEqual(doc);
    expect(await writer.findDocument('WOPEN-T-nunca')).toBeNull();
    const second = await writer.writeOrder(pedido('T-1002', { freight: 0 }), SETTINGS);
    expect(second.folio).toBe('WP2');
    await writer.close();
  });

  it('writes a cotización in USD in its own series and module (resolved through engModuleParameter)', async () => {
    const { exec, writer } = await setup();
    const doc = await writer.writeOrder(
      pedido('Q-1', { kind: 'cotizacion', currency: 'usd', customerKey: '1001' }),
      SETTINGS,
    );
    expect(doc.folio).toBe('WC1');
    expect(docOf(exec, doc.documentId)).toMatchObject({
      ModuleID: 9001,
      DocumentTypeID: 1,
      CurrencyID: 2,
      Rate: 18.5,
      StatusDeliveryID: 0,
      BusinessEntityID: 9,
    });
    expect(itemsOf(exec, doc.documentId)).toHaveLength(3);
    expect(await writer.listSeries('cotizacion')).toEqual([
      { id: 'WC', label: 'WC (serie propia de Wopen, último folio 1)' },
    ]);
    expect(await writer.listSeries('pedido')).toEqual([{ id: 'WP', label: 'WP (serie propia de Wopen)' }]);
  });

  it('seeds a configured series from its history (deleted and cancelled included) and refuses a series Comercial uses', async () => {
    const { exec, writer } = await setup();
    const insert = exec.db
      .prepare(`INSERT INTO dbo.docDocument (ModuleID, DocumentTypeID, DocRecipientID, OwnedBusinessEntityID, BusinessEntityID,
      DepotID, FolioPrefix, Folio, DateDocument, DateCost, DateDocDelivery, DateFrom, DateTo, DateLastPayment, Title, DeletedOn)
      VALUES (967, 40, 1, 1, 8, 1, ?, ?, '2025-01-01', '2025-01-01', '2025-01-01', '2025-01-01', '2025-01-01', '2025-01-01', ?, ?)`);
    insert.run('WEB', '41', 'WOPEN-viejo', '2025-02-01');
    insert.run('WEB', '7', 'WOPEN-otro', null);
    insert.run('N', '7', null, null); // a native pedido: series N belongs to Comercial
    const doc = await writer.writeOrder(pedido('S-1'), { ...SETTINGS, seriesPedidos: 'web' });
    expect(doc.folio).toBe('WEB42');
    const before = writeFootprint(exec);
    const err = await writer.writeOrder(pedido('S-2'), { ...SETTINGS, seriesPedidos: 'N' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderRejected);
    expect(err).toMatchObject({ code: 'bad-series' });
    expect(writeFootprint(exec)).toEqual(before);
    expect((await writer.listSeries('pedido')).map((s) => s.id)).toEqual(['WP', 'WEB']);
  });

  it('returns the existing document for a second write of the same store id', async () => {
    const { exec, writer } = await setup();
    const first = await writer.writeOrder(pedido('DUP-1'), SETTINGS);
    const before = writeFootprint(exec);
    const again = await writer.writeOrder(
      pedido('DUP-1', { lines: [{ articleKey: '1', quantity: 99, unitPrice: 1 }] }),
      SETTINGS,
    );
    expect(again).toEqual(first);
    expect(writeFootprint(exec)).toEqual(before);
    // Two concurrent writes of one id: one document, both answers the same.
    const [a, b] = await Promise.all([
      writer.writeOrder(pedido('RACE-1'), SETTINGS),
      writer.writeOrder(pedido('RACE-1'), SETTINGS),
    ]);
    expect(a).toEqual(b);
    expect(
      (exec.db.prepare(`SELECT COUNT(*) AS n FROM dbo.docDocument WHERE Title = 'WOPEN-RACE-1'`).get() as { n: number })
        .n,
    ).toBe(1);
  });

  const bad: [string, OrderRejected['code'], (o: OrderToWrite, s: OrderSettings) => [OrderToWrite, OrderSettings]][] = [
    ['cliente desconocido', 'unknown-customer', (o, s) => [{ ...o, customerKey: '999' }, s]],
    ['cliente dado de baja', 'unknown-customer', (o, s) => [{ ...o, customerKey: '3' }, s]],
    ['cliente de otra empresa', 'unknown-customer', (o, s) => [{ ...o, customerKey: '5' }, s]],
    [
      'artículo desconocido',
      'unknown-article',
      (o, s) => [{ ...o, lines: [{ articleKey: 'TOR-001', quantity: 1, unitPrice: 1 }] }, s],
    ],
    [
      'artículo borrado',
      'unknown-article',
      (o, s) => [{ ...o, lines: [{ articleKey: '5', quantity: 1, unitPrice: 1 }] }, s],
    ],
    ['paquete', 'unknown-article', (o, s) => [{ ...o, lines: [{ articleKey: '3', quantity: 1, unitPrice: 1 }] }, s]],
    [
      'artículo con IEPS',
      'unknown-article',
      (o, s) => [{ ...o, lines: [{ articleKey: '2', quantity: 1, unitPrice: 1 }] }, s],
    ],
    ['cantidad cero', 'bad-quantity', (o, s) => [{ ...o, lines: [{ articleKey: '1', quantity: 0, unitPrice: 1 }] }, s]],
    [
      'cantidad negativa',
      'bad-quantity',
      (o, s) => [{ ...o, lines: [{ articleKey: '1', quantity: -2, unitPrice: 1 }] }, s],
    ],
    [
      'cantidad NaN',
      'bad-quantity',
      (o, s) => [{ ...o, lines: [{ articleKey: '1', quantity: Number.NaN, unitPrice: 1 }] }, s],
    ],
    ['precio negativo', 'bad-price', (o, s) => [{ ...o, lines: [{ articleKey: '1', quantity: 1, unitPrice: -1 }] }, s]],
    ['precio absurdo', 'bad-price', (o, s) => [{ ...o, lines: [{ articleKey: '1', quantity: 1, unitPrice: 5e9 }] }, s]],
    [
      'descuento > 100',
      'bad-price',
      (o, s) => [{ ...o, lines: [{ articleKey: '1', quantity: 1, unitPrice: 1, discountPercent: 120 }] }, s],
    ],
    ['flete negativo', 'bad-price', (o, s) => [{ ...o, freight: -5 }, s]],
    ['moneda no sincronizable', 'unsupported-currency', (o, s) => [{ ...o, currency: 'GBP' }, s]],
    ['moneda vacía', 'unsupported-currency', (o, s) => [{ ...o, currency: '' }, s]],
    ['sin referencia', 'text-too-long', (o, s) => [{ ...o, ref: '' }, s]],
    ['sin partidas', 'empty-order', (o, s) => [{ ...o, lines: [] }, s]],
    ['flete sin artículo', 'no-freight-article', (o, s) => [o, { ...s, freightArticleId: null }]],
    ['artículo de flete inexistente', 'no-freight-article', (o, s) => [o, { ...s, freightArticleId: '8888' }]],
    ['serie inválida', 'bad-series', (o, s) => [o, { ...s, seriesPedidos: 'P-Ñ' }]],
    [
      'falta RFC',
      'missing-rfc',
      (o, s) => [
        { ...o, customerKey: '1002', rfc: '  ' },
        { ...s, requireRfc: true },
      ],
    ],
    [
      'RFC inválido',
      'bad-rfc',
      (o, s) => [
        { ...o, rfc: 'ABC991332XX1' },
        { ...s, requireRfc: true },
      ],
    ],
  ];

  it.each(bad)('rejects «%s» (%s) in Spanish with nothing written', async (_name, code, mutate) => {
    const { exec, writer } = await setup();
    await writer.writeOrder(pedido('OK-1'), SETTINGS); // the folio row exists: a rejection must not move it either
    const before = writeFootprint(exec);
    const [order, settings] = mutate(pedido('BAD-1'), SETTINGS);
    const err = await writer.writeOrder(order, settings).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OrderRejected);
    expect((err as OrderRejected).code).toBe(code);
    expect((err as OrderRejected).message).toMatch(/[áéíóúñ]|no |El |La |Partida|Falta/);
    expect(writeFootprint(exec)).toEqual(before);
  });

  it('TotalLetter for 1234.50 MXN, two IVA rates in docDocumentTaxSum, NULL ClaveUnidad and ObjetoImpuesto 03 copied', async () => {
    const { exec, writer } = await setup();
    // 2 × 500 + 16 % = 1160; 1 × 68.98 + 8 % = 5.52 (74.50): total 1234.50.
    const doc = await writer.writeOrder(
      pedido('LETRA-1', {
        freight: 0,
        lines: [
          { articleKey: '1601', quantity: 2, unitPrice: 500 },
          { articleKey: '1602', quantity: 1, unitPrice: 68.98 },
        ],
      }),
      SETTINGS,
    );
    expect(docOf(exec, doc.documentId)).toMatchObject({
      Total: 1234.5,
      TotalTax: 165.52,
      TotalLetter: 'MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.',
    });
    expect(itemsOf(exec, doc.documentId).map((i) => [i.ClaveUnidad, i.ObjetoImpuesto])).toEqual([
      ['MTR', '02'],
      [null, '03'],
    ]);
    expect(
      exec.db
        .prepare(
          'SELECT TaxName1, TaxAmount1, TaxName2, TaxAmount2, TotalFederal FROM dbo.docDocumentTaxSum WHERE DocumentID = ?',
        )
        .get(Number(doc.documentId)),
    ).toEqual({
      TaxName1: 'IVA 16%',
      TaxAmount1: 160,
      TaxName2: 'IVA 8%',
      TaxAmount2: 5.52,
      TotalFederal: 165.52,
    });
    // A USD document: the wording of other currencies is unknown, TotalLetter stays NULL.
    const usd = await writer.writeOrder(pedido('LETRA-USD', { currency: 'USD' }), SETTINGS);
    expect(docOf(exec, usd.documentId)).toMatchObject({ TotalLetter: null });
  });

  it('accepts an RFC typed in the store when the company requires one', async () => {
    const { writer } = await setup();
    const doc = await writer.writeOrder(pedido('RFC-1', { customerKey: '1002', rfc: 'xaxx010101000' }), {
      ...SETTINGS,
      requireRfc: true,
    });
    expect(doc.folio).toBe('WP1');
  });

  it('leaves nothing behind when the database fails mid-transaction, and the retry takes the same folio', async () => {
    const { exec, writer } = await setup();
    await writer.writeOrder(pedido('M-0'), SETTINGS);
    const before = writeFootprint(exec);
    let items = 0;
    exec.failWhen = (sql) => /INSERT INTO dbo\.docDocumentItem/.test(sql) && ++items === 2;
    const err = await writer.writeOrder(pedido('M-1'), SETTINGS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ErpError);
    expect(writeFootprint(exec)).toEqual(before);
    expect(await writer.findDocument('WOPEN-M-1')).toBeNull();
    exec.failWhen = (sql) => /INSERT INTO dbo\.docDocumentTax/.test(sql);
    await expect(writer.writeOrder(pedido('M-1'), SETTINGS)).rejects.toBeInstanceOf(ErpError);
    expect(writeFootprint(exec)).toEqual(before);
    expect((await writer.writeOrder(pedido('M-1'), SETTINGS)).folio).toBe('WP2');
  });

  it('numbers without creating any table, lands exactly once on a login without DDL, and refuses companies that are not owned', async () => {
    const { exec, connector, writer } = await setup();
    exec.denyDdl = true; // db_datareader + db_datawriter only: CREATE TABLE fails with error 262
    await expect(exec.query('CREATE TABLE dbo.zzX (a INT)')).rejects.toMatchObject({ serverNumbers: [262] });
    const [a, b] = await Promise.all([
      writer.writeOrder(pedido('F-1', { freight: 0 }), SETTINGS),
      writer.writeOrder(pedido('F-1', { freight: 0 }), SETTINGS),
    ]);
    expect(a).toEqual(b);
    expect(a.folio).toBe('WP1');
    expect(
      (exec.db.prepare(`SELECT COUNT(*) AS n FROM dbo.docDocument WHERE Title = 'WOPEN-F-1'`).get() as { n: number }).n,
    ).toBe(1);
    expect(writeFootprint(exec).zzWopenFolio).toBeNull();
    expect(exec.appLocks).toContain('wopen-folio:1:967:WP');
    await expect(connector.openOrders('4')).rejects.toBeInstanceOf(ErpError);
    await expect(connector.openOrders('abc')).rejects.toBeInstanceOf(ErpError);
    await expect(writer.writeOrder(pedido('F-2'), { ...SETTINGS, warehouseId: '4' })).rejects.toBeInstanceOf(ErpError);
    const other = await writer.writeOrder(pedido('F-3', { freight: 0 }), { ...SETTINGS, warehouseId: '2' });
    expect(docOf(exec, other.documentId)).toMatchObject({ DepotID: 2, Folio: '2' });
  });
});
