import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/hosting/compose';
import { Scheduler } from '../../electron/engine/scheduler';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { tempDir } from '../helpers/temp-dir';

async function setup(now = () => new Date()) {
  const erp = new FakeErp();
  const store = new RecordingStore();
  const c = openConsole({
    databasePath: path.join(tempDir(), 'w.sqlite'),
    version: 't',
    erpFactory: erp.factory,
    storeFactory: () => store,
    clock: now,
  });
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
    newPassword: 'pw',
  });
  await c.service.listCompanies(id);
  const save = (companyId: string, period = '5') =>
    c.service.saveSettings(id, [
      {
        companyId,
        sync: true,
        period,
        orders: false,
        invoices: false,
        branchId: null,
        autoStamp: false,
        claveProdServ: '',
        claveUnidad: '',
        url: `https://e${companyId}.wopen.com.mx`,
        user: 'u',
        newPassword: 'p',
      },
    ]);
  for (let i = 1; i <= 30; i++) erp.source('1').set('articles', i, { code: `A${i}`, name: `Artículo ${i}` });
  erp.source('1').set('taxes', 1, { name: 'IVA 16%', rate: 16 });
  return { c, erp, store, connectionId: id, save };
}

describe('SyncEngine', () => {
  it('runs a company, records the run per catalog and writes start and end events', async () => {
    const t = await setup();
    await t.save('1');
    const s = await t.c.engine.run({ connectionId: t.connectionId, companyId: '1' }, { trigger: 'manual' });
    expect(s.state).toBe('success');
    expect(s.catalogs.find((x) => x.catalog === 'articles')).toMatchObject({ state: 'success', read: 30, pushed: 30 });
    expect(s.catalogs.find((x) => x.catalog === 'customers')).toMatchObject({
      state: 'skipped',
      message: 'Este ERP no tiene este catálogo.',
    });
    const last = t.c.engine.lastRun({ connectionId: t.connectionId, companyId: '1' });
    expect(last).toMatchObject({ state: 'success', trigger: 'manual', runId: s.runId });
    // 18 catalogs; 'invoices' (Facturas CFDI) only runs with Sincronización Facturas on, which this company has off.
    expect(last?.catalogs).toHaveLength(17);
    expect(last?.catalogs.map((x) => x.catalog)).not.toContain('invoices');
    expect(last?.catalogs.filter((x) => x.state === 'success').map((x) => x.catalog)).toEqual(['taxes', 'articles']);
    expect(last?.catalogs.find((x) => x.catalog === 'customers')).toMatchObject({
      state: 'unavailable',
      message: 'Este ERP no tiene este catálogo.',
    });
    const events = t.c.journal.listEvents({ days: 1 }).map((e) => e.message);
    expect(events.some((m) => /Sincronización manual terminada: Exitosa: 31 registros enviados/.test(m))).toBe(true);
    const again = await t.c.engine.run({ connectionId: t.connectionId, companyId: '1' }, { trigger: 'manual' });
    expect(again.message).toBe('Exitosa: sin cambios (31 registros verificados).');
  });

  it('Sincronizar ahora for every ticked company (tray): one answer per company, a busy one says so', async () => {
    const t = await setup();
    await t.save('1');
    let release!: () => void;
    t.erp.readGate = new Promise((r) => (release = r));
    const first = t.c.sync.syncAllNow();
    expect(first).toEqual([{ companyName: expect.any(String), message: 'Sincronización iniciada.' }]);
    expect(t.c.sync.syncAllNow()[0]?.message).toBe('Ya hay una sincronización en curso para esta empresa.');
    release();
    await t.c.engine.drain();
  });

  it('never runs two passes of one company at once', async () => {
    const t = await setup();
    await t.save('1');
    let release!: () => void;
    t.erp.readGate = new Promise((r) => (release = r));
    const scope = { connectionId: t.connectionId, companyId: '1' };
    const first = t.c.engine.run(scope, { trigger: 'manual' });
    expect(() => t.c.engine.run(scope, { trigger: 'automatic' })).toThrow(/en curso/);
    release();
    await first;
    expect(t.c.engine.isRunning(scope)).toBe(false);
  });

  it('refuses to sync a company without store credentials, but can dry-run it', async () => {
    const t = await setup();
    const scope = { connectionId: t.connectionId, companyId: '1' };
    await expect(t.c.engine.run(scope, { trigger: 'manual' })).rejects.toThrow(/Configure y guarde la URL/);
    const dry = await t.c.engine.run(scope, { trigger: 'manual', dryRun: true });
    expect(dry).toMatchObject({ runId: null, dryRun: true, state: 'success' });
    expect(dry.catalogs.find((c) => c.catalog === 'articles')?.pushed).toBe(30);
    expect(t.store.batches).toEqual([]);
  });

  it('a store outage ends the run failed, skips the rest, and the next run heals', async () => {
    const t = await setup();
    await t.save('1');
    t.store.failBatchesFrom = 0;
    const scope = { connectionId: t.connectionId, companyId: '1' };
    const bad = await t.c.engine.run(scope, { trigger: 'automatic' });
    expect(bad.state).toBe('failed');
    expect(bad.catalogs.find((c) => c.catalog === 'articles')).toMatchObject({ state: 'skipped', aborted: true });
    // A catalog the ERP lacks stays "not available", not "not attempted", even after a failure.
    expect(bad.catalogs.find((c) => c.catalog === 'customers')).toMatchObject({
      state: 'skipped',
      message: 'Este ERP no tiene este catálogo.',
    });
    expect(bad.catalogs.find((c) => c.catalog === 'customers')?.aborted).toBeUndefined();
    expect(t.c.journal.listEvents({ days: 1 }).some((e) => e.level === 'error' && /Fallida/.test(e.message))).toBe(
      true,
    );
    t.store.failBatchesFrom = null;
    expect((await t.c.engine.run(scope, { trigger: 'automatic' })).state).toBe('success');
    expect(t.store.active('articles')).toHaveLength(30);
  });

  it('the ERP being down fails the run with a Spanish message', async () => {
    const t = await setup();
    await t.save('1');
    t.erp.down = true;
    const s = await t.c.engine.run({ connectionId: t.connectionId, companyId: '1' }, { trigger: 'automatic' });
    expect(s).toMatchObject({ state: 'failed', message: expect.stringMatching(/No se pudo leer el ERP/) });
  });
});

