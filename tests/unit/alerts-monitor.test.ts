import { describe, expect, it } from 'vitest';
import { alertEvents, alertsFixture, insertRun, run, SCOPE } from '../helpers/alerts-fixture';
import { consoleWithOneCompany } from '../helpers/fake-console';

/** A settable clock. */
function clockAt(iso: string) {
  let now = new Date(iso);
  return {
    clock: () => now,
    set: (s: string) => (now = new Date(s)),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

function withDesktop(iso = '2026-03-02T15:00:00.000Z', period?: number) {
  const shown: { title: string; body: string }[] = [];
  const c = clockAt(iso);
  const f = alertsFixture({ clock: c.clock, desktopNotify: (title, body) => shown.push({ title, body }), period });
  return { ...f, shown, c };
}

describe('AlertMonitor: once per problem, not per run', () => {
  it('three failing runs give one desktop alert and one event', async () => {
    const { alerts, shown, db, c } = withDesktop();
    for (let i = 0; i < 3; i++) {
      await alerts.monitor.onRunFinished(run('failed'));
      c.advance(15 * 60_000);
    }
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('Wopen Sync: falló la sincronización de Ferretería del Norte');
    expect(shown[0]!.body).toMatch(/La sincronización automática de Ferretería del Norte falló\./);
    const ev = alertEvents(db);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ Level: 'error' });
    expect(ev[0]!.Message).toMatch(/^Alerta \(por notificación de escritorio\): Wopen Sync: falló/);
    expect(alerts.monitor.health(SCOPE)).toBe('failing');
  });

  it('a partial run (some records failed) is a problem too', async () => {
    const { alerts, shown } = withDesktop();
    await alerts.monitor.onRunFinished(run('partial', 'Parcial: 8 enviados, 2 con error.'));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toMatch(/terminó con errores \(Parcial\)/);
  });

  it('recovery sends a short "se recuperó" notice; failing again is a new alert', async () => {
    const { alerts, shown, db } = withDesktop();
    await alerts.monitor.onRunFinished(run('failed'));
    await alerts.monitor.onRunFinished(run('failed'));
    await alerts.monitor.onRunFinished(run('success'));
    await alerts.monitor.onRunFinished(run('success'));
    await alerts.monitor.onRunFinished(run('failed'));
    expect(shown.map((s) => s.title)).toEqual([
      'Wopen Sync: falló la sincronización de Ferretería del Norte',
      'Wopen Sync: Ferretería del Norte se recuperó',
      'Wopen Sync: falló la sincronización de Ferretería del Norte',
    ]);
    expect(alertEvents(db).map((e) => e.Level)).toEqual(['error', 'info', 'error']);
  });

  it('"sigue fallando" at most once a day while the problem stays open', async () => {
    const { alerts, shown, c } = withDesktop();
    await alerts.monitor.onRunFinished(run('failed'));
    c.advance(23 * 3600_000);
    await alerts.monitor.onRunFinished(run('failed'));
    expect(shown).toHaveLength(1);
    c.advance(2 * 3600_000);
    await alerts.monitor.onRunFinished(run('failed'));
    c.advance(3600_000);
    await alerts.monitor.onRunFinished(run('failed'));
    expect(shown.map((s) => s.title)).toEqual([
      'Wopen Sync: falló la sincronización de Ferretería del Norte',
      'Wopen Sync: la sincronización de Ferretería del Norte sigue fallando',
    ]);
  });

  it('the open problem survives a restart (kept in SQLite)', async () => {
    const { alerts, shown, db, c, secrets } = withDesktop();
    await alerts.monitor.onRunFinished(run('failed'));
    const { createAlerts } = await import('../../electron/alerts');
    const { EventLog } = await import('../../electron/events/event-log');
    const events = new EventLog(db, c.clock);
    const again = createAlerts({
      db,
      events,
      secrets,
      actor: 'x',
      clock: c.clock,
      desktopNotify: (title, body) => shown.push({ title, body }),
    });
    await again.monitor.onRunFinished(run('failed'));
    expect(shown).toHaveLength(1);
  });

  it('dry runs never alert; desktop notifications can be turned off', async () => {
    const { alerts, shown, db } = withDesktop();
    await alerts.monitor.onRunFinished({ ...run('failed'), dryRun: true });
    expect(shown).toHaveLength(0);
    await alerts.service.saveSettings({
      desktopNotifications: false,
      emergencyEmail: '',
      smtpHost: '',
      smtpPort: 587,
      smtpSecurity: 'starttls',
      smtpUser: '',
      fromAddress: '',
    });
    await alerts.monitor.onRunFinished(run('failed'));
    expect(shown).toHaveLength(0);
    // Still recorded, so the Visor de eventos shows it.
    expect(alertEvents(db).at(-1)!.Message).toMatch(
      /sin enviar: no hay notificaciones, correo ni webhook configurados/,
    );
  });
});

