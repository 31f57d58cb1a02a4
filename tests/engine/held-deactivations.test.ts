import { describe, expect, it } from 'vitest';
import { consoleWithOneCompany } from '../helpers/fake-console';
import { judgeDeactivations } from '../../electron/engine/deactivation-guard';

/** 300 articles pushed, then the ERP reads `left` of them (a restore in progress, an emptied table). */
async function afterFullSync(articles = 300) {
  const t = await consoleWithOneCompany();
  for (let i = 1; i <= articles; i++) t.erp.source('1').set('articles', i, { code: `A${i}`, name: `Artículo ${i}` });
  const first = await t.c.engine.run(t.scope, { trigger: 'manual' });
  expect(first.state).toBe('success');
  expect(t.store.active('articles')).toHaveLength(articles);
  const removeFrom = (from: number) => {
    for (let i = from; i <= articles; i++) t.erp.source('1').remove('articles', i);
  };
  const run = () => t.c.engine.run(t.scope, { trigger: 'automatic' });
  const batchesDeleting = () => t.store.batches.filter((b) => b.deletes > 0);
  return { ...t, removeFrom, run, batchesDeleting };
}

describe('held deactivations', () => {
  it('holds a mass disappearance: nothing deactivated, run Requiere revisión, an event with count and share', async () => {
    const t = await afterFullSync();
    t.removeFrom(6); // 295 of 300 gone
    t.erp.source('1').set('articles', 1, { code: 'A1', name: 'Artículo 1 renombrado' });
    const run = await t.run();
    expect(run.state).toBe('review');
    expect(run.message).toMatch(/^Requiere revisión: .*295 bajas retenidas/);
    const articles = run.catalogs.find((c) => c.catalog === 'articles')!;
    expect(articles).toMatchObject({ deleted: 0, pushed: 1 });
    expect(articles.held?.verdict).toEqual({ reason: 'threshold', held: 295, storeHolds: 300, erpCount: 5 });
    // The upsert of the same run went out; no deactivation did.
    expect(t.batchesDeleting()).toEqual([]);
    expect(t.store.active('articles')).toHaveLength(300);
    expect(t.store.records.get('articles/1')?.data.name).toBe('Artículo 1 renombrado');
    const event = t.c.db
      .prepare("SELECT Level, Message FROM events WHERE Catalog = 'articles' AND Message LIKE '%retuvieron%'")
      .get() as { Level: string; Message: string };
    expect(event.Level).toBe('warning');
    expect(event.Message).toBe(
      'Catálogos de artículos: se retuvieron 295 bajas (son el 98 % de los 300 que tiene la tienda); revíselas en la consola y elija Aplicar o Descartar.',
    );
    expect(t.c.engine.lastRun(t.scope)?.state).toBe('review');
    const [held] = t.c.engine.held.list(t.scope);
    expect(held).toMatchObject({ catalog: 'articles', held: 295, storeHolds: 300, runId: run.runId });
    expect(held!.samples).toEqual(['10', '100', '101', '102', '103', '104', '105', '106', '107', '108']);
  });

  it('keeps holding on the next run while the ERP still reads that way (the check stays armed)', async () => {
    const t = await afterFullSync();
    t.removeFrom(6);
    await t.run();
    const again = await t.run();
    expect(again.state).toBe('review');
    expect(t.batchesDeleting()).toEqual([]);
    expect(t.c.engine.held.keys(t.scope, 'articles').size).toBe(295);
  });

  it('clears the hold by itself when the ERP reads whole again (the restore finished)', async () => {
    const t = await afterFullSync();
    t.removeFrom(6);
    await t.run();
    for (let i = 6; i <= 300; i++) t.erp.source('1').set('articles', i, { code: `A${i}`, name: `Artículo ${i}` });
    const back = await t.run();
    expect(back.state).toBe('success');
    expect(t.c.engine.held.list(t.scope)).toEqual([]);
    expect(t.batchesDeleting()).toEqual([]);
  });

  it('Aplicar sends exactly the held set, each key only if the ERP still lacks it', async () => {
    const t = await afterFullSync();
    t.removeFrom(6);
    await t.run();
    // One of the held articles came back before the person clicked Aplicar.
    t.erp.source('1').set('articles', 300, { code: 'A300', name: 'Artículo 300' });
    const approved = t.c.engine.approveHeld(t.scope, ['articles'], 'contadora');
    expect(approved.map((h) => h.held)).toEqual([295]);
    expect(t.c.engine.held.list(t.scope)[0]).toMatchObject({ approvedBy: 'contadora' });
    // Nothing goes until a run: the approval is data, honoured by whichever process runs the engine next.
    expect(t.batchesDeleting()).toEqual([]);
    const applied = await t.run();
    expect(applied.state).toBe('success');
    expect(t.batchesDeleting().reduce((n, b) => n + b.deletes, 0)).toBe(294);
    expect(t.store.active('articles').sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5', '300']);
    expect(t.c.engine.held.list(t.scope)).toEqual([]);
    // Done: the next run has nothing to deactivate.
    const next = await t.run();
    expect(next.state).toBe('success');
    expect(next.catalogs.find((c) => c.catalog === 'articles')).toMatchObject({ deleted: 0 });
  });

  it('Descartar keeps the store as it is and re-arms the check', async () => {
    const t = await afterFullSync();
    t.removeFrom(6);
    await t.run();
    const discarded = t.c.engine.discardHeld(t.scope, ['articles']);
    expect(discarded.map((h) => h.held)).toEqual([295]);
    expect(t.c.engine.held.list(t.scope)).toEqual([]);
    expect(t.store.active('articles')).toHaveLength(300);
    const next = await t.run();
    expect(next.state).toBe('review');
    expect(t.batchesDeleting()).toEqual([]);
  });

  it('refuses Aplicar and Descartar in Spanish when nothing is held', async () => {
    const t = await afterFullSync(10);
    expect(() => t.c.engine.discardHeld(t.scope, ['articles'])).toThrow(
      'No hay bajas retenidas de Catálogos de artículos para esta empresa.',
    );
    expect(() => t.c.engine.approveHeld(t.scope, [], 'consola')).toThrow('No hay bajas retenidas para esta empresa.');
  });

  it('lets a deletion below the threshold through (50 or fewer, or 10 % or less)', async () => {
    const t = await afterFullSync();
    t.removeFrom(251); // 50 of 300: not more than 50
    const run = await t.run();
    expect(run.state).toBe('success');
    expect(run.catalogs.find((c) => c.catalog === 'articles')).toMatchObject({ deleted: 50 });
    expect(t.store.active('articles')).toHaveLength(250);
  });

  it('holds a catalog that had records and reads empty, however small', async () => {
    const t = await afterFullSync(3);
    t.removeFrom(1);
    const run = await t.run();
    expect(run.state).toBe('review');
    expect(run.catalogs.find((c) => c.catalog === 'articles')?.held?.verdict).toMatchObject({
      reason: 'emptied',
      held: 3,
    });
    expect(t.store.active('articles')).toHaveLength(3);
  });

  it('follows the limits saved in Opciones', async () => {
    const t = await afterFullSync();
    t.c.engine.deactivationLimits.save({ maxCount: 10, maxSharePct: 5 });
    t.removeFrom(271); // 30 of 300 = 10 %: above both
    expect((await t.run()).state).toBe('review');
  });
});

describe('judgeDeactivations', () => {
  const limits = { maxCount: 50, maxShare: 0.1 };
  it('needs both limits passed', () => {
    expect(judgeDeactivations(51, 1000, 949, limits)).toBeNull(); // 5.1 %
    expect(judgeDeactivations(50, 100, 50, limits)).toBeNull(); // 50 is not more than 50
    expect(judgeDeactivations(101, 1000, 899, limits)).toMatchObject({ reason: 'threshold' });
  });
  it('holds any deactivation of a catalog that reads empty, and nothing when nothing goes', () => {
    expect(judgeDeactivations(1, 1, 0, limits)).toMatchObject({ reason: 'emptied' });
    expect(judgeDeactivations(0, 10, 0, limits)).toBeNull();
  });
});