describe('Scheduler', () => {
  it('picks companies with Sincronizar ticked whose period has elapsed since their last start', async () => {
    let now = new Date('2026-11-26T10:00:00Z');
    const t = await setup(() => now);
    await t.save('1', '5');
    const scheduler = new Scheduler({ db: t.c.db, engine: t.c.engine, events: t.c.events, clock: () => now });
    expect(scheduler.due()).toEqual([{ connectionId: t.connectionId, companyId: '1' }]);
    await t.c.engine.run({ connectionId: t.connectionId, companyId: '1' }, { trigger: 'automatic' });
    now = new Date('2026-11-26T10:04:59Z');
    expect(scheduler.due(now)).toEqual([]);
    now = new Date('2026-11-26T10:05:00Z');
    expect(scheduler.due(now)).toHaveLength(1);
  });

  it('respects an hours window and stops cleanly, closing runs a crash left open', async () => {
    const t = await setup();
    await t.save('1');
    t.c.db
      .prepare(
        "INSERT INTO sync_runs (ConnectionID, CompanyID, Trigger, State, StartedAt, HeartbeatAt) VALUES (?, '2', 'automatic', 'running', '2026-01-01', '2026-01-01')",
      )
      .run(t.connectionId);
    const noon = new Date(2026, 10, 26, 12, 0);
    const scheduler = new Scheduler({
      db: t.c.db,
      engine: t.c.engine,
      events: t.c.events,
      tickMs: 20,
      windowOf: () => ({ from: 13 * 60, to: 14 * 60 }),
      clock: () => noon,
    });
    expect(scheduler.due()).toEqual([]);
    scheduler.start();
    await scheduler.stop();
    expect(t.c.db.prepare("SELECT State FROM sync_runs WHERE CompanyID = '2'").get()).toEqual({ State: 'failed' });
  });
});
