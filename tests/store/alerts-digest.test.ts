import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAlerts } from '../../electron/alerts';
import type { AlertSettingsInput } from '../../shared/alert-settings';
import { alertEvents, alertsFixture } from '../helpers/alerts-fixture';
import { SMTP_PASSWORD, SMTP_USER, startSmtp, stopSmtpServers } from '../helpers/smtp-capture';

afterEach(stopSmtpServers);

/** Local wall-clock times (the digest works in the machine's local day), 3 December 2026. */
const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute);

const settings = (port: number, over: Partial<AlertSettingsInput> = {}): AlertSettingsInput => ({
  desktopNotifications: false,
  emergencyEmail: 'soporte@ferreteria.com.mx',
  smtpHost: '127.0.0.1',
  smtpPort: port,
  smtpSecurity: 'none',
  smtpUser: SMTP_USER,
  newSmtpPassword: SMTP_PASSWORD,
  fromAddress: SMTP_USER,
  digestEnabled: true,
  digestHour: 7,
  ...over,
});

function seed(db: ReturnType<typeof alertsFixture>['db']): void {
  const runAt = (state: string, when: Date, dryRun = 0) => {
    const iso = when.toISOString();
    db.prepare(
      "INSERT INTO sync_runs (ConnectionID, CompanyID, Trigger, DryRun, State, StartedAt, HeartbeatAt, EndedAt, Message) VALUES (1, 'EMP01', 'automatic', ?, ?, ?, ?, ?, 'x')",
    ).run(dryRun, state, iso, iso, iso);
  };
  // Yesterday (2 December): 3 Exitoso, 1 Parcial, 2 Fallido, 1 Requiere revisión.
  for (const h of [1, 5, 23]) runAt('success', at(2, h, 30));
  runAt('partial', at(2, 10));
  runAt('failed', at(2, 0, 0));
  runAt('failed', at(2, 12));
  runAt('review', at(2, 14));
  // Not yesterday's, or not real: the day before, today, a dry run.
  runAt('failed', at(1, 23, 59));
  runAt('failed', at(3, 0, 1));
  runAt('success', at(2, 9), 1);
  // Open now: a failing problem, a pause left on, 295 held article deactivations.
  db.prepare(
    "INSERT INTO alert_problems (ConnectionID, CompanyID, Kind, OpenedAt, LastAlertAt, Occurrences, Message) VALUES (1, 'EMP01', ?, ?, ?, 1, 'x')",
  ).run('failing', at(2, 12).toISOString(), at(2, 12).toISOString());
  db.prepare(
    "INSERT INTO alert_problems (ConnectionID, CompanyID, Kind, OpenedAt, LastAlertAt, Occurrences, Message) VALUES (1, 'EMP01', ?, ?, ?, 1, 'x')",
  ).run('paused', at(1, 8).toISOString(), at(1, 8).toISOString());
  db.prepare(
    "INSERT INTO held_catalogs (ConnectionID, CompanyID, Catalog, RunID, Reason, Held, StoreHolds, ErpCount, HeldAt) VALUES (1, 'EMP01', 'articles', 1, 'threshold', 295, 300, 5, ?)",
  ).run(at(2, 14).toISOString());
}

