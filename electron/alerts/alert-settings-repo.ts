import { DESTINATION_CHANGED, smtpDestination, webhookDestination } from '../../shared/secret-destination';
import type { SettingsDb } from '../settings/database';
import type { SecretStore } from '../secrets/secret-store';
import type { AlertSettingsInput, AlertSettingsView } from '../../shared/alert-settings';
import { webhookUrlProblem } from './webhook-url';

export interface StoredAlertSettings extends AlertSettingsView {
  passwordSecretId: number | null;
  webhookSecretId: number | null;
  /** Local date (YYYY-MM-DD) of the last daily digest sent, null before the first. */
  digestLastSentOn: string | null;
}

/** The input with every optional field filled from what is saved (undefined keeps). */
export type CompleteAlertSettingsInput = AlertSettingsInput &
  Required<Pick<AlertSettingsInput, 'webhookUrl' | 'digestEnabled' | 'digestHour'>>;

interface Raw {
  DesktopNotifications: number;
  EmergencyEmail: string;
  SmtpHost: string;
  SmtpPort: number;
  SmtpSecurity: AlertSettingsView['smtpSecurity'];
  SmtpUser: string;
  SmtpPasswordSecretID: number | null;
  FromAddress: string;
  WebhookUrl: string;
  WebhookSecretID: number | null;
  DigestEnabled: number;
  DigestHour: number;
  DigestLastSentOn: string | null;
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
  webhookUrl: '',
  hasWebhookSecret: false,
  digestEnabled: false,
  digestHour: 8,
};

// Deliberately simple: one @, no spaces, a dot in the domain. The SMTP server is the final judge.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
export const isEmailAddress = (s: string): boolean => s.length <= 254 && EMAIL.test(s);

const isLoopbackHost = (h: string): boolean => /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i.test(h.trim());

