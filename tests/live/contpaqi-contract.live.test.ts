import { afterAll, beforeAll } from 'vitest';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { STARTPRO_CATALOGS } from '../../electron/erp/contpaqi/catalogs';
import { localMidnight, StartProCatalogSource } from '../../electron/erp/contpaqi/catalogs/startpro-catalog-source';
import { buildMssqlConfig } from '../../electron/erp/contpaqi/mssql-config';
import { MssqlExecutor } from '../../electron/erp/contpaqi/mssql-executor';
import { erpMarker } from '../../electron/erp/document-marker';
import type { OrderToWrite } from '../../electron/erp/order-writer';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { loadStartProOrdersFixture, ORDER_TABLES } from '../helpers/contpaqi-orders-fixture';
import { catalogSourceContract } from '../contract/catalog-source.contract';
import { orderWriterContract } from '../contract/order-writer.contract';

/**
 * The CatalogSource and OrderWriter contracts against a real SQL Server (the same checks as tests/contract).
 * Collected only by vitest.live.config.ts (npm run test:live); WOPEN_TEST_MSSQL as in contpaqi.live.test.ts.
 */
const raw = process.env.WOPEN_TEST_MSSQL;
if (!raw)
  throw new Error('Defina WOPEN_TEST_MSSQL (JSON con server, database, user, password) para las pruebas en vivo.');
const env = JSON.parse(raw) as {
  server: string;
  database?: string;
  user: string;
  password: string;
  authentication?: 'sql' | 'windows';
  encrypt?: boolean;
  trustServerCertificate?: boolean;
};
const scratch = `WopenContract_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const scratchOrders = `${scratch}_Orders`;
const configFor = (database: string): ContpaqiConfig => ({
  kind: 'contpaqi',
  server: env.server,
  database,
  authentication: env.authentication ?? 'sql',
  user: env.user,
  encrypt: env.encrypt ?? false,
  trustServerCertificate: env.trustServerCertificate ?? true,
});
const executorFor = (database: string) =>
  new MssqlExecutor(buildMssqlConfig(configFor(database), env.password), env.password);
const admin = executorFor(env.database ?? 'master');
let catalogDb: MssqlExecutor;
let ordersDb: MssqlExecutor;

beforeAll(async () => {
  for (const name of [scratch, scratchOrders]) {
    await admin.query(
      "DECLARE @s NVARCHAR(400) = CONCAT('CREATE DATABASE ', QUOTENAME(@name)); EXEC sp_executesql @s;",
      { name },
    );
  }
  catalogDb = executorFor(scratch);
  await loadStartProFixture(catalogDb);
  ordersDb = executorFor(scratchOrders);
  await loadStartProOrdersFixture(ordersDb, 'tsql');
});

afterAll(async () => {
  await catalogDb?.close();
  await ordersDb?.close();
  for (const name of [scratch, scratchOrders]) {
    await admin.query(
      `IF DB_ID(@name) IS NOT NULL BEGIN
         DECLARE @s NVARCHAR(600) = CONCAT('ALTER DATABASE ', QUOTENAME(@name), ' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ', QUOTENAME(@name));
         EXEC sp_executesql @s;
       END`,
      { name },
    );
  }
  await admin.close();
});

const rename = (name: string) => async () => {
  await catalogDb.query('UPDATE dbo.orgProduct SET ProductName = @name WHERE ProductID = 1500', { name });
};

catalogSourceContract(`CONTPAQi Start/Pro (SQL Server real, ${env.server})`, async () => {
  const connector = new ContpaqiConnector(configFor(scratch), env.password);
  return {
    open: async (opts) => {
      if (!opts?.pageRows) return connector.openCatalogs('1');
      const today = localMidnight(new Date());
      return new StartProCatalogSource(
        executorFor(scratch),
        { company: 1, today, customersPerCompany: true },
        STARTPRO_CATALOGS,
        (e) => e as Error,
        opts.pageRows,
      );
    },
    change: { catalog: 'articles', apply: rename('Refacción “ñ”'), undo: rename('Refacción “Ñ”') },
    dispose: () => connector.close(),
  };
});

const STORE = 'https://contrato.wopen.com.mx#live';
const run = Date.now().toString(36);
const order = (id: string): OrderToWrite => ({
  id: `${id}-${run}`,
  ref: erpMarker('order', STORE, `${id}-${run}`),
  kind: 'pedido',
  paymentStatus: 'paid',
  createdAt: '2026-11-20T10:00:00',
  customerKey: '2',
  currency: 'MXN',
  lines: [
    { articleKey: '1', quantity: 3, unitPrice: 12.5, discountPercent: 10, notes: 'Caja “sellada” — ñ €' },
    { articleKey: '1601', quantity: 2.5, unitPrice: 100 },
  ],
  freight: 150,
  notes: 'Entregar en Mérida',
});

orderWriterContract(`CONTPAQi Start/Pro (SQL Server real, ${env.server})`, async () => {
  const connector = new ContpaqiConnector(configFor(scratchOrders), env.password);
  const writer = await connector.openOrders('1');
  return {
    writer,
    settings: {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: '1600',
      warehouseId: null,
      requireRfc: false,
    },
    order,
    unknown: { customer: '4242', article: '9999' },
    footprint: async () => {
      const counts = ORDER_TABLES.map((t) => `(SELECT COUNT(*) FROM dbo.${t}) AS ${t}`).join(', ');
      const [row] = await ordersDb.query<Record<string, number>>(`SELECT ${counts}`, {});
      return row;
    },
    folio: /^WP\d+$/,
    dispose: async () => {
      await writer.close();
      await connector.close();
    },
  };
});