describe('daily digest e-mail (fake clock, capturing SMTP server)', () => {
  it("yesterday's runs per company with open problems, held deactivations and pauses, once per day", async () => {
    const smtp = await startSmtp({ requireAuth: true });
    let now = at(3, 6, 30);
    const clock = () => now;
    const { alerts, db, events, secrets } = alertsFixture({ clock });
    expect(await alerts.service.saveSettings(settings(smtp.port))).toEqual({ ok: true });
    seed(db);

    // Before the hour: nothing. The scheduler's tick (checkStale) drives the digest.
    await alerts.monitor.checkStale(now);
    await alerts.monitor.idle();
    expect(smtp.messages).toHaveLength(0);

    now = at(3, 7, 5);
    await alerts.monitor.checkStale(now);
    await alerts.monitor.idle();
    expect(smtp.messages).toHaveLength(1);
    const m = smtp.messages[0]!;
    expect(m.to).toEqual(['soporte@ferreteria.com.mx']);
    expect(m.subject).toBe('Wopen Sync: resumen del 2 de diciembre de 2026 (1 con problemas)');
    expect(m.raw).toMatch(/X-Wopen-Sync-Alert: digest/);
    const body = m.body.replace(/\r\n/g, '\n');
    expect(body).toMatch(/^Resumen de la sincronización del miércoles, 2 de diciembre de 2026 \(equipo /);
    expect(body).toContain('Ferretería del Norte (Microsip)');
    expect(body).toContain('Sincronizaciones: 7 — Exitoso: 3, Parcial: 1, Fallido: 2, Requiere revisión: 1');
    expect(body).toContain('Problema abierto: la sincronización está fallando');
    expect(body).toContain('Problema abierto: la sincronización lleva más de un día en pausa');
    expect(body).toContain('Bajas retenidas: 295 de Catálogos de artículos');
    expect(body).toContain('En pausa: no se sincroniza hasta que alguien la reanude o confirme.');
    expect(m.raw).not.toContain(SMTP_PASSWORD);
    expect(alertEvents(db).at(-1)!.Message).toBe(
      'Se envió el resumen diario (2026-12-02) a soporte@ferreteria.com.mx.',
    );

    // Later the same day, and after a restart (a new process on the same database): not again.
    now = at(3, 7, 20);
    await alerts.digest.tick(now);
    const restarted = createAlerts({ db, secrets, events, actor: 'servicio', clock });
    now = at(3, 22);
    expect(await restarted.digest.tick(now)).toBe(false);
    expect(smtp.messages).toHaveLength(1);

    // The next day, at the hour: the next digest, with the new day's counts (one failed run on 3 December).
    now = at(4, 7);
    expect(await restarted.digest.tick(now)).toBe(true);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.messages[1]!.body).toContain(
      'Sincronizaciones: 1 — Exitoso: 0, Parcial: 0, Fallido: 1, Requiere revisión: 0',
    );
  });

  it('off by default; a failed send is an event and is retried later the same day, not lost', async () => {
    // A port nobody listens on.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    let now = at(3, 9);
    const { alerts, db } = alertsFixture({ clock: () => now });
    await alerts.service.saveSettings(settings(closedPort, { digestEnabled: undefined }));
    expect(alerts.service.getSettings()).toMatchObject({ digestEnabled: false, digestHour: 7 });
    expect(await alerts.digest.tick(now)).toBe(false);
    expect(alertEvents(db).some((e) => e.Message.includes('resumen diario'))).toBe(false);

    await alerts.service.saveSettings(settings(closedPort));
    expect(await alerts.digest.tick(now)).toBe(false);
    expect(alertEvents(db).at(-1)).toMatchObject({
      Level: 'warning',
      Message: expect.stringMatching(
        /^No se pudo enviar el resumen diario por correo: El servidor SMTP rechazó la conexión/,
      ),
    });
    // Within the retry pause: no new attempt. After it, with the server up: sent.
    now = at(3, 9, 10);
    expect(await alerts.digest.tick(now)).toBe(false);
    const smtp = await startSmtp({ requireAuth: true });
    // Another port is another SMTP destination: the password is typed again (docs/secrets.md).
    await alerts.service.saveSettings(settings(smtp.port));
    now = at(3, 9, 31);
    expect(await alerts.digest.tick(now)).toBe(true);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Wopen Sync: resumen del 2 de diciembre de 2026']);
    expect(smtp.messages[0]!.body).toContain('Ninguna empresa tiene problemas abiertos.');
  });

  it('the digest needs the e-mail: turning it on without one is refused as a whole', async () => {
    const { alerts } = alertsFixture();
    const r = await alerts.service.saveSettings(settings(25, { emergencyEmail: '', smtpHost: '', fromAddress: '' }));
    expect(r).toMatchObject({ ok: false, message: expect.stringMatching(/El resumen diario se envía por correo/) });
    expect(alerts.service.getSettings()).toMatchObject({ digestEnabled: false, emergencyEmail: '' });
  });
});