/** Spanish validation beyond the zod shape; null when the settings can be saved. */
export function validateAlertSettings(s: AlertSettingsInput): string | null {
  const errors: string[] = [];
  const url = s.webhookUrl ?? '';
  const urlProblem = url ? webhookUrlProblem(url) : null;
  if (urlProblem) errors.push(urlProblem);
  if (!url && typeof s.newWebhookSecret === 'string' && s.newWebhookSecret !== '')
    errors.push('Capture la dirección del webhook de ese secreto de firma.');
  if (typeof s.newWebhookSecret === 'string' && s.newWebhookSecret !== '' && s.newWebhookSecret.length < 16)
    errors.push('El secreto de firma del webhook debe tener al menos 16 caracteres.');
  if (s.digestEnabled && !s.emergencyEmail)
    errors.push(
      'El resumen diario se envía por correo: capture el correo de contacto de emergencia y el servidor SMTP.',
    );
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
  // Clear-text SMTP would carry the user and password readable on the network: only to this machine's relay.
  if (s.smtpSecurity === 'none' && s.smtpUser && s.smtpHost && !isLoopbackHost(s.smtpHost)) {
    errors.push(
      'Sin cifrado («Ninguna») el usuario y la contraseña SMTP viajarían legibles por la red: elija TLS o STARTTLS, o use un relevo en este equipo (localhost).',
    );
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
        `SELECT DesktopNotifications, EmergencyEmail, SmtpHost, SmtpPort, SmtpSecurity, SmtpUser, SmtpPasswordSecretID, FromAddress,
           WebhookUrl, WebhookSecretID, DigestEnabled, DigestHour, DigestLastSentOn
         FROM alert_settings WHERE AlertSettingsID = 1`,
      )
      .get() as Raw | undefined;
    if (!r) return { ...DEFAULT_ALERT_SETTINGS, passwordSecretId: null, webhookSecretId: null, digestLastSentOn: null };
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
      webhookUrl: r.WebhookUrl,
      hasWebhookSecret: r.WebhookSecretID !== null,
      webhookSecretId: r.WebhookSecretID,
      digestEnabled: r.DigestEnabled === 1,
      digestHour: r.DigestHour,
      digestLastSentOn: r.DigestLastSentOn,
    };
  }

  view(): AlertSettingsView {
    const { passwordSecretId: _p, webhookSecretId: _w, digestLastSentOn: _d, ...view } = this.get();
    return view;
  }

  /** Fills what the input leaves out (undefined keeps) from what is saved. */
  complete(s: AlertSettingsInput): CompleteAlertSettingsInput {
    const current = this.get();
    return {
      ...s,
      webhookUrl: s.webhookUrl ?? current.webhookUrl,
      digestEnabled: s.digestEnabled ?? current.digestEnabled,
      digestHour: s.digestHour ?? current.digestHour,
    };
  }

  /**
   * Validated input only, in one transaction. `newSmtpPassword` and `newWebhookSecret`: undefined keeps,
   * null or '' removes, a string replaces. Clearing the webhook address removes its secret too.
   */
  async save(input: AlertSettingsInput, actor: string): Promise<void> {
    const s = this.complete(input);
    const sealed =
      typeof s.newSmtpPassword === 'string' && s.newSmtpPassword !== ''
        ? await this.secrets.seal(s.newSmtpPassword)
        : null;
    const remove = s.newSmtpPassword === null || s.newSmtpPassword === '';
    const sealedHook =
      typeof s.newWebhookSecret === 'string' && s.newWebhookSecret !== '' && s.webhookUrl
        ? await this.secrets.seal(s.newWebhookSecret)
        : null;
    const removeHook = s.newWebhookSecret === null || s.newWebhookSecret === '' || !s.webhookUrl;
    this.db
      .transaction(() => {
        const at = this.now();
        const current = this.get();
        let secretId = current.passwordSecretId;
        if (sealed) secretId = this.secrets.write(sealed, secretId, at, smtpDestination(s.smtpHost, s.smtpPort));
        let hookId = current.webhookSecretId;
        if (sealedHook) hookId = this.secrets.write(sealedHook, hookId, at, webhookDestination(s.webhookUrl));
        this.db
          .prepare(
            `INSERT INTO alert_settings (AlertSettingsID, DesktopNotifications, EmergencyEmail, SmtpHost, SmtpPort, SmtpSecurity, SmtpUser,
               SmtpPasswordSecretID, FromAddress, WebhookUrl, WebhookSecretID, DigestEnabled, DigestHour, UpdatedOn, UpdatedBy)
             VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (AlertSettingsID) DO UPDATE SET DesktopNotifications = excluded.DesktopNotifications,
               EmergencyEmail = excluded.EmergencyEmail, SmtpHost = excluded.SmtpHost, SmtpPort = excluded.SmtpPort,
               SmtpSecurity = excluded.SmtpSecurity, SmtpUser = excluded.SmtpUser, SmtpPasswordSecretID = excluded.SmtpPasswordSecretID,
               FromAddress = excluded.FromAddress, WebhookUrl = excluded.WebhookUrl, WebhookSecretID = excluded.WebhookSecretID,
               DigestEnabled = excluded.DigestEnabled, DigestHour = excluded.DigestHour, UpdatedOn = excluded.UpdatedOn, UpdatedBy = excluded.UpdatedBy`,
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
            s.webhookUrl,
            sealedHook ? hookId : removeHook ? null : hookId,
            s.digestEnabled ? 1 : 0,
            s.digestHour,
            at,
            actor,
          );
        if (remove && secretId !== null) this.secrets.remove(secretId);
        if (!sealedHook && removeHook && hookId !== null) this.secrets.remove(hookId);
      })
      .immediate();
  }

  /**
   * A kept SMTP password or webhook secret goes only where it was saved for: another SMTP host or port, or another
   * webhook origin, needs it typed again. Null when the input may be saved.
   */
  destinationProblem(input: AlertSettingsInput): string | null {
    const s = this.complete(input);
    const current = this.get();
    if (s.newSmtpPassword === undefined && current.passwordSecretId !== null && s.smtpUser) {
      const bound =
        this.secrets.destinationOf(current.passwordSecretId) ?? smtpDestination(current.smtpHost, current.smtpPort);
      if (bound !== smtpDestination(s.smtpHost, s.smtpPort)) return DESTINATION_CHANGED.smtp;
    }
    if (s.newWebhookSecret === undefined && current.webhookSecretId !== null && s.webhookUrl) {
      const bound = this.secrets.destinationOf(current.webhookSecretId) ?? webhookDestination(current.webhookUrl);
      if (bound !== webhookDestination(s.webhookUrl)) return DESTINATION_CHANGED.webhook;
    }
    return null;
  }

  async password(): Promise<string | null> {
    const s = this.get();
    return s.passwordSecretId === null
      ? null
      : this.secrets.read(s.passwordSecretId, {
          destination: smtpDestination(s.smtpHost, s.smtpPort),
          changed: DESTINATION_CHANGED.smtp,
        });
  }

  async webhookSecret(): Promise<string | null> {
    const s = this.get();
    const destination = webhookDestination(s.webhookUrl);
    return s.webhookSecretId === null || destination === null
      ? null
      : this.secrets.read(s.webhookSecretId, { destination, changed: DESTINATION_CHANGED.webhook });
  }

  /**
   * Claims the digest of `day` (local YYYY-MM-DD): true for the one caller that moved the date, so two ticks
   * or two processes never send the same day twice. `previous` is what to restore if the send fails.
   */
  claimDigest(day: string): { claimed: boolean; previous: string | null } {
    return this.db
      .transaction(() => {
        const previous = this.get().digestLastSentOn;
        const r = this.db
          .prepare(
            'UPDATE alert_settings SET DigestLastSentOn = ? WHERE AlertSettingsID = 1 AND (DigestLastSentOn IS NULL OR DigestLastSentOn < ?)',
          )
          .run(day, day);
        return { claimed: r.changes === 1, previous };
      })
      .immediate();
  }

  /** The send failed: the day is not sent, a later tick tries again. */
  releaseDigest(day: string, previous: string | null): void {
    this.db
      .prepare('UPDATE alert_settings SET DigestLastSentOn = ? WHERE AlertSettingsID = 1 AND DigestLastSentOn = ?')
      .run(previous, day);
  }
}
