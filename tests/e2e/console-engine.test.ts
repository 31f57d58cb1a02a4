import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/hosting/engine-host';
import { engineHostDeps } from '../../electron/hosting/compose';
import type { LoginItemPort } from '../../electron/desktop/login-item';
import { UserFacingError } from '../../electron/core/user-facing-error';
import type { DesktopSettingsView } from '../../shared/desktop-settings';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { unlabelledFields } from './page-checks';

/**
 * The built console (real Chromium, real handlers and SQLite): the version, the engine status line
 * (updated by engineChanged when this process's EngineHost takes the lease) and Opciones with *Iniciar Wopen
 * Sync Console al iniciar sesión* over a login-item port double. Without Chromium or the build every test FAILS.
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const VERSION = (
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

/** The Electron port stand-in: a Windows login item that can also be unsupported or refuse to save. */
class FakeLoginItem implements LoginItemPort {
  openAtLogin = false;
  supported = true;
  failWith: string | null = null;
  get(): DesktopSettingsView {
    return { openAtLogin: this.openAtLogin, supported: this.supported };
  }
  set(openAtLogin: boolean): DesktopSettingsView {
    if (this.failWith) throw new UserFacingError(this.failWith);
    this.openAtLogin = openAtLogin;
    return this.get();
  }
}

let h: ConsoleHarness;
let page: Page;
let host: EngineHost | null = null;
const erp = new FakeErp();
const loginItem = new FakeLoginItem();

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};
const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
};
const status = (): Locator => page.getByTestId('engine-status');
const options = (): Locator => page.getByRole('dialog', { name: 'Opciones de la consola' });
const startAtLogin = (): Locator =>
  options().getByRole('checkbox', { name: 'Iniciar Wopen Sync Console al iniciar sesión' });
const openOptions = async (): Promise<void> => {
  await page.locator('.dialog-buttons').getByRole('button', { name: 'Opciones…' }).click();
  await options().waitFor();
};
const closeOptions = async (): Promise<void> => {
  await options().getByRole('button', { name: 'Cerrar' }).click();
  await options().waitFor({ state: 'detached' });
};

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    const store = new RecordingStore();
    h = await startConsoleHarness({ erpFactory: erp.factory, storeFactory: () => store, version: VERSION, loginItem });
    page = h.page;
    await h.opened.service.saveConnection({
      name: 'Microsip Mérida',
      config: { kind: 'microsip', host: '127.0.0.1', port: 3050, folder: '/datos/microsip', user: 'SYSDBA' },
      newPassword: 'masterkey',
    });
    await page.reload();
    await page.locator('.row-button').first().waitFor();
  } catch (err) {
    setupError = err;
  }
}, 60_000);

afterAll(async () => {
  await host?.stop();
  await h?.close();
});

describe('Versión, estado del motor y Opciones (Chromium, handlers reales)', () => {
  it('muestra la versión de package.json y, sin motor en este proceso, lo dice', async () => {
    ready();
    await expect.poll(() => page.getByTestId('app-version').textContent()).toBe(`Wopen Sync Console ${VERSION}`);
    await expect.poll(() => status().getAttribute('data-role')).toBe('none');
    expect(await page.getByTestId('engine-message').textContent()).toBe(
      'La sincronización automática no se ejecuta en este proceso.',
    );
  });

  it('cuando esta consola toma el arrendamiento, la línea de estado cambia sin recargar (engineChanged)', async () => {
    ready();
    host = new EngineHost({
      ...engineHostDeps(h.opened),
      kind: 'console',
      version: VERSION,
      standby: true,
      pollMs: 200,
      tickMs: 60_000,
    });
    expect(host.start()).toBeNull();
    await expect.poll(() => status().getAttribute('data-role')).toBe('owner');
    expect(await page.getByTestId('engine-message').textContent()).toBe('Esta consola ejecuta la sincronización.');
    // Not a banner: owner mode stays a small line in the header, beside the version.
    expect(await page.locator('.dialog-header').getByTestId('engine-status').count()).toBe(1);
    expect(await page.locator('.banner.info').count()).toBe(0);
    await shot('40-version-and-engine');
    // A fresh page reads the same from getAppInfo.
    const fresh = await h.newPage();
    await expect
      .poll(() => fresh.getByTestId('engine-message').textContent())
      .toBe('Esta consola ejecuta la sincronización.');
    await fresh.close();
  });

  it('Opciones: Iniciar al iniciar sesión se lee, se guarda y muestra el error en español si falla', async () => {
    ready();
    await openOptions();
    await expect.poll(() => startAtLogin().isEnabled()).toBe(true);
    expect(await startAtLogin().isChecked()).toBe(false);
    expect(await options().innerText()).toContain(`Wopen Sync Console ${VERSION}`);
    expect(await unlabelledFields(page)).toEqual([]);
    const save = options().getByRole('button', { name: 'Guardar' });
    expect(await save.isDisabled()).toBe(true);

    await startAtLogin().check();
    await save.click();
    await expect
      .poll(() => options().getByTestId('desktop-settings-status').textContent())
      .toBe('Wopen Sync Console se iniciará al iniciar sesión.');
    expect(loginItem.openAtLogin).toBe(true);
    expect(h.calls.filter((c) => c.method === 'saveDesktopSettings').at(-1)?.payload).toEqual({ openAtLogin: true });
    await shot('42-desktop-settings');

    loginItem.failWith = 'Windows no permitió registrar el inicio automático.';
    await startAtLogin().uncheck();
    await save.click();
    await expect
      .poll(() => options().getByTestId('desktop-settings-status').textContent())
      .toBe('No se guardó la opción de inicio: Windows no permitió registrar el inicio automático.');
    expect(await options().getByTestId('desktop-settings-status').getAttribute('class')).toContain('failed');
    expect(loginItem.openAtLogin).toBe(true);
    await closeOptions();

    // Reopened: what is really registered comes back.
    loginItem.failWith = null;
    await openOptions();
    await expect.poll(() => startAtLogin().isChecked()).toBe(true);
    await closeOptions();
  });

  it('Opciones: donde no hay inicio de sesión (no Windows) la casilla está deshabilitada con la indicación', async () => {
    ready();
    loginItem.supported = false;
    loginItem.openAtLogin = false;
    await openOptions();
    await options().getByTestId('login-item-hint').waitFor();
    expect(await options().getByTestId('login-item-hint').textContent()).toBe('Disponible en Windows.');
    expect(await startAtLogin().isDisabled()).toBe(true);
    expect(await options().getByRole('button', { name: 'Guardar' }).isDisabled()).toBe(true);
    await shot('43-desktop-settings-unsupported');
    await closeOptions();
    expect(h.pageErrors).toEqual([]);
  });
});
