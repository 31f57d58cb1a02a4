import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../electron/ipc/handlers';
import { consoleWithOneCompany } from '../helpers/fake-console';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { CATALOG_LABELS } from '../../shared/catalogs';

async function setup() {
  let now = new Date();
  const { c, erp, store, scope } = await consoleWithOneCompany({ store: new RecordingStore(), clock: () => now });
  for (let i = 1; i <= 10; i++)
    erp.source('1').set('articles', i, { code: `A${i}`, name: `Artículo ${i}`, password: 'no-debe-verse' });
  const range = () => ({
    from: new Date(now.getTime() - 86_400_000).toISOString(),
    to: new Date(now.getTime() + 60_000).toISOString(),
  });
  return { c, erp, store, scope, range, setNow: (d: Date) => (now = d), now: () => now };
}

const health = async (t: Awaited<ReturnType<typeof setup>>) =>
  (await t.c.service.listCompanies(t.scope.connectionId)).companies.find((x) => x.companyId === '1')?.health;

describe('Historial de sincronización', () => {
  it('lists runs × catalogs newest first with b2bGO labels, and the per-record errors of a run', async () => {
    const t = await setup();
    t.store.rejectKeys.add('5');
    const first = await t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(first.state).toBe('partial');
    t.store.rejectKeys.clear();
    const second = await t.c.engine.run(t.scope, { trigger: 'manual' });
    expect(second.state).toBe('success');

    const rows = t.c.journal.listRunHistory(t.range(), 200);
    expect(rows[0]).toMatchObject({ runId: second.runId, trigger: 'manual' });
    const articles = rows.filter((r) => r.catalog === 'articles');
    expect(articles.map((r) => [r.runId, r.stateLabel, r.catalogLabel])).toEqual([
      [second.runId, 'Exitoso', CATALOG_LABELS.articles],
      [first.runId, 'Parcial', CATALOG_LABELS.articles],
    ]);
    expect(rows.some((r) => r.state === 'unavailable')).toBe(false);
    expect(t.c.journal.listRunHistory({ ...t.range(), catalog: 'customers' }, 200)[0]).toMatchObject({
      state: 'unavailable',
      stateLabel: 'No disponible',
    });
    expect(
      t.c.journal.listRunHistory({ ...t.range(), trigger: 'automatic' }, 200).every((r) => r.runId === first.runId),
    ).toBe(true);

    const { errors, omitted } = t.c.journal.listRunErrors(first.runId!);
    expect(omitted).toBe(0);
    expect(errors).toEqual([
      expect.objectContaining({
        catalog: 'articles',
        catalogLabel: CATALOG_LABELS.articles,
        recordKey: '5',
        phase: 'push',
        message: expect.stringMatching(/precio inválido/),
      }),
    ]);
    expect(() => t.c.journal.listRunErrors(9999)).toThrow(/No existe/);

    // The rejected record is an event too, with run, catalog, key and a redacted excerpt of the record.
    const ev = t.c.journal.queryEvents({ ...t.range(), levels: ['error'], catalog: 'articles' }, null, 10).events;
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ runId: first.runId, recordKey: '5', trigger: 'automatic', companyId: '1' });
    const detail = t.c.journal.getEventDetail(ev[0]!.id);
    expect(detail.detailsExcerpt).toMatch(/Artículo 5/);
    expect(detail.detailsExcerpt).not.toMatch(/no-debe-verse/);
    const runEvents = t.c.journal.queryEvents({ ...t.range(), trigger: 'manual' }, null, 10).events;
    expect(runEvents.map((e) => e.runId)).toEqual([second.runId, second.runId]);
  });

  it('counts runs with percentages, the last sync time and runs per local day', async () => {
    const t = await setup();
    const base = new Date(2025, 2, 10, 12, 0, 0); // local noon
    t.setNow(base);
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    t.setNow(new Date(2025, 2, 11, 9, 0, 0));
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    t.erp.down = true;
    t.setNow(new Date(2025, 2, 11, 10, 0, 0));
    const failed = await t.c.engine.run(t.scope, { trigger: 'manual' });
    expect(failed.state).toBe('failed');
    const stats = t.c.journal.getRunStats({
      from: new Date(2025, 2, 10).toISOString(),
      to: new Date(2025, 2, 12).toISOString(),
    });
    expect(stats).toMatchObject({
      total: 3,
      success: 2,
      failed: 1,
      partial: 0,
      review: 0,
      running: 0,
      successPct: 66.7,
      failedPct: 33.3,
    });
    expect(stats.lastSyncAt).toBe(new Date(2025, 2, 11, 10, 0, 0).toISOString());
    expect(stats.perDay).toEqual([
      { day: '2025-03-10', success: 1, partial: 0, failed: 0, review: 0 },
      { day: '2025-03-11', success: 1, partial: 0, failed: 1, review: 0 },
    ]);
    const today = t.c.journal.getRunStats({
      from: new Date(2025, 2, 11).toISOString(),
      to: new Date(2025, 2, 12).toISOString(),
    });
    expect(today).toMatchObject({ total: 2, successPct: 50, failedPct: 50 });
    const empty = t.c.journal.getRunStats({
      from: new Date(2025, 0, 1).toISOString(),
      to: new Date(2025, 0, 2).toISOString(),
    });
    expect(empty).toMatchObject({ total: 0, successPct: 0, failedPct: 0 });
  });

  it('shows the health of a company: never, ok, failing after 3 failures, stale after two periods', async () => {
    const t = await setup();
    const start = new Date('2025-03-10T12:00:00.000Z');
    t.setNow(start);
    expect(await health(t)).toBe('never');
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(await health(t)).toBe('ok');
    t.setNow(new Date(start.getTime() + 11 * 60_000)); // period 5 min: two periods passed
    expect(await health(t)).toBe('stale');
    t.erp.down = true;
    for (let i = 0; i < 3; i++) await t.c.engine.run(t.scope, { trigger: 'automatic' });
    t.erp.down = false;
    expect(await health(t)).toBe('failing');
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(await health(t)).toBe('ok');
  });

  it('Reintentar starts a manual run of the company that re-sends the records that failed', async () => {
    const t = await setup();
    t.store.rejectKeys.add('5');
    const first = await t.c.engine.run(t.scope, { trigger: 'automatic' });
    t.store.rejectKeys.clear();
    const handlers = createHandlers(t.c as never);
    const res = await handlers.retryRun({ runId: first.runId! });
    expect(res).toMatchObject({ started: true, message: expect.stringMatching(/Reintento iniciado/) });
    await t.c.engine.drain();
    const last = t.c.engine.lastRun(t.scope)!;
    expect(last).toMatchObject({ trigger: 'manual', state: 'success' });
    expect(last.catalogs.find((c) => c.catalog === 'articles')).toMatchObject({ pushed: 1 });
    expect(t.store.active('articles')).toContain('5');
    expect(() => t.c.sync.retryRun(9999)).toThrow(/No existe/);
  });
});
