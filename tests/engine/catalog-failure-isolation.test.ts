import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/hosting/compose';
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
  async function run(prepare: (exec: SqliteSqlExecutor) => void) {
    const exec = new SqliteSqlExecutor();
    await loadStartProFixture(exec);
    prepare(exec);
    const store = new RecordingStore();
    const c = openConsole({
      databasePath: path.join(tempDir(), 'w.sqlite'),
      version: 't',
      erpFactory: (config, password) =>
        new ContpaqiConnector(config as never, password, {
          executorFor: () => exec.handle(),
          clock: () => CATALOG_NOW,
        }),
      storeFactory: () => store,
    });
    const { id } = await c.service.saveConnection({
      config: {
        kind: 'contpaqi',
        server: 'SERVIDOR\\COMPAC',
        database: 'ComercialSP',
        authentication: 'sql',
        user: 'sa',
        encrypt: true,
        trustServerCertificate: false,
      },
      newPassword: 'pw',
    });
    await c.service.listCompanies(id);
    expect(
      await c.service.saveSettings(id, [
        settingsInput('1', { sync: true, url: 'https://empresa.wopen.com.mx', user: 'u', newPassword: 'p' }),
      ]),
    ).toMatchObject({ ok: true });
    const summary = await c.engine.run({ connectionId: id, companyId: '1' }, { trigger: 'manual' });
    c.close();
    return {
      summary,
      store,
      state: Object.fromEntries(summary.catalogs.map((r) => [r.catalog, r.state])),
      message: (catalog: string) => summary.catalogs.find((r) => r.catalog === catalog)?.message,
    };
  }

  it('a table this database lacks (orgPriceList): that catalog is «not in this ERP», named; the rest goes to the store', async () => {
    const r = await run((exec) => exec.db.exec('DROP TABLE dbo.orgPriceList'));
    expect(r.state['price-lists']).toBe('skipped');
    expect(r.message('price-lists')).toBe('Este ERP no tiene este catálogo: falta dbo.orgPriceList.');
    for (const later of ['customers', 'articles', 'stock'] as const) expect(r.state[later]).toBe('success');
    expect(r.store.active('articles').length).toBeGreaterThan(0);
  });

  it('a catalog query failing for another reason: failed with its message, the later catalogs still run', async () => {
    const r = await run((exec) => {
      exec.failWhen = (sql) => sql.includes('dbo.orgPriceList');
    });
    expect(r.state['price-lists']).toBe('failed');
    expect(r.message('price-lists')).toMatch(/Los demás catálogos siguen\.$/);
    for (const later of ['customers', 'articles', 'stock'] as const) expect(r.state[later]).toBe('success');
    expect(r.summary.state).toBe('partial');
  });
});
