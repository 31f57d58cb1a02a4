import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../electron/engine/catalog-sync';
import { freightExclusion } from '../../electron/engine/company-run';
import { ALL_FIELDS } from '../../electron/engine/field-toggles';
import { SyncStateRepo } from '../../electron/engine/sync-state-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import { MemoryCatalogSource, RecordingStore } from '../helpers/memory-catalog-source';

function setup() {
  const db = openSettingsDatabase(':memory:');
  db.prepare(
    "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
  ).run();
  const source = new MemoryCatalogSource(['articles']);
  for (let id = 1; id <= 30; id++) source.set('articles', id, { code: `A${id}`, name: `Artículo ${id}`, price: id });
  const store = new RecordingStore();
  const state = new SyncStateRepo(db);
  const run = (freight: string | null) =>
    syncCatalog({
      scope: { connectionId: 1, companyId: '1' },
      catalog: 'articles',
      source,
      store,
      state,
      toggles: ALL_FIELDS,
      exclude: freightExclusion('articles', freight),
      pushBatchSize: 10,
      readBatchSize: 7,
      onRecordError: () => undefined,
    });
  return { source, store, run };
}

describe('the freight article is never shown as a product', () => {
  it('is not pushed on the first sync', async () => {
    const t = setup();
    const r = await t.run('7');
    expect(r).toMatchObject({ state: 'success', pushed: 29 });
    expect(t.store.active('articles')).not.toContain('7');
    expect(t.store.active('articles')).toHaveLength(29);
  });

  it('an article pushed before is deactivated once it becomes the freight article, even in an unchanged block', async () => {
    const t = setup();
    await t.run(null);
    expect(t.store.active('articles')).toContain('7');
    const r = await t.run('7');
    expect(r).toMatchObject({ deleted: 1, pushed: 0 });
    expect(t.store.active('articles')).not.toContain('7');
    expect(await t.run('7')).toMatchObject({ deleted: 0, pushed: 0 });
    // Edited in the ERP while it is the freight article: still not published.
    t.source.set('articles', 7, { code: 'A7', name: 'Fletes', price: 1 });
    expect(await t.run('7')).toMatchObject({ pushed: 0 });
    expect(t.store.active('articles')).not.toContain('7');
  });

  it('filters prices and stock by article key and leaves other catalogs alone', () => {
    const f = freightExclusion('article-prices', '7')!;
    expect(f('7:1')).toBe(true);
    expect(f('71:1')).toBe(false);
    expect(freightExclusion('stock', '7')!('7:3')).toBe(true);
    expect(freightExclusion('customers', '7')).toBeUndefined();
    expect(freightExclusion('articles', null)).toBeUndefined();
  });
});
