import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/hosting/engine-host';
import { engineHostDeps } from '../../electron/hosting/compose';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { settingsInput } from '../helpers/settings-input';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { E2E_SYNC_COMPANIES, prepareMicrosipFixture, type MicrosipFixture } from './microsip-fixture';

/**
 * Issue 6, monitor mode end to end: the headless service (`node out/main/cli.js run`, a REAL separate
 * process) holds the engine lease of the settings database; the built console in Chromium, on the same
 * database, only supervises it through its own EngineHost. *Sincronizar ahora* becomes a request that the
 * service runs against a real Microsip company on Firebird and the real Wopen sandbox; the page shows the
 * relayed progress and result. Both processes share the local key file beside the database (the harness
 * opens the console without a `cipher`, like the service). Without Chromium, Firebird, the sandbox or the
 * build every test FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'out/main/cli.js');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const STORE_USER = 'integrador@tienda';
const STORE_PASSWORD = 'Clave-Tienda-ñ€-6620';

let fixture: MicrosipFixture;
let sandbox: RunningSandbox;
let sandboxDir: string;
let h: ConsoleHarness;
let page: Page;
let host: EngineHost | null = null;
let service: ChildProcess | null = null;
let serviceOut = '';
let serviceExit: Promise<number | null> | null = null;
let company: { id: string; name: string };
let connectionId: number;

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};

async function control<T>(route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${sandbox.controlUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const storeTotal = async (): Promise<number> =>
  Object.values((await control<{ catalogs: Record<string, { total: number }> }>('/counts')).catalogs).reduce(
    (n, c) => n + c.total,
    0,
  );

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const status = (): Locator => page.getByTestId('engine-status');
const syncGroup = (): Locator => page.locator('.sync-group');
const syncButton = (): Locator => syncGroup().getByRole('button', { name: 'Sincronizar ahora' });
const lastState = (): Locator => syncGroup().getByTestId('last-run-state');

/** Resolves once the service printed that JSON log event (rejects if it exits first or takes too long). */
function waitForServiceEvent(event: string, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = service;
    if (!child) return reject(new Error('El servicio no se inició.'));
    const check = (): boolean => serviceOut.split('\n').some((l) => l.includes(`"event":"${event}"`));
    if (check()) return resolve();
    const timer = setTimeout(
      () => done(new Error(`El servicio no registró ${event} en ${timeoutMs} ms. Salida:\n${serviceOut}`)),
      timeoutMs,
    );
    const onData = (): void => {
      if (check()) done();
    };
    const onExit = (code: number | null): void =>
      done(new Error(`El servicio terminó (código ${code}) antes de ${event}. Salida:\n${serviceOut}`));
    function done(err?: Error): void {
      clearTimeout(timer);
      child!.stdout?.off('data', onData);
      child!.off('exit', onExit);
      if (err) reject(err);
      else resolve();
    }
    child.stdout?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function stopService(): Promise<number | null> {
  if (!service || !serviceExit) return null;
  if (service.exitCode === null && service.signalCode === null) service.kill('SIGTERM');
  const code = await Promise.race([serviceExit, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000))]);
  if (code === 'timeout') {
    service.kill('SIGKILL');
    throw new Error(`El servicio no terminó tras SIGTERM. Salida:\n${serviceOut}`);
  }
  return code;
}

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    if (!fs.existsSync(CLI)) throw new Error(`No existe ${CLI}: ejecute "npm run build" antes de las pruebas e2e.`);
    fixture = await prepareMicrosipFixture(E2E_SYNC_COMPANIES, 'e2e-supervision');
    company = fixture.companies[0]!;
    sandboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-e2e-sandbox-'));
    sandbox = await startSandbox({
      port: 0,
      dataFile: path.join(sandboxDir, 'store.db'),
      user: STORE_USER,
      password: STORE_PASSWORD,
    });
    // Real ERP and store connectors, and (no `cipher`) the local key file beside the database, as the service.
    h = await startConsoleHarness({ version: VERSION });
    page = h.page;
    connectionId = (
      await h.opened.service.saveConnection({
        name: 'Microsip supervisión',
        config: {
          kind: 'microsip',
          host: fixture.host,
          port: fixture.port,
          folder: fixture.folder,
          user: fixture.user,
        },
        newPassword: fixture.password,
      })
    ).id;
    await h.opened.service.listCompanies(connectionId);
    // Sincronizar off: the service's scheduler leaves it alone, so the only run is the one the page requests.
    const saved = await h.opened.service.saveSettings(connectionId, [
      settingsInput(company.id, { period: 60, url: sandbox.url, user: STORE_USER, newPassword: STORE_PASSWORD }),
    ]);
    if (!saved.ok) throw new Error(`No se guardó la empresa: ${JSON.stringify(saved.errors)}`);

    // The headless service takes the lease first…
    service = spawn(process.execPath, [CLI, '--db', h.databasePath, 'run', '--tick', '0.2'], {
      cwd: ROOT,
      env: { ...process.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    service.stdout?.setEncoding('utf8').on('data', (t: string) => (serviceOut += t));
    service.stderr?.setEncoding('utf8').on('data', (t: string) => (serviceOut += t));
    const child = service;
    serviceExit = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    await waitForServiceEvent('lease.acquired');

    // …so this console's own EngineHost (standby, like the desktop app) finds it held and monitors.
    host = new EngineHost({
      ...engineHostDeps(h.opened),
      kind: 'console',
      version: VERSION,
      standby: true,
      pollMs: 200,
    });
    const holder = host.start();
    if (!holder || holder.pid !== service.pid)
      throw new Error(`La consola debía quedar en supervisión del servicio; titular: ${JSON.stringify(holder)}`);

    await page.reload();
    await page.locator('.row-button').filter({ hasText: company.name }).waitFor();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await stopService().catch(() => undefined);
  await host?.stop();
  await h?.close();
  await sandbox?.close();
  if (sandboxDir) fs.rmSync(sandboxDir, { recursive: true, force: true });
  await fixture?.cleanup();
}, 60_000);

describe('Modo supervisión: el servicio (otro proceso) sincroniza y la consola lo supervisa', () => {
  it('la línea de estado nombra al servicio y Sincronizar ahora le pide la sincronización, cuyo resultado llega a la página', async () => {
    ready();
    await expect.poll(() => status().getAttribute('data-role')).toBe('monitor');
    const message = `La sincronización la ejecuta el servicio (proceso ${service!.pid} en ${os.hostname()}); esta consola la supervisa.`;
    expect(await page.getByTestId('engine-message').textContent()).toBe(message);
    expect(await status().getAttribute('class')).toContain('banner');
    expect(await page.getByTestId('app-version').textContent()).toBe(`Wopen Sync Console ${VERSION}`);

    await page.locator('.row-button').filter({ hasText: company.name }).click();
    await expect.poll(() => syncGroup().innerText()).toContain('Esta empresa todavía no se ha sincronizado.');
    expect(await storeTotal()).toBe(0);

    // Hold the service's first batch 1.5 s, so its run is visibly in progress here (relayed from the database).
    await control('/faults', { kind: 'delay', delayMs: 1500, method: 'POST', path: '/catalogs/', count: 1 });
    await syncButton().click();
    await expect
      .poll(() => syncGroup().getByTestId('sync-request').textContent())
      .toContain('Sincronización solicitada al servicio que sincroniza esta base de datos.');
    expect(await syncButton().isDisabled()).toBe(true);
    await shot('41-monitor-mode');

    // The service picks the request up; its progress, relayed from the database, shows here…
    await syncGroup().getByRole('progressbar').waitFor({ timeout: 15_000 });
    expect(await syncGroup().locator('.sync-progress').innerText()).toContain('Sincronizando…');
    await shot('41a-monitor-mode-progress');
    // …and its result reaches this page within ~20 s.
    await expect.poll(() => lastState().textContent(), { timeout: 20_000 }).toBe('Exitoso');
    expect(await syncGroup().getByTestId('sync-request').count()).toBe(0);
    expect(await syncButton().isEnabled()).toBe(true);
    expect(await syncGroup().locator('.run-facts').innerText()).toContain('Manual');
    await shot('41b-monitor-mode-result');
    expect(await storeTotal()).toBeGreaterThan(0);
    // The run was the service's, not this process's: the service logged it, and this console ran nothing.
    expect(serviceOut).toContain('"event":"request.handled"');
    expect(serviceOut).toContain('"event":"run.finished"');
    expect(h.calls.find((c) => c.method === 'syncNow')?.envelope).toMatchObject({ ok: true, value: { started: true } });
    expect(h.pageErrors).toEqual([]);
  }, 60_000);

  it('al detener el servicio (SIGTERM) termina limpio y esta consola toma la sincronización', async () => {
    ready();
    const code = await stopService();
    expect(code).toBe(0);
    expect(serviceOut).toContain('"event":"lease.released"');
    await expect.poll(() => status().getAttribute('data-role'), { timeout: 10_000 }).toBe('owner');
    expect(await page.getByTestId('engine-message').textContent()).toBe('Esta consola ejecuta la sincronización.');
  }, 30_000);
});
