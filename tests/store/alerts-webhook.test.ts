import crypto from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertSettingsInput } from '../../shared/alert-settings';
import { alertEvents, alertsFixture, run } from '../helpers/alerts-fixture';

/** Long enough for the app's minimum; in the URL's path a token like Telegram's would sit. */
const SECRET = 'firma-del-webhook-ñ-0123456789';
const PATH_TOKEN = 'bot123456:TOKEN-EN-LA-RUTA';

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  raw: string;
}

/**
 * A receiver written the way a customer would: it checks the signature with its own HMAC code (not the app's),
 * rejects stale timestamps and answers with the scripted statuses in turn (the last one repeats).
 */
async function startReceiver(script: (number | { status: number; location?: string } | 'hang')[] = [200]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      const step = script[Math.min(received.length - 1, script.length - 1)]!;
      if (step === 'hang') return; // never answers
      const { status, location } = typeof step === 'number' ? { status: step, location: undefined } : step;
      res.writeHead(status, location ? { Location: location } : {});
      res.end(status >= 400 ? 'servicio no disponible' : 'ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}`, received };
}

/** The receiver's own verification: HMAC-SHA256 over "<timestamp>.<raw body>", compared in constant time. */
function verify(r: Received, secret: string, nowSeconds: number): boolean {
  const ts = String(r.headers['x-wopen-timestamp'] ?? '');
  const sig = String(r.headers['x-wopen-signature'] ?? '');
  if (!/^\d+$/.test(ts) || Math.abs(nowSeconds - Number(ts)) > 300) return false;
  const expected =
    'sha256=' +
    crypto
      .createHmac('sha256', secret)
      .update(ts + '.' + r.raw)
      .digest('hex');
  const a = Buffer.from(sig);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r())))),
  );
});

const hookSettings = (url: string, over: Partial<AlertSettingsInput> = {}): AlertSettingsInput => ({
  desktopNotifications: false,
  emergencyEmail: '',
  smtpHost: '',
  smtpPort: 587,
  smtpSecurity: 'starttls',
  smtpUser: '',
  fromAddress: '',
  webhookUrl: url,
  newWebhookSecret: SECRET,
  ...over,
});

