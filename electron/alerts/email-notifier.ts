import nodemailer from 'nodemailer';
import type { Alert, AlertNotifier } from './notifier';
import type { StoredAlertSettings } from './alert-settings-repo';

export interface SmtpTimeouts {
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

const DEFAULT_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 20_000 };

export interface SmtpSettingsSource {
  get(): StoredAlertSettings;
  password(): Promise<string | null>;
}

/** E-mail is on when there is an emergency contact and a server to send through. */
export const emailConfigured = (s: StoredAlertSettings): boolean => s.emergencyEmail !== '' && s.smtpHost !== '';

/** E-mail adapter: one SMTP connection per alert (alerts are rare), through nodemailer. */
export class EmailNotifier implements AlertNotifier {
  readonly channel = 'email' as const;

  constructor(
    private readonly settings: SmtpSettingsSource,
    private readonly timeouts: SmtpTimeouts = DEFAULT_TIMEOUTS,
  ) {}

  enabled(): boolean {
    return emailConfigured(this.settings.get());
  }

  async send(alert: Alert): Promise<void> {
    const s = this.settings.get();
    const pass = s.smtpUser ? await this.settings.password() : null;
    const transport = nodemailer.createTransport({
      host: s.smtpHost,
      port: s.smtpPort,
      secure: s.smtpSecurity === 'tls',
      requireTLS: s.smtpSecurity === 'starttls',
      ignoreTLS: s.smtpSecurity === 'none',
      auth: s.smtpUser ? { user: s.smtpUser, pass: pass ?? '' } : undefined,
      connectionTimeout: this.timeouts.connectionMs,
      greetingTimeout: this.timeouts.greetingMs,
      socketTimeout: this.timeouts.socketMs,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    try {
      await transport.sendMail({
        from: { name: 'Wopen Sync Console', address: s.fromAddress || s.smtpUser },
        to: s.emergencyEmail,
        subject: alert.subject,
        text: alert.text,
        headers: { 'X-Wopen-Sync-Alert': alert.kind },
      });
    } catch (err) {
      throw new SmtpSendError(err, pass);
    } finally {
      transport.close();
    }
  }
}

/** A send failure with a Spanish message and what to check; the password never appears in it. */
export class SmtpSendError extends Error {
  readonly hints: string[];
  readonly reason: 'auth' | 'refused' | 'tls' | 'timeout' | 'dns' | 'rejected' | 'other';

  constructor(cause: unknown, secret: string | null) {
    const d = describeSmtpError(cause);
    const scrub = (t: string) => (secret ? t.split(secret).join('***') : t);
    super(scrub(d.message));
    this.name = 'SmtpSendError';
    this.hints = d.hints.map(scrub);
    this.reason = d.reason;
  }
}

interface SmtpErrorShape {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
}

export function describeSmtpError(err: unknown): { reason: SmtpSendError['reason']; message: string; hints: string[] } {
  const e: SmtpErrorShape =
    typeof err === 'object' && err !== null ? (err as SmtpErrorShape) : { message: String(err) };
  const code = e.code ?? '';
  const text = `${e.message ?? ''} ${e.response ?? ''}`;
  const server = e.response ? ` El servidor respondió: «${e.response.slice(0, 200)}».` : '';
  if (code === 'EAUTH' || e.responseCode === 535 || e.responseCode === 534) {
    return {
      reason: 'auth',
      message: `El servidor SMTP rechazó el usuario o la contraseña.${server}`,
      hints: [
        'Revise el usuario SMTP (suele ser la dirección de correo completa) y vuelva a capturar la contraseña.',
        'Gmail y Microsoft 365 piden una «contraseña de aplicación» cuando la cuenta tiene verificación en dos pasos.',
      ],
    };
  }
  if (/ECONNREFUSED/.test(text) || (code === 'ECONNECTION' && /refused/i.test(text))) {
    return {
      reason: 'refused',
      message: 'El servidor SMTP rechazó la conexión (nadie escucha en ese servidor y puerto).',
      hints: [
        'Revise el servidor y el puerto: 587 con STARTTLS, 465 con TLS, 25 sin cifrado.',
        'Un firewall o el antivirus pueden bloquear la salida por ese puerto.',
      ],
    };
  }
  if (code === 'ETIMEDOUT' || /timeout|timed out/i.test(text)) {
    return {
      reason: 'timeout',
      message: 'El servidor SMTP no respondió a tiempo.',
      hints: [
        'Revise el servidor y el puerto, y que este equipo tenga salida a Internet por ese puerto.',
        'Con el puerto 465 elija seguridad TLS; con 587, STARTTLS: la combinación equivocada se queda esperando.',
      ],
    };
  }
  if (code === 'ETLS' || /TLS|SSL|certificate|wrong version number|self[- ]signed/i.test(text)) {
    return {
      reason: 'tls',
      message: 'No se pudo establecer la conexión cifrada (TLS) con el servidor SMTP.',
      hints: [
        'Revise la seguridad: TLS para el puerto 465, STARTTLS para el 587.',
        'Si el servidor usa un certificado propio o vencido, pida a su proveedor uno válido.',
      ],
    };
  }
  if (code === 'EDNS' || /ENOTFOUND|EAI_AGAIN|getaddrinfo/.test(text)) {
    return {
      reason: 'dns',
      message: 'No se encontró el servidor SMTP (el nombre no existe o no hay Internet).',
      hints: ['Revise que el nombre del servidor esté bien escrito, por ejemplo smtp.office365.com.'],
    };
  }
  if (code === 'EENVELOPE' || (e.responseCode !== undefined && e.responseCode >= 500)) {
    return {
      reason: 'rejected',
      message: `El servidor SMTP no aceptó el correo.${server}`,
      hints: [
        'Revise el remitente: muchos servidores solo permiten enviar como la cuenta con la que se inicia sesión.',
        'Revise el correo de contacto de emergencia.',
      ],
    };
  }
  return {
    reason: 'other',
    message: `No se pudo enviar el correo: ${(e.message ?? 'error desconocido').slice(0, 300)}`,
    hints: ['Revise el servidor, el puerto, la seguridad y las credenciales SMTP.'],
  };
}
