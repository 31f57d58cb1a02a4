import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { applyStockRule, DEFAULT_STOCK_RULE } from '../../electron/engine/sellable-stock';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { CATALOG_NOW } from '../helpers/contpaqi-catalog-expectations';
import { settingsInput } from '../helpers/settings-input';
import { tempDir } from '../helpers/temp-dir';

/**
 * Sellable stock on the real Start/Pro connector (its SQLite emulation): the fixture's product 2 in depot 1 has
 * 0 present and 3 to deliver (available −3), product 1 in depot 1 has 100 − 20.
 */
const opened: OpenedConsole[] = [];
afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

async function startPro() {
  const exec = new SqliteSqlExecutor();
  await loadStartProFixture(exec);
  const store = new RecordingStore();
  const c = openConsole({
    databasePath: path.join(tempDir(), 'w.sqlite'),
    version: 't',
    erpFactory: (config, password) =>
      new ContpaqiConnector(config as never, password, { executorFor: () => exec.handle(), clock: () => CATALOG_NOW }),
    storeFactory: () => store,
  });
  opened.push(c);
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
  const base = { sync: true, url: 'https://empresa.wopen.com.mx', user: 'u', newPassword: 'p' };
  expect(await c.service.saveSettings(id, [settingsInput('1', base)])).toMatchObject({ ok: true });
  const scope = { connectionId: id, companyId: '1' };
  const stock = (key: string) => store.records.get(`stock/${key}`)?.data;
  const run = () => c.engine.run(scope, { trigger: 'manual' });
  const save = (over: Parameters<typeof settingsInput>[1]) => c.service.saveSettings(id, [settingsInput('1', over)]);
  return { c, id, store, stock, run, save, scope };
}

describe('sellable stock (Start/Pro emulation)', () => {
  it('publishes negative availability as 0 by default; onHand and committed stay as the ERP has them', async () => {
    const r = await startPro();
    expect((await r.run()).state).toBe('success');
    expect(r.stock('2:1')).toEqual({ articleKey: '2', warehouseKey: '1', onHand: 0, committed: 3, available: 0 });
    expect(r.stock('1:1')?.available).toBe(80);
    expect(r.c.service.getCompanySettings(r.id, '1')).toMatchObject({ negativeStockAsZero: true, safetyStock: 0 });
  });

  it('a setting change re-sends stock with the new rule: safety buffer (floor 0), negatives kept when asked', async () => {
    const r = await startPro();
    await r.run();
    const noop = await r.run();
    expect(noop.catalogs.find((x) => x.catalog === 'stock')?.pushed).toBe(0);

    expect(
      await r.save({
        sync: true,
        url: 'https://empresa.wopen.com.mx',
        user: 'u',
        negativeStockAsZero: false,
        safetyStock: '5',
      }),
    ).toMatchObject({ ok: true });
    const after = await r.run();
    const stock = after.catalogs.find((x) => x.catalog === 'stock')!;
    expect(stock.state).toBe('success');
    expect(stock.pushed).toBeGreaterThanOrEqual(3);
    expect(r.stock('1:1')?.available).toBe(75);
    expect(r.stock('1:2')?.available).toBe(0); // 5 present − 5 buffer
    expect(r.stock('1500:1')?.available).toBe(0.25); // 7.5 − 2.25 − 5
    expect(r.stock('2:1')?.available).toBe(-3); // negatives as the ERP has them: the buffer does not deepen them
    // Other catalogs were not compared again: only stock's projection changed.
    expect(after.catalogs.find((x) => x.catalog === 'articles')?.read).toBe(0);
    expect(r.c.service.getCompanySettings(r.id, '1')).toMatchObject({ negativeStockAsZero: false, safetyStock: 5 });
  });

  it('refuses a buffer outside 0..1,000,000 or not whole, with a Spanish message, and saves nothing', async () => {
    const r = await startPro();
    for (const bad of ['1.5', '-1', '1000001', 'diez']) {
      const result = await r.c.service.saveSettings(r.id, [
        settingsInput('1', { sync: true, url: 'https://empresa.wopen.com.mx', user: 'u', period: '45' }),
        settingsInput('2', { safetyStock: bad }),
      ]);
      expect(result).toMatchObject({
        ok: false,
        errors: [
          {
            companyId: '2',
            field: 'safetyStock',
            message: 'La Existencia de seguridad (unidades) debe ser un número entero entre 0 y 1,000,000.',
          },
        ],
      });
    }
    // All or nothing: company 1's other change was not written either.
    expect(r.c.service.getCompanySettings(r.id, '1').period).toBe(30);
    expect(
      await r.save({ sync: true, url: 'https://empresa.wopen.com.mx', user: 'u', safetyStock: '1000000' }),
    ).toMatchObject({ ok: true });
    expect(r.c.service.getCompanySettings(r.id, '1').safetyStock).toBe(1_000_000);
  });
});

describe('applyStockRule', () => {
  const rec = (available: number) => ({ onHand: 1, committed: 2, available });
  it('touches only the stock catalog and only `available`', () => {
    expect(applyStockRule('article-prices', { available: -1 }, DEFAULT_STOCK_RULE)).toEqual({ available: -1 });
    expect(applyStockRule('stock', rec(-1), DEFAULT_STOCK_RULE)).toEqual(rec(0));
    expect(applyStockRule('stock', rec(12.5), { negativeAsZero: true, safetyStock: 2 })).toEqual(rec(10.5));
    expect(applyStockRule('stock', rec(1.5), { negativeAsZero: false, safetyStock: 2 })).toEqual(rec(0));
    expect(applyStockRule('stock', rec(-4), { negativeAsZero: false, safetyStock: 2 })).toEqual(rec(-4));
  });
});
