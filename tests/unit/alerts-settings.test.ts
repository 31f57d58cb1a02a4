import { describe, expect, it } from 'vitest';
import { alertSettingsInputSchema, type AlertSettingsInput } from '../../shared/alert-settings';
import { validateAlertSettings } from '../../electron/alerts/alert-settings-repo';
import { describeSmtpError } from '../../electron/alerts/email-notifier';
import { alertsFixture } from '../helpers/alerts-fixture';

const base: AlertSettingsInput = {
  desktopNotifications: true,
  emergencyEmail: 'soporte@ferreteria.com.mx',
  smtpHost: 'smtp.office365.com',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUser: 'alertas@ferreteria.com.mx',
  fromAddress: 'alertas@ferreteria.com.mx',
};

describe('alert settings', () => {
  it('validates addresses and requires a server when an e-mail is set (Spanish messages)', () => {
    expect(validateAlertSettings(base)).toBeNull();
    expect(validateAlertSettings({ ...base, emergencyEmail: 'soporte@' })).toMatch(
      /correo de contacto de emergencia «soporte@» no es una dirección válida/,
    );
    expect(validateAlertSettings({ ...base, smtpHost: '' })).toMatch(/Capture el servidor SMTP/);
    expect(validateAlertSettings({ ...base, smtpHost: 'smtp://x.com:587' })).toMatch(/solo el nombre o la IP/);
    expect(validateAlertSettings({ ...base, fromAddress: 'alertas' })).toMatch(
      /remitente «alertas» no es una dirección/,
    );
    expect(validateAlertSettings({ ...base, fromAddress: '' })).toMatch(/Capture el remitente/);
    // No e-mail: nothing else is required (desktop notifications only).
    expect(validateAlertSettings({ ...base, emergencyEmail: '', smtpHost: '', fromAddress: '' })).toBeNull();
    expect(alertSettingsInputSchema.safeParse({ ...base, smtpPort: 0 }).success).toBe(false);
  });

  it('persists, encrypts the SMTP password and never returns it', async () => {
    const { alerts, db } = alertsFixture();
    expect(alerts.service.getSettings()).toMatchObject({
      emergencyEmail: '',
      hasSmtpPassword: false,
      desktopNotifications: true,
    });
    expect(await alerts.service.saveSettings({ ...base, newSmtpPassword: 'S3cr3to-SMTP' })).toEqual({ ok: true });
    const view = alerts.service.getSettings();
    expect(view).toEqual({
      ...base,
      hasSmtpPassword: true,
      webhookUrl: '',
      hasWebhookSecret: false,
      digestEnabled: false,
      digestHour: 8,
    });
    expect(JSON.stringify(view)).not.toContain('S3cr3to');
    const raw = db.prepare('SELECT Ciphertext FROM secrets').all() as { Ciphertext: Buffer }[];
    expect(raw).toHaveLength(1);
    expect(raw[0]!.Ciphertext.toString('latin1')).not.toContain('S3cr3to');
    expect(await alerts.repo.password()).toBe('S3cr3to-SMTP');
    // undefined keeps the password, null removes it.
    // Another port is another destination: the kept password is refused there until it is typed again.
    expect(await alerts.service.saveSettings({ ...base, smtpPort: 465, smtpSecurity: 'tls' })).toEqual({
      ok: false,
      message: 'Cambió el servidor de correo (SMTP): escriba la contraseña de nuevo.',
    });
    await alerts.service.saveSettings({ ...base, smtpPort: 465, smtpSecurity: 'tls', newSmtpPassword: 'S3cr3to-SMTP' });
    expect(alerts.service.getSettings()).toMatchObject({ smtpPort: 465, smtpSecurity: 'tls', hasSmtpPassword: true });
    await alerts.service.saveSettings({ ...base, newSmtpPassword: null });
    expect(alerts.service.getSettings().hasSmtpPassword).toBe(false);
    expect(db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    // Invalid input is refused and changes nothing.
    expect(await alerts.service.saveSettings({ ...base, emergencyEmail: 'x' })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/no es una dirección válida/),
    });
    expect(alerts.service.getSettings().emergencyEmail).toBe(base.emergencyEmail);
  });

  it('the test button without an e-mail configured says what to do', async () => {
    const { alerts } = alertsFixture();
    const r = await alerts.service.sendTest();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Capture y guarde el correo de contacto de emergencia y el servidor SMTP/);
  });

  it('SMTP errors become Spanish messages with hints', () => {
    expect(
      describeSmtpError({ code: 'EAUTH', responseCode: 535, response: '535 5.7.8 Authentication failed' }),
    ).toMatchObject({
      reason: 'auth',
      message: expect.stringMatching(/rechazó el usuario o la contraseña/),
    });
    expect(describeSmtpError({ code: 'ESOCKET', message: 'connect ECONNREFUSED 127.0.0.1:1' }).reason).toBe('refused');
    expect(describeSmtpError({ code: 'ETIMEDOUT', message: 'Greeting never received' }).reason).toBe('timeout');
    expect(describeSmtpError({ code: 'ESOCKET', message: 'ssl3_get_record:wrong version number' }).reason).toBe('tls');
    expect(describeSmtpError({ code: 'EDNS', message: 'getaddrinfo ENOTFOUND smtp.nope' }).reason).toBe('dns');
    for (const r of ['auth', 'refused', 'timeout', 'tls'] as const) {
      const d = describeSmtpError(
        r === 'auth'
          ? { code: 'EAUTH' }
          : r === 'refused'
            ? { message: 'ECONNREFUSED' }
            : r === 'timeout'
              ? { code: 'ETIMEDOUT' }
              : { code: 'ETLS' },
      );
      expect(d.hints.length).toBeGreaterThan(0);
    }
  });
});

describe('SMTP transport', () => {
  it('refuses user and password over clear-text SMTP to another machine; a local relay may', () => {
    expect(validateAlertSettings({ ...base, smtpSecurity: 'none' })).toMatch(/Sin cifrado .* elija TLS o STARTTLS/);
    expect(validateAlertSettings({ ...base, smtpSecurity: 'none', smtpHost: 'localhost' })).toBeNull();
    expect(validateAlertSettings({ ...base, smtpSecurity: 'none', smtpHost: '127.0.0.1' })).toBeNull();
    expect(validateAlertSettings({ ...base, smtpSecurity: 'none', smtpUser: '' })).toBeNull();
  });

  it('a kept SMTP password is not sent to another host: save refused, and a read for the new host fails', async () => {
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings({ ...base, newSmtpPassword: 'S3cr3to-SMTP' });
    expect(await alerts.service.saveSettings({ ...base, smtpHost: 'smtp.otro.mx' })).toEqual({
      ok: false,
      message: 'Cambió el servidor de correo (SMTP): escriba la contraseña de nuevo.',
    });
    // Edited behind the console's back: the notifier cannot read the password for the new host.
    db.prepare("UPDATE alert_settings SET SmtpHost = 'smtp.otro.mx'").run();
    await expect(alerts.repo.password()).rejects.toThrow('Cambió el servidor de correo (SMTP)');
  });
});