describe('webhook alerts against a real HTTP receiver', () => {
  it('a failing run posts the documented JSON, signed; the receiver verifies it with its own code', async () => {
    const rx = await startReceiver();
    const { alerts, db } = alertsFixture();
    expect(await alerts.service.saveSettings(hookSettings(`${rx.url}/${PATH_TOKEN}/alertas`))).toEqual({ ok: true });
    expect(alerts.service.getSettings()).toMatchObject({
      webhookUrl: `${rx.url}/${PATH_TOKEN}/alertas`,
      hasWebhookSecret: true,
    });
    expect(JSON.stringify(alerts.service.getSettings())).not.toContain(SECRET);

    await alerts.monitor.onRunFinished(run('failed'));
    await alerts.monitor.onRunFinished(run('failed')); // same problem: no second call
    expect(rx.received).toHaveLength(1);
    const r = rx.received[0]!;
    expect(r.method).toBe('POST');
    expect(r.path).toBe(`/${PATH_TOKEN}/alertas`);
    expect(r.headers['content-type']).toMatch(/^application\/json/);
    expect(verify(r, SECRET, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verify(r, 'otro-secreto-cualquiera-123', Math.floor(Date.now() / 1000))).toBe(false);
    // A replay an hour later fails the receiver's timestamp check; a changed body fails the signature.
    expect(verify(r, SECRET, Math.floor(Date.now() / 1000) + 3600)).toBe(false);
    expect(verify({ ...r, raw: r.raw.replace('error', 'info') }, SECRET, Math.floor(Date.now() / 1000))).toBe(false);

    const body = JSON.parse(r.raw) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['appVersion', 'at', 'company', 'connection', 'host', 'id', 'kind', 'level', 'schema', 'subject', 'text'].sort(),
    );
    expect(body).toMatchObject({
      schema: 'wopen-sync.alert.v1',
      kind: 'failing',
      level: 'error',
      subject: 'Wopen Sync: falló la sincronización de Ferretería del Norte',
      company: { id: 'EMP01', name: 'Ferretería del Norte' },
      connection: { id: 1, name: 'Microsip', kind: 'microsip' },
      host: os.hostname(),
      appVersion: '9.8.7-prueba',
    });
    expect(body.text).toMatch(/Mensaje: Fallida: la tienda respondió 503\./);
    expect(Math.abs(Date.parse(String(body.at)) - Date.now())).toBeLessThan(60_000);
    expect(r.raw).not.toContain(SECRET);
    // Events name the channel and the origin, never the secret nor the path (it may hold a token).
    const events = JSON.stringify(alertEvents(db));
    expect(events).toContain('Alerta (por webhook): Wopen Sync: falló la sincronización de Ferretería del Norte');
    expect(events).not.toContain(SECRET);
    expect(events).not.toContain(PATH_TOKEN);
  });

  it('Enviar prueba reaches the webhook and says so in Spanish; without a secret nothing is signed', async () => {
    const rx = await startReceiver([204]);
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings(hookSettings(rx.url + '/hook', { newWebhookSecret: undefined }));
    const r = await alerts.service.sendTest();
    expect(r).toMatchObject({ ok: true, hints: [] });
    expect(r.message).toBe(`El webhook ${rx.url} recibió el aviso de prueba (HTTP 204).`);
    expect(rx.received).toHaveLength(1);
    expect(rx.received[0]!.headers['x-wopen-signature']).toBeUndefined();
    expect(rx.received[0]!.headers['x-wopen-timestamp']).toMatch(/^\d+$/);
    expect(JSON.parse(rx.received[0]!.raw)).toMatchObject({
      kind: 'test',
      level: 'info',
      company: null,
      connection: null,
    });
    expect(alertEvents(db).at(-1)!.Message).toBe(
      `Se envió un aviso de prueba al webhook ${rx.url} (respondió HTTP 204).`,
    );
  });

  it('a redirect to another origin delivers nothing there and is reported', async () => {
    const elsewhere = await startReceiver();
    const rx = await startReceiver([{ status: 307, location: `${elsewhere.url}/robado` }]);
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings(hookSettings(`${rx.url}/hook`));
    const r = await alerts.service.sendTest();
    expect(r.ok).toBe(false);
    expect(r.message).toBe(
      `El webhook (${rx.url}) respondió con una redirección (HTTP 307 hacia ${elsewhere.url}); no se siguió y el aviso no se entregó.`,
    );
    expect(rx.received).toHaveLength(1); // not retried either
    expect(elsewhere.received).toHaveLength(0);
    await alerts.monitor.onRunFinished(run('failed'));
    expect(elsewhere.received).toHaveLength(0);
    expect(alertEvents(db).at(-1)).toMatchObject({
      Level: 'warning',
      Message: expect.stringMatching(
        /^No se pudo enviar la alerta por webhook: El webhook .* respondió con una redirección/,
      ),
    });
  });

  it('http to another machine is refused at save (nothing saved); https and loopback http are accepted', async () => {
    const { alerts, db } = alertsFixture();
    for (const url of [
      'http://hooks.empresa.com.mx/wopen',
      'http://192.168.1.20:8080/x',
      'ftp://x.com/a',
      'no es url',
    ]) {
      const r = await alerts.service.saveSettings(hookSettings(url));
      expect(r.ok).toBe(false);
    }
    expect(await alerts.service.saveSettings(hookSettings('http://hooks.empresa.com.mx/wopen'))).toEqual({
      ok: false,
      message: expect.stringMatching(/^La dirección del webhook debe usar https:\/\//),
    });
    expect(alerts.service.getSettings()).toMatchObject({ webhookUrl: '', hasWebhookSecret: false });
    expect(db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 0 });
    expect(await alerts.service.saveSettings(hookSettings('https://hooks.empresa.com.mx/wopen'))).toEqual({ ok: true });
    expect(await alerts.service.saveSettings(hookSettings('http://localhost:8088/relay'))).toEqual({ ok: true });
    // A short secret, or a secret without an address, is refused as a whole.
    expect(
      await alerts.service.saveSettings(hookSettings('https://a.mx/h', { newWebhookSecret: 'corto' })),
    ).toMatchObject({
      ok: false,
      message: expect.stringMatching(/al menos 16 caracteres/),
    });
    expect(alerts.service.getSettings().webhookUrl).toBe('http://localhost:8088/relay');
    // The secret is encrypted at rest; clearing the address removes it.
    const raw = db.prepare('SELECT Ciphertext FROM secrets').all() as { Ciphertext: Buffer }[];
    expect(raw).toHaveLength(1);
    expect(raw[0]!.Ciphertext.toString('latin1')).not.toContain('firma-del-webhook');
    expect(await alerts.repo.webhookSecret()).toBe(SECRET);
    await alerts.service.saveSettings(hookSettings('', { newWebhookSecret: undefined }));
    expect(alerts.service.getSettings()).toMatchObject({ webhookUrl: '', hasWebhookSecret: false });
    expect(db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 0 });
  });

  it('one retry on 5xx (same delivery id); a second 5xx becomes an event; 4xx is not retried', async () => {
    const flaky = await startReceiver([503, 200]);
    const { alerts, db } = alertsFixture();
    await alerts.service.saveSettings(hookSettings(`${flaky.url}/h`));
    await alerts.monitor.onRunFinished(run('failed'));
    expect(flaky.received).toHaveLength(2);
    const ids = flaky.received.map((r) => (JSON.parse(r.raw) as { id: string }).id);
    expect(ids[0]).toBe(ids[1]);
    expect(flaky.received.every((r) => verify(r, SECRET, Math.floor(Date.now() / 1000)))).toBe(true);

    const down = await startReceiver([500]);
    // Another origin: a kept secret is refused there; typed again, it is bound to the new one.
    expect(await alerts.service.saveSettings(hookSettings(`${down.url}/h`, { newWebhookSecret: undefined }))).toEqual({
      ok: false,
      message: 'Cambió la dirección del webhook: escriba el secreto de firma de nuevo.',
    });
    await alerts.service.saveSettings(hookSettings(`${down.url}/h`));
    await alerts.monitor.onRunFinished(run('success')); // recovered notice: goes to the failing receiver
    expect(down.received).toHaveLength(2);
    expect(alertEvents(db).at(-1)).toMatchObject({
      Level: 'warning',
      Message: `No se pudo enviar la alerta por webhook: El webhook (${down.url}) falló con HTTP 500. Respondió: «servicio no disponible».`,
    });

    const refused = await startReceiver([401]);
    await alerts.service.saveSettings(hookSettings(`${refused.url}/h`));
    const t = await alerts.service.sendTest();
    expect(refused.received).toHaveLength(1);
    expect(t).toMatchObject({ ok: false, message: expect.stringMatching(/rechazó el aviso con HTTP 401/) });
    expect(t.hints.join(' ')).toMatch(/secreto de firma/);
  });

  it('a receiver that never answers times out (one retry) with a Spanish message', async () => {
    const mute = await startReceiver(['hang']);
    const { alerts } = alertsFixture({ webhookTimeoutMs: 400 });
    await alerts.service.saveSettings(hookSettings(`${mute.url}/h`));
    const started = Date.now();
    const r = await alerts.service.sendTest();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(mute.received).toHaveLength(2);
    expect(r).toMatchObject({ ok: false, message: `El webhook (${mute.url}) no respondió en 0.4 s.` });
  });
});
