import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeErp } from '../helpers/fake-erp';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { unlabelledFields } from './page-checks';

/**
 * Alertas → webhook and daily digest: the built console in real Chromium, the real handlers, and a real HTTP
 * receiver on 127.0.0.1 that checks the signature with its own HMAC code. Without Chromium or the build it FAILS.
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const SECRET = 'Secreto-de-firma-ñ€-2026-abc';

let h: ConsoleHarness;
let receiver: http.Server;
let hookUrl = '';
const received: { headers: http.IncomingHttpHeaders; raw: string }[] = [];

beforeAll(async () => {
  fs.mkdirSync(SHOTS, { recursive: true });
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/avisos/wopen`;
  const erp = new FakeErp();
  h = await startConsoleHarness({ erpFactory: erp.factory, viewport: { width: 1100, height: 1000 } });
  // With a connection saved the console opens on its main window (no first-connection dialog).
  await h.opened.service.saveConnection({
    config: { kind: 'microsip', host: '127.0.0.1', port: 3050, folder: '/datos/microsip', user: 'SYSDBA' },
    newPassword: 'masterkey',
  });
  await h.page.reload();
  await h.page.getByRole('button', { name: 'Alertas…' }).waitFor();
}, 120_000);

afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('Alertas: webhook y resumen diario (Chromium, handlers reales)', () => {
  it('http a otro equipo se rechaza; el webhook se guarda, el secreto nunca vuelve y Enviar prueba llega firmado', async () => {
    const page = h.page;
    page.setDefaultTimeout(8000);
    await page.getByRole('button', { name: 'Alertas…' }).click();
    const a = page.getByRole('dialog', { name: 'Alertas' });
    await a.waitFor();

    await a.getByLabel('Dirección del webhook').fill('http://hooks.empresa.com.mx/wopen');
    await a.getByRole('button', { name: 'Guardar' }).click();
    await a.getByText(/La dirección del webhook debe usar https:\/\//).waitFor();
    expect(h.opened.alerts.service.getSettings().webhookUrl).toBe('');

    await a.getByLabel('Dirección del webhook').fill(hookUrl);
    await a.getByLabel('Secreto de firma (opcional)').fill(SECRET);
    // The digest needs the e-mail: turned on without it, nothing is saved.
    await a.getByLabel('Enviar cada día un resumen por correo al contacto de emergencia').check();
    await a.getByLabel('Hora de envío').selectOption('7');
    await a.getByRole('button', { name: 'Guardar' }).click();
    await a.getByText(/El resumen diario se envía por correo/).waitFor();
    expect(h.opened.alerts.service.getSettings()).toMatchObject({ webhookUrl: '', digestEnabled: false });
    await a.getByLabel('Enviar cada día un resumen por correo al contacto de emergencia').uncheck();
    await a.getByRole('button', { name: 'Guardar' }).click();
    await a.getByText('La configuración de alertas se guardó.').waitFor();
    expect(await a.getByLabel('Secreto de firma (opcional)').inputValue()).toBe('');
    expect(await a.getByLabel('Secreto de firma (opcional)').getAttribute('placeholder')).toContain('guardado');
    const view = h.calls.filter((c) => c.method === 'getAlertSettings').at(-1)!.envelope;
    expect(JSON.stringify(view)).not.toContain(SECRET);
    expect(JSON.stringify(view)).toContain('"hasWebhookSecret":true');
    expect(h.opened.alerts.service.getSettings()).toMatchObject({ webhookUrl: hookUrl, hasWebhookSecret: true });

    await a.getByRole('button', { name: 'Enviar prueba' }).click();
    const result = a.getByTestId('alert-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('class')).toContain('ok');
    expect(await result.textContent()).toContain('recibió el aviso de prueba (HTTP 200)');
    expect(received).toHaveLength(1);
    const r = received[0]!;
    const ts = String(r.headers['x-wopen-timestamp']);
    const expected = 'sha256=' + crypto.createHmac('sha256', SECRET).update(`${ts}.${r.raw}`).digest('hex');
    expect(r.headers['x-wopen-signature']).toBe(expected);
    expect(JSON.parse(r.raw)).toMatchObject({ kind: 'test', appVersion: '0.0.0-e2e' });

    // Scroll the webhook group into view for the picture.
    await a.getByLabel('Dirección del webhook').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, '65-alertas-webhook.png') });
    expect(await unlabelledFields(page)).toEqual([]);
    await a.getByRole('button', { name: 'Cerrar' }).click();
    await a.waitFor({ state: 'detached' });
    expect(h.pageErrors).toEqual([]);
  });
});
