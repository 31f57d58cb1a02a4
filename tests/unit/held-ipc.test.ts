import { describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/ipc/dispatch';
import { createHandlers } from '../../electron/ipc/handlers';
import { SyncRequestsRepo } from '../../electron/hosting/sync-requests-repo';
import { consoleWithOneCompany } from '../helpers/fake-console';

const trusted = { isTrustedSender: (u: string) => u.startsWith('file:///app/') };
const own = { senderUrl: 'file:///app/index.html', isMainFrame: true };

/** A company with 300 articles in the store, then the ERP reads `left` of them: the run holds the rest. */
async function heldCompany(left = 5) {
  const t = await consoleWithOneCompany();
  const src = t.erp.source('1');
  for (let i = 1; i <= 300; i++) src.set('articles', i, { code: `A${i}`, name: `Artículo ${i}` });
  expect((await t.c.engine.run(t.scope, { trigger: 'manual' })).state).toBe('success');
  for (let i = left + 1; i <= 300; i++) src.remove('articles', i);
  const h = createHandlers({
    service: t.c.service,
    journal: t.c.journal,
    sync: t.c.sync,
    alerts: t.c.alerts,
    orders: t.c.orders,
    pauses: t.c.pauses,
    engine: t.c.engine,
    role: t.c.role,
  });
  const call = (method: Parameters<typeof dispatch>[1], payload?: unknown) =>
    dispatch(h, method, own, payload, trusted);
  const deletes = () => t.store.batches.reduce((n, b) => n + b.deletes, 0);
  return { ...t, call, deletes };
}

describe('IPC held: Bajas retenidas and the limits in Opciones', () => {
  it('listHeld shows each held catalog with its numbers and 10 sample keys; history and grid say Requiere revisión', async () => {
    const t = await heldCompany();
    expect(await t.call('listHeld', t.scope)).toEqual({ ok: true, value: [] });
    const run = await t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(run.state).toBe('review');
    const r = await t.call('listHeld', t.scope);
    expect(r).toEqual({
      ok: true,
      value: [
        expect.objectContaining({
          catalog: 'articles',
          label: 'Catálogos de artículos',
          reason: 'threshold',
          count: 295,
          sharePct: 98,
          storeHolds: 300,
          erpCount: 5,
          runId: run.runId,
          approvedAt: null,
          reasonText: 'Son el 98 % de los 300 registros que tiene la tienda.',
          samples: ['10', '100', '101', '102', '103', '104', '105', '106', '107', '108'],
        }),
      ],
    });
    // Requiere revisión as its own state: the run's figures, the history row of the catalog, the grid.
    const day = {
      from: new Date(Date.now() - 86_400_000).toISOString(),
      to: new Date(Date.now() + 60_000).toISOString(),
    };
    const stats = t.c.journal.getRunStats(day);
    expect(stats).toMatchObject({ total: 2, success: 1, review: 1, failed: 0, partial: 0 });
    expect(stats.perDay.reduce((n, d) => n + d.review, 0)).toBe(1);
    const rows = t.c.journal.listRunHistory({ ...day, catalog: 'articles' }, 50);
    expect(rows.map((x) => [x.state, x.stateLabel])).toEqual([
      ['review', 'Requiere revisión'],
      ['success', 'Exitoso'],
    ]);
    const status = t.c.sync.status(t.scope);
    expect(status.lastRun).toMatchObject({ state: 'review', stateLabel: 'Requiere revisión' });
    expect(status.lastRun?.catalogs.find((c) => c.catalog === 'articles')?.state).toBe('review');
    const list = await t.c.service.listCompanies(t.scope.connectionId);
    expect(list.companies.find((c) => c.companyId === '1')?.health).toBe('review');
  });

  it('applyHeld approves and starts the run that deactivates exactly the held set', async () => {
    const t = await heldCompany();
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(t.deletes()).toBe(0);
    const r = await t.call('applyHeld', t.scope);
    expect(r).toMatchObject({
      ok: true,
      value: {
        started: true,
        message: 'Bajas aprobadas (295 de Catálogos de artículos). Sincronización iniciada.',
        applied: [expect.objectContaining({ catalog: 'articles', count: 295 })],
      },
    });
    await t.c.engine.drain();
    expect(t.deletes()).toBe(295);
    expect(t.store.active('articles').sort((a, b) => Number(a) - Number(b))).toEqual(['1', '2', '3', '4', '5']);
    expect(await t.call('listHeld', t.scope)).toEqual({ ok: true, value: [] });
    expect(t.c.engine.lastRun(t.scope)?.state).toBe('success');
  });

  it('applyHeld in a monitor console approves and asks the engine holder for the run', async () => {
    const t = await heldCompany();
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    t.c.role.set('monitor', null);
    const r = await t.call('applyHeld', { ...t.scope, catalogs: ['articles'] });
    expect(r).toMatchObject({ ok: true, value: { started: true } });
    expect(t.c.engine.isRunning(t.scope)).toBe(false);
    expect(new SyncRequestsRepo(t.c.db).pending()).toHaveLength(1);
    expect(t.c.engine.held.list(t.scope)[0]?.approvedBy).toMatch(/^consola:/);
    expect(t.deletes()).toBe(0);
  });

  it('discardHeld sends nothing, forgets the set, and the next run holds again', async () => {
    const t = await heldCompany();
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    const r = await t.call('discardHeld', t.scope);
    expect(r).toMatchObject({
      ok: true,
      value: {
        message: expect.stringMatching(
          /^Bajas descartadas \(295 de Catálogos de artículos\): la tienda queda como está/,
        ),
      },
    });
    expect(await t.call('listHeld', t.scope)).toEqual({ ok: true, value: [] });
    expect(t.deletes()).toBe(0);
    expect(t.store.active('articles')).toHaveLength(300);
    expect((await t.c.engine.run(t.scope, { trigger: 'automatic' })).state).toBe('review');
    expect(t.deletes()).toBe(0);
  });

  it('refuses in Spanish: nothing held, a run under way, an unknown catalog', async () => {
    const t = await heldCompany();
    expect(await t.call('applyHeld', t.scope)).toEqual({
      ok: false,
      error: 'No hay bajas retenidas para esta empresa.',
    });
    expect(await t.call('discardHeld', { ...t.scope, catalogs: ['customers'] })).toEqual({
      ok: false,
      error: 'No hay bajas retenidas de Catálogos de clientes para esta empresa.',
    });
    await t.c.engine.run(t.scope, { trigger: 'automatic' });
    const running = t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(await t.call('applyHeld', t.scope)).toEqual({
      ok: false,
      error:
        'Hay una sincronización en curso para esta empresa; espere a que termine para aplicar las bajas retenidas.',
    });
    expect(await t.call('discardHeld', t.scope)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/descartar/),
    });
    await running;
    expect(t.c.engine.held.list(t.scope)[0]?.approvedAt).toBeNull();
    const bad = await t.call('applyHeld', { ...t.scope, catalogs: ['artículos'] });
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^Datos no válidos para applyHeld/) });
  });

  it('the limits: defaults 50 and 10 %, validated, saved both or neither, and they decide what is held', async () => {
    const t = await heldCompany(295); // 5 of 300 gone: under the default limits
    expect(await t.call('getDeactivationLimits')).toEqual({ ok: true, value: { maxCount: 50, maxSharePct: 10 } });
    for (const bad of [
      { maxCount: 4, maxSharePct: 101 },
      { maxCount: -1, maxSharePct: 1 },
      { maxCount: 2.5, maxSharePct: 1 },
      { maxCount: '4', maxSharePct: 1 },
      { maxCount: 4 },
    ]) {
      const r = await t.call('saveDeactivationLimits', bad);
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/^Datos no válidos/) });
    }
    const share = await t.call('saveDeactivationLimits', { maxCount: 4, maxSharePct: 101 });
    expect(share).toMatchObject({ error: expect.stringContaining('El porcentaje debe estar entre 0 y 100.') });
    expect(await t.call('getDeactivationLimits')).toEqual({ ok: true, value: { maxCount: 50, maxSharePct: 10 } });
    expect(await t.call('saveDeactivationLimits', { maxCount: 4, maxSharePct: 1 })).toEqual({
      ok: true,
      value: { maxCount: 4, maxSharePct: 1 },
    });
    // 5 of 300 (1.7 %) is now more than 4 records and more than 1 %: held.
    const run = await t.c.engine.run(t.scope, { trigger: 'automatic' });
    expect(run.state).toBe('review');
    expect(t.deletes()).toBe(0);
    expect(await t.call('listHeld', t.scope)).toMatchObject({ ok: true, value: [{ count: 5, sharePct: 2 }] });
  });
});
