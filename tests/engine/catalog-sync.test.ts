import { describe, expect, it } from 'vitest';
import { syncCatalog } from '../../electron/engine/catalog-sync';
import { ALL_FIELDS, type FieldToggles } from '../../electron/engine/field-toggles';
import { SyncStateRepo } from '../../electron/engine/sync-state-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import { MemoryCatalogSource, RecordingStore } from '../helpers/memory-catalog-source';

function setup(n = 95) {
  const db = openSettingsDatabase(':memory:');
  db.prepare(
    "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
  ).run();
  const source = new MemoryCatalogSource(['articles']);
  for (let id = 1; id <= n; id++)
    source.set('articles', id, { code: `A${id}`, name: `Artículo ÑANDÚ ${id} €`, description: 'd', price: id });
  const store = new RecordingStore();
  const state = new SyncStateRepo(db);
  const errors: (string | null)[] = [];
  const run = (o: { dryRun?: boolean; toggles?: FieldToggles } = {}) =>
    syncCatalog({
      scope: { connectionId: 1, companyId: '1' },
      catalog: 'articles',
      source,
      store: o.dryRun ? null : store,
      state,
      toggles: o.toggles ?? ALL_FIELDS,
      pushBatchSize: 20,
      readBatchSize: 7,
      onRecordError: (k) => errors.push(k),
    });
  return { db, source, store, state, run, errors };
}

