import type { SettingsDb } from '../settings/database';
import type { SecretStore } from '../secrets/secret-store';
import type { AlertSettingsInput, AlertSettingsView } from '../../shared/alert-settings';

export interface StoredAlertSettings extends AlertSettingsView {
  passwordSecretId: number | null;
}

interface Raw {
  DesktopNotifications: number;
  EmergencyEmail: string;
  SmtpHost: string;
  SmtpPort: number;
  SmtpSecurity: AlertSettingsView['smtpSecurity'];
  SmtpUser: string;
  SmtpPasswordSecretID: number | null;
  FromAddress: string;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettingsView = {
  desktopNotifications: true,
  emergencyEmail: '',
  smtpHost: '',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUser: '',
  fromAddress: '',
  hasSmtpPassword: false,
};

// Deliberately simple: one @, no spaces, a dot in the domain. The SMTP server is the final judge.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
export const isEmailAddress = (s: string): boolean => s.length <= 254 && EMAIL.test(s);

/** Spanish validation beyond the zod shape; null when the settings can be saved. */
export function validateAlertSettings(s: AlertSettingsInput): string | null {
  const errors: string[] = [];
  if (s.emergencyEmail && !isEmailAddress(s.emergencyEmail)) {
    errors.push(
      `El correo de contacto de emergencia «${s.emergencyEmail}» no es una dirección válida (ejemplo: soporte@empresa.com.mx).`,
    );
  }
  if (s.fromAddress && !isEmailAddress(s.fromAddress)) {
    errors.push(`El remitente «${s.fromAddress}» no es una dirección de correo válida.`);
  }
  if (s.emergencyEmail) {
    if (!s.smtpHost) errors.push('Capture el servidor SMTP: sin él no se puede enviar el correo de alertas.');
    else if (/\s|\/|:/.test(s.smtpHost))
      errors.push('El servidor SMTP debe ser solo el nombre o la IP (sin «smtp://», puerto ni diagonales).');
    if (!s.fromAddress) errors.push('Capture el remitente (la dirección «De:» de los correos de alerta).');
  }
  if (!s.smtpUser && typeof s.newSmtpPassword === 'string' && s.newSmtpPassword !== '') {
    errors.push('Capture el usuario SMTP de esa contraseña.');
  }
  return errors.length ? errors.join(' ') : null;
}

/** The single row of alert settings; the SMTP password is kept in `secrets`, never returned. */
export class AlertSettingsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly secrets: SecretStore,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  get(): StoredAlertSettings {
    const r = this.db
      .prepare(
        `SELECT DesktopNotifications, EmergencyEmail, SmtpHost, SmtpPort, SmtpSecurity, SmtpUser, SmtpPasswordSecretID, FromAddress
         FROM alert_settings WHERE AlertSettingsID = 1`,
      )
      .get() as Raw | undefined;
    if (!r) return { ...DEFAULT_ALERT_SETTINGS, passwordSecretId: null };
    return {
      desktopNotifications: r.DesktopNotifications === 1,
      emergencyEmail: r.EmergencyEmail,
      smtpHost: r.SmtpHost,
      smtpPort: r.SmtpPort,
      smtpSecurity: r.SmtpSecurity,
      smtpUser: r.SmtpUser,
      fromAddress: r.FromAddress,
      hasSmtpPassword: r.SmtpPasswordSecretID !== null,
      passwordSecretId: r.SmtpPasswordSecretID,
    };
  }

  view(): AlertSettingsView {
    const { passwordSecretId: _omit, ...view } = this.get();
    return view;
  }

  /** Validated input only. `newSmtpPassword`: undefined keeps, null or '' removes, a string replaces. */
  async save(s: AlertSettingsInput, actor: string): Promise<void> {
    const sealed =
      typeof s.newSmtpPassword === 'string' && s.newSmtpPassword !== ''
        ? await this.secrets.seal(s.newSmtpPassword)
        : null;
    const remove = s.newSmtpPassword === null || s.newSmtpPassword === '';
    this.db
      .transaction(() => {
        const at = this.now();
        const current = this.get();
        let secretId = current.passwordSecretId;
        if (sealed) secretId = this.secrets.write(sealed, secretId, at);
        this.db
          .prepare(
            `INSERT INTO alert_settings (AlertSettingsID, DesktopNotifications, EmergencyEmail, SmtpHost, SmtpPort, SmtpSecurity, SmtpUser,
               SmtpPasswordSecretID, FromAddress, UpdatedOn, UpdatedBy)
             VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (AlertSettingsID) DO UPDATE SET DesktopNotifications = excluded.DesktopNotifications,
               EmergencyEmail = excluded.EmergencyEmail, SmtpHost = excluded.SmtpHost, SmtpPort = excluded.SmtpPort,
               SmtpSecurity = excluded.SmtpSecurity, SmtpUser = excluded.SmtpUser, SmtpPasswordSecretID = excluded.SmtpPasswordSecretID,
               FromAddress = excluded.FromAddress, UpdatedOn = excluded.UpdatedOn, UpdatedBy = excluded.UpdatedBy`,
          )
          .run(
            s.desktopNotifications ? 1 : 0,
            s.emergencyEmail,
            s.smtpHost,
            s.smtpPort,
            s.smtpSecurity,
            s.smtpUser,
            remove ? null : secretId,
            s.fromAddress,
            at,
            actor,
          );
        if (remove && secretId !== null) this.secrets.remove(secretId);
      })
      .immediate();
  }

  async password(): Promise<string | null> {
    const id = this.get().passwordSecretId;
    return id === null ? null : this.secrets.read(id);
  }
}
