import { afterAll, beforeAll } from 'vitest';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { STARTPRO_CATALOGS } from '../../electron/erp/contpaqi/catalogs';
import { localMidnight, StartProCatalogSource } from '../../electron/erp/contpaqi/catalogs/startpro-catalog-source';
import type { MssqlExecutor } from '../../electron/erp/contpaqi/mssql-executor';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { loadStartProOrdersFixture, ORDER_TABLES } from '../helpers/contpaqi-orders-fixture';
import { liveMssql, scratchName } from '../helpers/live-mssql';
import { catalogSourceContract } from '../contract/catalog-source.contract';
import { orderWriterContract } from '../contract/order-writer.contract';
import { startProOrderCase } from '../contract/startpro-order-case';

/**
 * The CatalogSource and OrderWriter contracts against a real SQL Server (the same checks as tests/contract).
 * Collected only by vitest.live.config.ts (npm run test:live); WOPEN_TEST_MSSQL as in helpers/live-mssql.ts.
 */
const live = liveMssql();
const scratch = scratchName('WopenContract');
const scratchOrders = `${scratch}_Orders`;
let catalogDb: MssqlExecutor;
let ordersDb: MssqlExecutor;

beforeAll(async () => {
  await live.createScratch(scratch);
  await live.createScratch(scratchOrders);
  catalogDb = live.executorFor(scratch);
  await loadStartProFixture(catalogDb);
  ordersDb = live.executorFor(scratchOrders);
  await loadStartProOrdersFixture(ordersDb, 'tsql');
});

afterAll(async () => {
  await catalogDb?.close();
  await ordersDb?.close();
  await live.dropAll();
});

const rename = (name: string) => async () => {
  await catalogDb.query('UPDATE dbo.orgProduct SET ProductName = @name WHERE ProductID = 1500', { name });
};

catalogSourceContract(`CONTPAQi Start/Pro (SQL Server real, ${live.server})`, async () => {
  const connector = new ContpaqiConnector(live.configFor(scratch), live.password);
  return {
    open: async (opts) => {
      if (!opts?.pageRows) return connector.openCatalogs('1');
      const today = localMidnight(new Date());
      return new StartProCatalogSource(
        live.executorFor(scratch),
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

orderWriterContract(`CONTPAQi Start/Pro (SQL Server real, ${live.server})`, async () => {
  const connector = new ContpaqiConnector(live.configFor(scratchOrders), live.password);
  const writer = await connector.openOrders('1');
  return {
    writer,
    // Ids unique per run: the scratch database lives only for this run, but a rerun must not meet old markers.
    ...startProOrderCase('https://contrato.wopen.com.mx#live', `-${Date.now().toString(36)}`),
    footprint: async () => {
      const counts = ORDER_TABLES.map((t) => `(SELECT COUNT(*) FROM dbo.${t}) AS ${t}`).join(', ');
      const [row] = await ordersDb.query<Record<string, number>>(`SELECT ${counts}`, {});
      return row;
    },
    dispose: async () => {
      await writer.close();
      await connector.close();
    },
  };
});
