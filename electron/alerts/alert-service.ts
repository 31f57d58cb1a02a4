import os from 'node:os';
import type { EventLog } from '../events/event-log';
import type { AlertSettingsInput, AlertSettingsView } from '../../shared/alert-settings';
import type { TestResult } from '../../shared/test-result';
import { type AlertSettingsRepo, validateAlertSettings } from './alert-settings-repo';
import { SmtpSendError, emailConfigured } from './email-notifier';
import { ALERT_CATEGORY } from './alert-monitor';
import type { Alert, AlertNotifier } from './notifier';

export interface AlertServiceOptions {
  repo: AlertSettingsRepo;
  events: EventLog;
  email: AlertNotifier;
  desktop?: AlertNotifier;
  actor: string;
  clock?: () => Date;
}

/** The three IPC methods of the alert settings: read, save (validated) and the test button. */
export class AlertService {
  constructor(private readonly o: AlertServiceOptions) {}

  getSettings(): AlertSettingsView {
    return this.o.repo.view();
  }

  async saveSettings(input: AlertSettingsInput): Promise<{ ok: true } | { ok: false; message: string }> {
    const problem = validateAlertSettings(input);
    if (problem) return { ok: false, message: problem };
    await this.o.repo.save(input, this.o.actor);
    const s = this.o.repo.get();
    this.o.events.record({
      level: 'info',
      category: ALERT_CATEGORY,
      message: s.emergencyEmail
        ? `Se guardó la configuración de alertas: correo a ${s.emergencyEmail} por ${s.smtpHost}:${s.smtpPort}; notificaciones de escritorio ${s.desktopNotifications ? 'activadas' : 'desactivadas'}.`
        : `Se guardó la configuración de alertas sin correo; notificaciones de escritorio ${s.desktopNotifications ? 'activadas' : 'desactivadas'}.`,
    });
    return { ok: true };
  }

  /** Sends one test e-mail (and a desktop notification when they are on) with the saved settings. */
  async sendTest(): Promise<TestResult> {
    const started = Date.now();
    const s = this.o.repo.get();
    const elapsed = () => Date.now() - started;
    if (!emailConfigured(s)) {
      return {
        ok: false,
        message: 'Capture y guarde el correo de contacto de emergencia y el servidor SMTP antes de enviar la prueba.',
        hints: ['El correo de contacto de emergencia recibe los avisos cuando la sincronización falla.'],
        elapsedMs: elapsed(),
      };
    }
    const when = (this.o.clock ?? (() => new Date()))().toLocaleString('es-MX', {
      dateStyle: 'long',
      timeStyle: 'short',
    });
    const alert: Alert = {
      kind: 'test',
      level: 'info',
      subject: 'Wopen Sync Console: correo de prueba de alertas',
      text:
        `Este es un correo de prueba enviado desde Wopen Sync Console (equipo ${os.hostname()}) el ${when}.\n\n` +
        'Si lo recibió, las alertas de sincronización llegarán a esta dirección: se avisa una vez cuando la ' +
        'sincronización de una empresa falla o deja de ejecutarse, y otra vez cuando se recupera.\n\n' +
        'No es necesario responder este correo.',
    };
    if (this.o.desktop?.enabled()) {
      try {
        await this.o.desktop.send({ ...alert, text: `Prueba de alertas: se envió un correo a ${s.emergencyEmail}.` });
      } catch {
        // The e-mail is what the button tests; a desktop failure does not change its result.
      }
    }
    try {
      await this.o.email.send(alert);
      this.o.events.record({
        level: 'info',
        category: ALERT_CATEGORY,
        message: `Se envió un correo de prueba de alertas a ${s.emergencyEmail}.`,
      });
      return {
        ok: true,
        message: `Se envió el correo de prueba a ${s.emergencyEmail}. Revise su bandeja de entrada (y la de correo no deseado).`,
        hints: [],
        elapsedMs: elapsed(),
      };
    } catch (err) {
      // Not an SMTP error: the saved password could not be read (another process's cipher, or removed).
      const message = err instanceof Error ? err.message : String(err);
      const hints = err instanceof SmtpSendError ? err.hints : ['Vuelva a capturar la contraseña SMTP y guarde.'];
      this.o.events.record({
        level: 'warning',
        category: ALERT_CATEGORY,
        message: `Falló el correo de prueba de alertas: ${message}`,
      });
      return { ok: false, message, hints, elapsedMs: elapsed() };
    }
  }
}
