import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { STARTPRO_CATALOGS } from '../../electron/erp/contpaqi/catalogs';
import { localMidnight, StartProCatalogSource } from '../../electron/erp/contpaqi/catalogs/startpro-catalog-source';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { CATALOG_NOW } from '../helpers/contpaqi-catalog-expectations';
import { catalogSourceContract } from './catalog-source.contract';

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

catalogSourceContract('CONTPAQi Start/Pro (emulación SQLite)', async () => {
  const exec = new SqliteSqlExecutor();
  await loadStartProFixture(exec);
  const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => CATALOG_NOW });
  return {
    open: async (opts) => {
      if (!opts?.pageRows) return connector.openCatalogs('1');
      return new StartProCatalogSource(
        exec.handle(),
        { company: 1, today: localMidnight(CATALOG_NOW), customersPerCompany: true },
        STARTPRO_CATALOGS,
        (e) => e as Error,
        opts.pageRows,
      );
    },
    change: {
      catalog: 'articles',
      apply: async () => {
        await exec.query('UPDATE dbo.orgProduct SET ProductName = @name WHERE ProductID = 1500', {
          name: 'Refacción “ñ”',
        });
      },
    },
    dispose: () => connector.close(),
  };
});
