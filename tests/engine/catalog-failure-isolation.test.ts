import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/app/bootstrap';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { CATALOG_NOW } from '../helpers/contpaqi-catalog-expectations';
import { settingsInput } from '../helpers/settings-input';
import { tempDir } from '../helpers/temp-dir';

/**
 * One catalog failing for its own SQL reason (an object this database lacks) does not abort the later, unrelated
 * catalogs: the engine asks the ERP whether it still answers. The real Start/Pro connector on its SQLite emulation.
 */
describe('a catalog that fails on its own does not take the rest of the run down', () => {
  it('price lists fail (orgPriceList missing); customers, articles and stock still go to the store', async () => {
    const exec = new SqliteSqlExecutor();
    await loadStartProFixture(exec);
    exec.db.exec('DROP TABLE dbo.orgPriceList');
    const store = new RecordingStore();
    const c = openConsole({
      databasePath: path.join(tempDir(), 'w.sqlite'),
      version: 't',
      erpFactory: (config, password) => new ContpaqiConnector(config as never, password, { executorFor: () => exec.handle(), clock: () => CATALOG_NOW }),
      storeFactory: () => store,
    });
    const { id } = await c.service.saveConnection({
      config: { kind: 'contpaqi', server: 'SERVIDOR\\COMPAC', database: 'ComercialSP', authentication: 'sql', user: 'sa', encrypt: true, trustServerCertificate: false },
      newPassword: 'pw',
    });
    await c.service.listCompanies(id);
    expect(await c.service.saveSettings(id, [settingsInput('1', { sync: true, url: 'https://empresa.wopen.com.mx', user: 'u', newPassword: 'p' })])).toMatchObject({ ok: true });
    const run = await c.engine.run({ connectionId: id, companyId: '1' }, { trigger: 'manual' });
    const state = Object.fromEntries(run.catalogs.map((r) => [r.catalog, r.state]));
    expect(state['price-lists']).toBe('failed');
    expect(run.catalogs.find((r) => r.catalog === 'price-lists')?.message).toMatch(/Los demás catálogos siguen\.$/);
    for (const later of ['customers', 'articles', 'stock'] as const) expect(state[later]).toBe('success');
    expect(store.active('articles').length).toBeGreaterThan(0);
    expect(run.state).toBe('partial');
    c.close();
  });
});