describe('syncCatalog', () => {
  it('first sync pushes everything in batches; a resync with no change reads nothing', async () => {
    const t = setup();
    const first = await t.run();
    expect(first).toMatchObject({ state: 'success', read: 95, pushed: 95, unchanged: 0, deleted: 0, failed: 0 });
    expect(t.store.batches.map((b) => b.upserts)).toEqual([20, 20, 20, 20, 15]);
    expect(t.store.records.get('articles/7')?.data).toMatchObject({ name: 'Artículo ÑANDÚ 7 €' });
    t.source.reads = [];
    const again = await t.run();
    expect(again).toMatchObject({ state: 'success', read: 0, pushed: 0, unchanged: 0 });
    expect(t.source.reads).toEqual([]);
  });

  it('one change re-reads one block and pushes one record', async () => {
    const t = setup();
    await t.run();
    t.source.set('articles', 42, { code: 'A42', name: 'Artículo ÑANDÚ 42 €', description: 'd', price: 999 });
    t.source.reads = [];
    const r = await t.run();
    expect(r).toMatchObject({ read: 10, pushed: 1, unchanged: 9 });
    expect(t.source.reads).toEqual([{ catalog: 'articles', blocks: [4] }]);
    expect(t.store.records.get('articles/42')?.data.price).toBe(999);
  });

  it('does not deactivate a key whose row was re-created in another block (same code, new id)', async () => {
    const t = setup();
    await t.run();
    // Key 3 leaves block 0 and comes back on the row with id 96 (block 9): it was re-created, not deleted.
    t.source.remove('articles', 3);
    t.source.set('articles', 96, { code: 'A3', name: 'Artículo ÑANDÚ 3 €', description: 'd', price: 3 }, '3');
    t.source.remove('articles', 94);
    const r = await t.run();
    expect(r).toMatchObject({ deleted: 1, pushed: 1 });
    expect(t.store.records.get('articles/3')?.active).toBe(true);
    expect(t.store.records.get('articles/94')?.active).toBe(false);
  });

  it('deactivates deleted records, inside a block and when a whole block disappears', async () => {
    const t = setup();
    await t.run();
    t.source.remove('articles', 13);
    for (let id = 90; id <= 95; id++) t.source.remove('articles', id);
    const r = await t.run();
    expect(r).toMatchObject({ deleted: 7, pushed: 0 });
    expect(t.store.active('articles')).not.toContain('13');
    expect(t.store.active('articles')).not.toContain('95');
    expect(t.store.active('articles')).toHaveLength(88);
    expect(await t.run()).toMatchObject({ read: 0, deleted: 0, pushed: 0 });
  });

  it('a changed block that comes back empty deactivates every key it had', async () => {
    const t = setup();
    await t.run();
    // The ERP still reports block 1 (e.g. rows left in a joined table) but yields no record for it.
    const checksums = t.source.checksums.bind(t.source);
    t.source.checksums = async (c) => {
      const m = await checksums(c);
      m.set(1, { count: 0, checksum: 'orphans-only' });
      return m;
    };
    for (let id = 10; id <= 19; id++) t.source.remove('articles', id);
    const r = await t.run();
    expect(r).toMatchObject({ deleted: 10, pushed: 0 });
    expect(t.store.active('articles')).toHaveLength(85);
  });

  it('a record the store rejects is retried on the next run, the others are not', async () => {
    const t = setup();
    t.store.rejectKeys.add('55');
    const r = await t.run();
    expect(r).toMatchObject({ state: 'partial', pushed: 94, failed: 1 });
    expect(t.errors).toEqual(['55']);
    t.store.rejectKeys.clear();
    const healed = await t.run();
    expect(healed).toMatchObject({ state: 'success', pushed: 1, unchanged: 9, read: 10 });
  });

  it('a store outage mid-run advances state only for accepted batches, and the next run heals', async () => {
    const t = setup();
    t.store.failBatchesFrom = 2;
    const r = await t.run();
    expect(r.state).toBe('partial');
    expect(r.pushed).toBe(40);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM sync_records').get()).toEqual({ n: 40 });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM sync_blocks').get()).toEqual({ n: 0 });
    t.store.failBatchesFrom = null;
    const healed = await t.run();
    expect(healed).toMatchObject({ state: 'success', pushed: 55, unchanged: 40 });
    expect(t.store.active('articles')).toHaveLength(95);
    expect(await t.run()).toMatchObject({ read: 0, pushed: 0 });
  });

  it('the ERP going down mid-read ends the catalog failed or partial and loses nothing', async () => {
    const t = setup();
    t.source.failReadsAfter = 30;
    const r = await t.run();
    expect(['failed', 'partial']).toContain(r.state);
    expect(r.message).toMatch(/ERP caído/);
    t.source.failReadsAfter = null;
    const healed = await t.run();
    expect(healed.state).toBe('success');
    expect(t.store.active('articles')).toHaveLength(95);
  });

  it('dry run counts what would move and changes nothing', async () => {
    const t = setup();
    const dry = await t.run({ dryRun: true });
    expect(dry).toMatchObject({ pushed: 95, read: 95 });
    expect(dry.samples).toEqual(['1', '2', '3', '4', '5']);
    expect(t.store.batches).toEqual([]);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM sync_records').get()).toEqual({ n: 0 });
  });

  it('leaving names to the store stops sending them; taking them back re-sends every name', async () => {
    const t = setup(3);
    await t.run();
    t.store.records.get('articles/1')!.data.name = 'Nombre editado en la tienda';
    const off = await t.run({ toggles: { names: false, descriptions: true } });
    expect(off).toMatchObject({ read: 3, pushed: 3 }); // sent again without their name
    expect(t.store.records.get('articles/1')?.data.name).toBe('Nombre editado en la tienda');
    t.source.set('articles', 1, { code: 'A1', name: 'Nombre del ERP', description: 'd', price: 5 });
    await t.run({ toggles: { names: false, descriptions: true } });
    expect(t.store.records.get('articles/1')?.data).toMatchObject({ name: 'Nombre editado en la tienda', price: 5 });
    const on = await t.run();
    expect(on).toMatchObject({ read: 3, pushed: 3 });
    expect(t.store.records.get('articles/1')?.data.name).toBe('Nombre del ERP');
    expect(await t.run()).toMatchObject({ read: 0, pushed: 0 });
  });
});
