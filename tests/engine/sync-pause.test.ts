import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/hosting/compose';
import { Scheduler } from '../../electron/engine/scheduler';
import { PausedError } from '../../electron/engine/sync-engine';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { tempDir } from '../helpers/temp-dir';

async function setup(clock: () => Date, file = path.join(tempDir(), 'w.sqlite')) {
  const erp = new FakeErp();
  const store = new RecordingStore();
  const c = openConsole({
    databasePath: file,
    version: 't',
    actor: 'ana',
    erpFactory: erp.factory,
    storeFactory: () => store,
    clock,
  });
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
    newPassword: 'pw',
  });
  await c.service.listCompanies(id);
  const companies = erp.companies.map((x) => x.id);
  await c.service.saveSettings(
    id,
    companies.map((companyId) => ({
      companyId,
      sync: true,
      period: '5',
      orders: false,
      invoices: false,
      branchId: null,
      autoStamp: false,
      claveProdServ: '',
      claveUnidad: '',
      url: `https://e${companyId}.wopen.com.mx`,
      user: 'u',
      newPassword: 'p',
    })),
  );
  for (const co of companies) erp.source(co).set('taxes', 1, { name: 'IVA 16%', rate: 16 });
  const one = { connectionId: id, companyId: companies[0] ?? '1' };
  const two = { connectionId: id, companyId: companies[1] ?? '2' };
  return { c, erp, store, one, two, file };
}

describe('Pausar sincronización', () => {
  it('a company pause keeps the scheduler and manual runs away until its end, then expires by itself', async () => {
    let now = new Date('2026-12-24T10:00:00Z');
    const t = await setup(() => now);
    const scheduler = new Scheduler({ db: t.c.db, engine: t.c.engine, events: t.c.events, clock: () => now });
    expect(scheduler.due()).toEqual([t.one, t.two]);

    const r = t.c.pauses.pause(t.one, '2026-12-24T12:00:00Z', 'ana');
    expect(r.message).toMatch(/pausada hasta el 24\/12\/2026/);
    expect(scheduler.due()).toEqual([t.two]);
    expect(() => t.c.engine.run(t.one, { trigger: 'manual' })).toThrow(PausedError);
    expect(() => t.c.engine.run(t.one, { trigger: 'manual', dryRun: true })).toThrow(
      /está en pausa hasta el 24\/12\/2026 .* \(la pausó ana\)/,
    );
    expect(() => t.c.sync.syncNow(t.one)).toThrow(/en pausa/);
    expect(t.c.engine.history.last(t.one)).toBeUndefined();

    now = new Date('2026-12-24T12:00:00Z');
    expect(t.c.pauses.of(t.one)).toBeNull();
    expect(scheduler.due()).toEqual([t.one, t.two]);
    t.c.pauses.tick(now);
    expect(t.c.db.prepare('SELECT COUNT(*) AS n FROM sync_pauses').get()).toEqual({ n: 0 });
    const messages = t.c.journal.listEvents({ days: 1 }).map((e) => e.message);
    expect(messages.some((m) => /Sincronización de «.+» pausada hasta el 24\/12\/2026 .* por ana\./.test(m))).toBe(
      true,
    );
    expect(messages.some((m) => /Terminó la pausa de «.+»/.test(m))).toBe(true);
    const s = await t.c.engine.run(t.one, { trigger: 'manual' });
    expect(s.state).toBe('success');
  });

  it('a pause of every company holds all, until resumed; resuming one company alone says it is still paused', async () => {
    const now = new Date('2026-12-24T10:00:00Z');
    const t = await setup(() => now);
    const scheduler = new Scheduler({ db: t.c.db, engine: t.c.engine, events: t.c.events, clock: () => now });
    t.c.pauses.pause('all', null, 'ana');
    t.c.pauses.pause(t.one, '2026-12-24T11:00:00Z', 'beto');
    expect(scheduler.due()).toEqual([]);
    // The all-companies pause never ends, so it is the one that holds company one.
    expect(t.c.pauses.of(t.one)).toMatchObject({ connectionId: null, until: null, pausedBy: 'ana' });
    expect(() => t.c.engine.run(t.two, { trigger: 'manual' })).toThrow(
      /^La sincronización de todas las empresas \(incluida «.+»\) está en pausa hasta que se reanude \(la pausó ana\)\. Reanúdela para sincronizar ahora\.$/,
    );
    const r = t.c.pauses.resume(t.one, 'ana');
    expect(r.message).toMatch(/sigue en pausa: la sincronización de todas las empresas está pausada/);
    expect(scheduler.due()).toEqual([]);
    const all = t.c.pauses.resume('all', 'ana');
    expect(all.message).toBe('Sincronización reanudada para todas las empresas.');
    expect(all.resumed).toHaveLength(1);
    expect(scheduler.due()).toEqual([t.one, t.two]);
    expect(t.c.pauses.resume('all', 'ana').message).toBe('No había ninguna pausa.');
  });

  it('refuses a pause that already ended, one longer than a year and one of an unknown company', async () => {
    const now = new Date('2026-12-24T10:00:00Z');
    const t = await setup(() => now);
    expect(() => t.c.pauses.pause(t.one, '2026-12-24T09:00:00Z', 'ana')).toThrow(/ya pasó/);
    expect(() => t.c.pauses.pause(t.one, '2028-12-24T09:00:00Z', 'ana')).toThrow(/a lo más un año/);
    expect(() => t.c.pauses.pause({ connectionId: t.one.connectionId, companyId: 'NOPE' }, null, 'ana')).toThrow(
      /no tiene la empresa «NOPE»/,
    );
    expect(t.c.pauses.list()).toEqual([]);
  });

  it('alerts a pause left on for more than a day, once, and resolves it on resume', async () => {
    let now = new Date('2026-12-24T10:00:00Z');
    const t = await setup(() => now);
    const open = () =>
      t.c.db
        .prepare("SELECT CompanyID, Occurrences FROM alert_problems WHERE Kind = 'paused' ORDER BY CompanyID")
        .all();
    t.c.pauses.pause(t.one, null, 'ana');
    t.c.pauses.tick(now);
    expect(open()).toEqual([]);
    now = new Date('2026-12-25T10:00:01Z');
    t.c.pauses.tick(now);
    t.c.pauses.tick(now);
    expect(open()).toEqual([{ CompanyID: t.one.companyId, Occurrences: 2 }]);
    t.c.pauses.resume(t.one, 'ana');
    expect(open()).toEqual([]);
  });

  it('a pause saved through another connection to the same database stops this engine at its next run', async () => {
    const now = () => new Date();
    const t = await setup(now);
    const other = openConsole({ databasePath: t.file, version: 't', clock: now });
    try {
      other.pauses.pause(t.one, null, 'servicio');
      expect(() => t.c.engine.run(t.one, { trigger: 'automatic' })).toThrow(/en pausa hasta que se reanude/);
      other.pauses.resume(t.one, 'servicio');
      expect((await t.c.engine.run(t.one, { trigger: 'automatic' })).state).toBe('success');
    } finally {
      other.close();
    }
  });
});
