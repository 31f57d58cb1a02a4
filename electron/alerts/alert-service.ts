import os from 'node:os';
import type { EventLog } from '../events/event-log';
import type { AlertSettingsInput, AlertSettingsView } from '../../shared/alert-settings';
import type { TestResult } from '../../shared/test-result';
import { type AlertSettingsRepo, validateAlertSettings } from './alert-settings-repo';
import { SmtpSendError, emailConfigured } from './email-notifier';
import { ALERT_CATEGORY } from './alert-monitor';
import type { Alert, AlertNotifier } from './notifier';
import { WebhookSendError, type WebhookNotifier } from './webhook-notifier';
import { webhookOrigin } from './webhook-url';

export interface AlertServiceOptions {
  repo: AlertSettingsRepo;
  events: EventLog;
  email: AlertNotifier;
  webhook: WebhookNotifier;
  desktop?: AlertNotifier;
  actor: string;
  clock?: () => Date;
}

/** The three IPC methods of the alert settings: read, save (validated, all or nothing) and the test button. */
export class AlertService {
  constructor(private readonly o: AlertServiceOptions) {}

  getSettings(): AlertSettingsView {
    return this.o.repo.view();
  }

  async saveSettings(input: AlertSettingsInput): Promise<{ ok: true } | { ok: false; message: string }> {
    const problem = validateAlertSettings(this.o.repo.complete(input)) ?? this.o.repo.destinationProblem(input);
    if (problem) return { ok: false, message: problem };
    await this.o.repo.save(input, this.o.actor);
    const s = this.o.repo.get();
    // The webhook shows as its origin only: a path may hold a token.
    const hook = s.webhookUrl
      ? ` Webhook a ${webhookOrigin(s.webhookUrl)} ${s.hasWebhookSecret ? 'con firma' : 'sin firma'}.`
      : '';
    const digest = s.digestEnabled ? ` Resumen diario por correo a las ${s.digestHour}:00.` : '';
    this.o.events.record({
      level: 'info',
      category: ALERT_CATEGORY,
      message:
        (s.emergencyEmail
          ? `Se guardó la configuración de alertas: correo a ${s.emergencyEmail} por ${s.smtpHost}:${s.smtpPort}; notificaciones de escritorio ${s.desktopNotifications ? 'activadas' : 'desactivadas'}.`
          : `Se guardó la configuración de alertas sin correo; notificaciones de escritorio ${s.desktopNotifications ? 'activadas' : 'desactivadas'}.`) +
        hook +
        digest,
    });
    return { ok: true };
  }

  /**
   * Sends one test through each configured channel (e-mail, webhook; and a desktop notification when they
   * are on) with the saved settings. Succeeds only when every configured channel delivered.
   */
  async sendTest(): Promise<TestResult> {
    const started = Date.now();
    const s = this.o.repo.get();
    const elapsed = () => Date.now() - started;
    const hasEmail = emailConfigured(s);
    const hasHook = s.webhookUrl !== '';
    if (!hasEmail && !hasHook) {
      return {
        ok: false,
        message:
          'Capture y guarde el correo de contacto de emergencia y el servidor SMTP, o un webhook, antes de enviar la prueba.',
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
      const sent = [hasEmail ? `un correo a ${s.emergencyEmail}` : '', hasHook ? 'un aviso al webhook' : '']
        .filter(Boolean)
        .join(' y ');
      try {
        await this.o.desktop.send({ ...alert, text: `Prueba de alertas: se envió ${sent}.` });
      } catch {
        // E-mail and webhook are what the button tests; a desktop failure does not change its result.
      }
    }
    const results: Omit<TestResult, 'elapsedMs'>[] = [];
    if (hasEmail) results.push(await this.testEmail(alert, s.emergencyEmail));
    if (hasHook) results.push(await this.testWebhook(alert, webhookOrigin(s.webhookUrl)));
    return {
      ok: results.every((r) => r.ok),
      message: results.map((r) => r.message).join(' '),
      hints: results.flatMap((r) => r.hints),
      elapsedMs: elapsed(),
    };
  }

  private async testEmail(alert: Alert, to: string): Promise<Omit<TestResult, 'elapsedMs'>> {
    try {
      await this.o.email.send(alert);
      this.o.events.record({
        level: 'info',
        category: ALERT_CATEGORY,
        message: `Se envió un correo de prueba de alertas a ${to}.`,
      });
      return {
        ok: true,
        message: `Se envió el correo de prueba a ${to}. Revise su bandeja de entrada (y la de correo no deseado).`,
        hints: [],
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
      return { ok: false, message, hints };
    }
  }

  private async testWebhook(alert: Alert, origin: string): Promise<Omit<TestResult, 'elapsedMs'>> {
    const test: Alert = {
      ...alert,
      subject: 'Wopen Sync Console: prueba de alertas',
      text: alert.text
        .replace('Este es un correo de prueba', 'Esta es una prueba')
        .replace('\n\nNo es necesario responder este correo.', ''),
    };
    try {
      const status = await this.o.webhook.deliver(test);
      this.o.events.record({
        level: 'info',
        category: ALERT_CATEGORY,
        message: `Se envió un aviso de prueba al webhook ${origin} (respondió HTTP ${status}).`,
      });
      return { ok: true, message: `El webhook ${origin} recibió el aviso de prueba (HTTP ${status}).`, hints: [] };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const hints =
        err instanceof WebhookSendError ? err.hints : ['Vuelva a capturar el secreto de firma del webhook y guarde.'];
      this.o.events.record({
        level: 'warning',
        category: ALERT_CATEGORY,
        message: `Falló la prueba del webhook: ${message}`,
      });
      return { ok: false, message, hints };
    }
  }
}