describe('AlertMonitor: stale companies (no successful sync for two periods)', () => {
  it('alerts once when the last success is older than two periods, and clears on the next success', async () => {
    const { alerts, shown, db, c } = withDesktop('2026-03-02T15:00:00.000Z', 15);
    insertRun(db, 'success', '2026-03-02T14:40:00.000Z');
    await alerts.monitor.checkStale();
    expect(shown).toHaveLength(0); // 20 min < 30 min
    c.set('2026-03-02T15:11:00.000Z');
    await alerts.monitor.checkStale();
    await alerts.monitor.checkStale();
    c.advance(60_000);
    await alerts.monitor.checkStale();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe('Wopen Sync: Ferretería del Norte lleva tiempo sin sincronizar');
    expect(shown[0]!.body).toMatch(/no se ha sincronizado con éxito desde .* \(más de dos periodos de 15 min\.\)/);
    expect(alerts.monitor.health(SCOPE)).toBe('stale');
    insertRun(db, 'success', c.clock().toISOString());
    await alerts.monitor.onRunFinished(run('success'));
    expect(shown.at(-1)!.title).toBe('Wopen Sync: Ferretería del Norte se recuperó');
    expect(alerts.monitor.health(SCOPE)).toBe('ok');
  });

  it('a company that never synced counts from when Sincronizar was saved; Sincronizar off is never stale', async () => {
    const { alerts, shown, db } = withDesktop('2026-01-01T00:20:00.000Z', 15);
    await alerts.monitor.checkStale();
    expect(shown).toHaveLength(0);
    await alerts.monitor.checkStale(new Date('2026-01-01T00:31:00.000Z'));
    expect(shown).toHaveLength(1);
    expect(shown[0]!.body).toMatch(/tiene Sincronizar activado desde/);
    db.prepare('UPDATE orgWOpen SET Sincronizar = 0').run();
    await alerts.monitor.checkStale(new Date('2026-01-03T00:00:00.000Z'));
    expect(shown).toHaveLength(1);
  });

  it('a failing company is not alerted again as stale (same problem)', async () => {
    const { alerts, shown } = withDesktop('2026-03-02T15:00:00.000Z', 15);
    await alerts.monitor.onRunFinished(run('failed'));
    await alerts.monitor.checkStale(new Date('2026-03-02T18:00:00.000Z'));
    expect(shown).toHaveLength(1);
  });

  it('outside its hours window a company is not called stale', async () => {
    const { alerts, shown, db } = withDesktop('2026-03-02T15:00:00.000Z', 15);
    insertRun(db, 'success', '2026-03-01T10:00:00.000Z');
    const local = new Date('2026-03-02T15:00:00.000Z');
    const hh = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    // A window that closed an hour ago (local time of the machine).
    const from = new Date(local.getTime() - 5 * 3600_000);
    const to = new Date(local.getTime() - 3600_000);
    db.prepare('UPDATE orgWOpen SET HorarioSincronizacion = ?').run(`${hh(from)}-${hh(to)}`);
    await alerts.monitor.checkStale(local);
    expect(shown).toHaveLength(0);
    db.prepare('UPDATE orgWOpen SET HorarioSincronizacion = NULL').run();
    await alerts.monitor.checkStale(local);
    expect(shown).toHaveLength(1);
  });
});

describe('AlertMonitor: conditions a person must act on', () => {
  it('a run that requires review alerts once, not as a failure; a successful run ends it with a notice', async () => {
    const { alerts, shown, c } = withDesktop();
    const held = 'Requiere revisión: 1 registros enviados…; 295 bajas retenidas hasta que alguien las revise.';
    await alerts.monitor.onRunFinished(run('review', held));
    c.advance(15 * 60_000);
    await alerts.monitor.onRunFinished(run('review', held));
    await alerts.monitor.idle();
    expect(shown.map((s) => s.title)).toEqual(['Wopen Sync: Ferretería del Norte requiere revisión']);
    expect(shown[0]!.body).toMatch(/retuvo bajas: no las envió a la tienda/);
    await alerts.monitor.onRunFinished(run('success'));
    expect(shown.map((s) => s.title).at(-1)).toBe('Wopen Sync: Ferretería del Norte se recuperó');
  });

  it('raise alerts once per condition with a daily reminder; resolve closes it silently', async () => {
    const { alerts, shown, c } = withDesktop();
    const paused = { subject: 'Wopen Sync: Ferretería del Norte sigue en pausa', text: 'En pausa desde ayer.' };
    await alerts.monitor.raise(SCOPE, 'paused', paused);
    await alerts.monitor.raise(SCOPE, 'paused', paused);
    expect(shown).toHaveLength(1);
    c.advance(86_400_000);
    await alerts.monitor.raise(SCOPE, 'paused', paused);
    expect(shown).toHaveLength(2);
    // A pause is not ended by a successful run, only by resolve (resumed).
    await alerts.monitor.onRunFinished(run('success'));
    expect(shown).toHaveLength(2);
    alerts.monitor.resolve(SCOPE, 'paused');
    await alerts.monitor.raise(SCOPE, 'paused', paused);
    expect(shown).toHaveLength(3);
  });
});

describe('AlertMonitor: a company stopped on purpose is not stale', () => {
  it('a paused company gets no «sin sincronizar» alert however long the pause; after resume it counts again', async () => {
    let now = new Date('2026-03-02T15:00:00.000Z');
    const { c, scope } = await consoleWithOneCompany({ clock: () => now });
    const monitor = c.alerts.monitor;
    c.pauses.pause({ connectionId: scope.connectionId, companyId: scope.companyId }, null, 'contadora');
    const stale = () =>
      c.db.prepare("SELECT COUNT(*) AS n FROM alert_problems WHERE Kind = 'stale'").get() as { n: number };
    now = new Date('2026-03-02T17:00:00.000Z'); // two hours: far more than two 5-min periods
    await monitor.checkStale(now);
    expect(stale().n).toBe(0);
    c.pauses.resume({ connectionId: scope.connectionId, companyId: scope.companyId }, 'contadora');
    await monitor.checkStale(now);
    expect(stale().n).toBe(1);
  });
});
