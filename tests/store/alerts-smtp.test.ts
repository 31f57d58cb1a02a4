import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertSettingsInput } from '../../shared/alert-settings';
import { alertEvents, alertsFixture, run } from '../helpers/alerts-fixture';
import { SMTP_PASSWORD, startSmtp, stopSmtpServers } from '../helpers/smtp-capture';

afterEach(stopSmtpServers);

const PASSWORD = SMTP_PASSWORD;

const settings = (port: number, over: Partial<AlertSettingsInput> = {}): AlertSettingsInput => ({
  desktopNotifications: true,
  emergencyEmail: 'soporte@ferreteria.com.mx',
  smtpHost: '127.0.0.1',
  smtpPort: port,
  smtpSecurity: 'none',
  smtpUser: 'alertas@ferreteria.com.mx',
  newSmtpPassword: PASSWORD,
  fromAddress: 'alertas@ferreteria.com.mx',
  ...over,
});

describe('alerts over a real SMTP server', () => {
  it('the test button sends one Spanish e-mail (with AUTH) and a desktop notification, without secrets', async () => {
    const smtp = await startSmtp({ requireAuth: true });
    const shown: string[] = [];
    const { alerts, db } = alertsFixture({ desktopNotify: (title) => shown.push(title) });
    expect(await alerts.service.saveSettings(settings(smtp.port))).toEqual({ ok: true });
    const r = await alerts.service.sendTest();
    expect(r).toMatchObject({ ok: true, hints: [] });
    expect(r.message).toMatch(/^Se envió el correo de prueba a soporte@ferreteria\.com\.mx\./);
    expect(smtp.messages).toHaveLength(1);
    const m = smtp.messages[0]!;
    expect(m.to).toEqual(['soporte@ferreteria.com.mx']);
    expect(m.from).toBe('alertas@ferreteria.com.mx');
    expect(m.subject).toBe('Wopen Sync Console: correo de prueba de alertas');
    expect(m.body).toMatch(/Este es un correo de prueba enviado desde Wopen Sync Console/);
    expect(m.body).toMatch(/las alertas de sincronización llegarán a esta dirección/);
    expect(m.raw).not.toContain(PASSWORD);
    expect(m.raw).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    expect(shown).toEqual(['Wopen Sync Console: correo de prueba de alertas']);
    expect(alertEvents(db).at(-1)!.Message).toBe(
      'Se envió un correo de prueba de alertas a soporte@ferreteria.com.mx.',
    );
    expect(JSON.stringify(alertEvents(db))).not.toContain(PASSWORD);
  });

  it('a relay without AUTH (plain, no user) also works', async () => {
    const smtp = await startSmtp({ requireAuth: false });
    const { alerts } = alertsFixture();
    await alerts.service.saveSettings(settings(smtp.port, { smtpUser: '', newSmtpPassword: undefined }));
    expect((await alerts.service.sendTest()).ok).toBe(true);
    expect(smtp.messages).toHaveLength(1);
  });

  it('a wrong SMTP password gives a Spanish failure with hints, and never echoes the password', async () => {
    const smtp = await startSmtp({ requireAuth: true });
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings(settings(smtp.port, { newSmtpPassword: 'contraseña-equivocada' }));
    const r = await alerts.service.sendTest();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/^El servidor SMTP rechazó el usuario o la contraseña\./);
    expect(r.hints.join(' ')).toMatch(/contraseña de aplicación/);
    expect(JSON.stringify(r)).not.toContain('contraseña-equivocada');
    expect(smtp.messages).toHaveLength(0);
    expect(alertEvents(db).at(-1)).toMatchObject({
      Level: 'warning',
      Message: expect.stringMatching(/^Falló el correo de prueba de alertas: El servidor SMTP rechazó/),
    });
  });

  it('connection refused and timeout are told apart', async () => {
    const { alerts } = alertsFixture();
    // A port nobody listens on: bind one, then close it.
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const closedPort = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    await alerts.service.saveSettings(settings(closedPort));
    const refused = await alerts.service.sendTest();
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/rechazó la conexión/) });

    // A server that accepts TCP but never greets (wrong port/security): timeout.
    const mute = net.createServer(() => undefined);
    await new Promise<void>((r) => mute.listen(0, '127.0.0.1', () => r()));
    try {
      await alerts.service.saveSettings(settings((mute.address() as AddressInfo).port));
      const slow = await alerts.service.sendTest();
      expect(slow).toMatchObject({ ok: false, message: 'El servidor SMTP no respondió a tiempo.' });
      expect(slow.hints.join(' ')).toMatch(/465 elija seguridad TLS/);
    } finally {
      await new Promise<void>((r) => mute.close(() => r()));
    }
  }, 15_000);

  it('three failing runs → one e-mail; recovery → "se recuperó"; failing again → a new e-mail', async () => {
    const smtp = await startSmtp({ requireAuth: true });
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings(settings(smtp.port, { desktopNotifications: false }));
    for (let i = 0; i < 3; i++) await alerts.monitor.onRunFinished(run('failed'));
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      'Wopen Sync: falló la sincronización de Ferretería del Norte',
    ]);
    const first = smtp.messages[0]!;
    expect(first.body).toMatch(/La sincronización automática de Ferretería del Norte falló\./);
    expect(first.body).toMatch(/Mensaje: Fallida: la tienda respondió 503\./);
    expect(first.raw).toMatch(/X-Wopen-Sync-Alert: failing/);
    expect(first.raw).not.toContain(PASSWORD);

    await alerts.monitor.onRunFinished(run('success'));
    await alerts.monitor.onRunFinished(run('failed'));
    await alerts.monitor.onRunFinished(run('failed'));
    expect(smtp.messages.map((m) => m.subject)).toEqual([
      'Wopen Sync: falló la sincronización de Ferretería del Norte',
      'Wopen Sync: Ferretería del Norte se recuperó',
      'Wopen Sync: falló la sincronización de Ferretería del Norte',
    ]);
    expect(alertEvents(db).filter((e) => e.Message.startsWith('Alerta (por correo electrónico)'))).toHaveLength(3);
  });

  it('a failed delivery does not break the run pipeline and is recorded', async () => {
    const smtp = await startSmtp({ requireAuth: true });
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings(settings(smtp.port, { newSmtpPassword: 'mala' }));
    await expect(alerts.monitor.onRunFinished(run('failed'))).resolves.toBeUndefined();
    expect(alertEvents(db).at(-1)).toMatchObject({
      Level: 'warning',
      Message: expect.stringMatching(/^No se pudo enviar la alerta por correo electrónico: El servidor SMTP rechazó/),
    });
  });
});
