import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProOrdersFixture, writeFootprint } from '../helpers/contpaqi-orders-fixture';
import { orderWriterContract } from './order-writer.contract';
import { startProOrderCase } from './startpro-order-case';

/** CONTPAQi Start/Pro on the SQLite emulation of its T-SQL; a fresh database for every check. */
const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};
const NOW = new Date(2026, 10, 20, 12, 30, 0);

orderWriterContract('CONTPAQi Start/Pro (emulación SQLite)', async () => {
  const exec = new SqliteSqlExecutor();
  await loadStartProOrdersFixture(exec);
  const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => NOW });
  const writer = await connector.openOrders('1');
  return {
    writer,
    ...startProOrderCase('https://contrato.wopen.com.mx#contrato'),
    footprint: async () => writeFootprint(exec),
    dispose: async () => {
      await writer.close();
      await connector.close();
    },
  };
});
