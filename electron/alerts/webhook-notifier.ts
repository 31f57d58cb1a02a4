import crypto from 'node:crypto';
import os from 'node:os';
import type { Alert, AlertNotifier } from './notifier';
import type { StoredAlertSettings } from './alert-settings-repo';
import { webhookOrigin, webhookUrlProblem } from './webhook-url';

/** Version of the payload's shape; a receiver can refuse one it does not know. */
export const WEBHOOK_SCHEMA = 'wopen-sync.alert.v1';
export const SIGNATURE_HEADER = 'X-Wopen-Signature';
export const TIMESTAMP_HEADER = 'X-Wopen-Timestamp';

/** The JSON body of every webhook call; field names are stable (docs/alerts.md). */
export interface WebhookPayload {
  schema: typeof WEBHOOK_SCHEMA;
  /** Unique per alert; the same on the retry, so a receiver can drop a duplicate. */
  id: string;
  kind: Alert['kind'];
  level: Alert['level'];
  subject: string;
  text: string;
  company: { id: string; name: string } | null;
  connection: { id: number; name: string; kind: string } | null;
  host: string;
  /** ISO 8601 (UTC) of when the alert was raised. */
  at: string;
  appVersion: string;
}

export interface WebhookSettingsSource {
  get(): StoredAlertSettings;
  webhookSecret(): Promise<string | null>;
}

export interface WebhookOptions {
  settings: WebhookSettingsSource;
  appVersion: string;
  /** The connection's name and ERP kind for the payload. */
  describeConnection?: (connectionId: number) => { name: string; kind: string } | null;
  clock?: () => Date;
  timeoutMs?: number;
  /** Pause before the one retry (after a 5xx or a network failure). */
  retryDelayMs?: number;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<raw body>"). */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** A delivery that did not reach the receiver, in Spanish; never carries the secret or the URL's path. */
export class WebhookSendError extends Error {
  constructor(
    message: string,
    readonly hints: string[],
  ) {
    super(message);
    this.name = 'WebhookSendError';
  }
}

/** Webhook adapter: one JSON POST per alert, optionally signed; no redirects followed, one retry. */
export class WebhookNotifier implements AlertNotifier {
  readonly channel = 'webhook' as const;

  constructor(private readonly o: WebhookOptions) {}

  enabled(): boolean {
    return this.o.settings.get().webhookUrl !== '';
  }

  payload(alert: Alert): WebhookPayload {
    const c = alert.connectionId !== undefined ? this.o.describeConnection?.(alert.connectionId) : null;
    return {
      schema: WEBHOOK_SCHEMA,
      id: crypto.randomUUID(),
      kind: alert.kind,
      level: alert.level,
      subject: alert.subject,
      text: alert.text,
      company: alert.companyId ? { id: alert.companyId, name: alert.companyName ?? alert.companyId } : null,
      connection:
        alert.connectionId !== undefined ? { id: alert.connectionId, name: c?.name ?? '', kind: c?.kind ?? '' } : null,
      host: os.hostname(),
      at: this.now().toISOString(),
      appVersion: this.o.appVersion,
    };
  }

  /** Resolves with the HTTP status the receiver answered (2xx); rejects with a WebhookSendError. */
  async send(alert: Alert): Promise<void> {
    await this.deliver(alert);
  }

  async deliver(alert: Alert): Promise<number> {
    const url = this.o.settings.get().webhookUrl;
    const problem = webhookUrlProblem(url);
    if (problem) throw new WebhookSendError(problem, ['Corrija la dirección del webhook en Alertas.']);
    const secret = this.o.settings.get().hasWebhookSecret ? await this.o.settings.webhookSecret() : null;
    const body = JSON.stringify(this.payload(alert));
    const origin = webhookOrigin(url);
    let last: WebhookSendError | null = null;
    for (let attempt = 1; attempt <= 2; attempt++) {
      if (attempt === 2) await sleep(this.o.retryDelayMs ?? 2000);
      const r = await this.post(url, origin, body, secret);
      if (r.ok) return r.status;
      last = r.error;
      if (!r.retry) break;
    }
    throw last!;
  }

  private async post(
    url: string,
    origin: string,
    body: string,
    secret: string | null,
  ): Promise<{ ok: true; status: number } | { ok: false; retry: boolean; error: WebhookSendError }> {
    const timestamp = String(Math.floor(this.now().getTime() / 1000));
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'User-Agent': `WopenSyncConsole/${this.o.appVersion}`,
      [TIMESTAMP_HEADER]: timestamp,
    };
    if (secret) headers[SIGNATURE_HEADER] = webhookSignature(secret, timestamp, body);
    const timeoutMs = this.o.timeoutMs ?? 10_000;
    let res: Response;
    try {
      // 'manual': a redirect is reported, never followed with the payload and its signature.
      res = await fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, retry: true, error: networkError(err, origin, timeoutMs) };
    }
    // The receiver's answer is not used; reading a little of it frees the connection.
    const answer = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ').trim();
    const scrubbed = secret ? answer.split(secret).join('***') : answer;
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    if (res.status >= 300 && res.status < 400) {
      const to = res.headers.get('location');
      return {
        ok: false,
        retry: false,
        error: new WebhookSendError(
          `El webhook (${origin}) respondió con una redirección (HTTP ${res.status}${to ? ` hacia ${webhookOrigin(new URL(to, url).href)}` : ''}); no se siguió y el aviso no se entregó.`,
          ['Capture la dirección final del webhook (la que no redirige).'],
        ),
      };
    }
    const said = scrubbed ? ` Respondió: «${scrubbed}».` : '';
    if (res.status >= 500)
      return {
        ok: false,
        retry: true,
        error: new WebhookSendError(`El webhook (${origin}) falló con HTTP ${res.status}.${said}`, [
          'El servicio que recibe el aviso tuvo un error; revise que esté funcionando.',
        ]),
      };
    return {
      ok: false,
      retry: false,
      error: new WebhookSendError(
        `El webhook (${origin}) rechazó el aviso con HTTP ${res.status}.${said}`,
        res.status === 401 || res.status === 403
          ? ['Revise el secreto de firma: debe ser el mismo en Wopen Sync Console y en el servicio que recibe.']
          : ['Revise la dirección del webhook y que el servicio acepte un JSON por POST.'],
      ),
    };
  }

  private now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }
}

function networkError(err: unknown, origin: string, timeoutMs: number): WebhookSendError {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ?? '';
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return new WebhookSendError(
      `El webhook (${origin}) no respondió en ${(timeoutMs / 1000).toLocaleString('es-MX')} s.`,
      ['Revise que el servicio que recibe el aviso esté funcionando y que este equipo tenga salida a Internet.'],
    );
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return new WebhookSendError(`No se encontró el servidor del webhook (${origin}).`, [
      'Revise que la dirección esté bien escrita y que haya Internet.',
    ]);
  if (code === 'ECONNREFUSED')
    return new WebhookSendError(`El servidor del webhook (${origin}) rechazó la conexión.`, [
      'Revise la dirección y el puerto del webhook.',
    ]);
  if (/CERT|SSL|TLS/i.test(code) || /certificate|SSL|TLS/i.test(e?.cause?.message ?? ''))
    return new WebhookSendError(`No se pudo establecer la conexión cifrada (https) con el webhook (${origin}).`, [
      'El servidor debe tener un certificado válido.',
    ]);
  return new WebhookSendError(
    `No se pudo entregar el aviso al webhook (${origin}): ${(e?.cause?.message ?? e?.message ?? String(err)).slice(0, 200)}`,
    ['Revise la dirección del webhook y la conexión a Internet de este equipo.'],
  );
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
