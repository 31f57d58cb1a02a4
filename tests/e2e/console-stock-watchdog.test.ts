import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../shared/company-settings';
import { FakeErp } from '../helpers/fake-erp';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { unlabelledFields } from './page-checks';

/**
 * *Existencias en la tienda* (per company, saved with *Aceptar*) and *Opciones* › *Sincronización sin avance*,
 * built, in real Chromium, against the real handlers and SQLite (the ERP is the in-memory double: these are
 * settings, the Firebird tests prove what they do).
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
let h: ConsoleHarness;
let page: Page;
let connectionId: number;
let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const messageBox = (): Locator => page.getByRole('alertdialog', { name: 'Wopen' });
const accept = (): Promise<void> => page.locator('.dialog-buttons').getByRole('button', { name: 'Aceptar' }).click();
const stockGroup = (): Locator =>
  page.locator('fieldset.group-box').filter({ has: page.locator('legend', { hasText: 'Existencias en la tienda' }) });
const rule = () =>
  h.opened.db.prepare('SELECT NegativeAsZero, SafetyStock FROM company_stock_rules WHERE CompanyID = ?').get('1') as
    { NegativeAsZero: number; SafetyStock: number } | undefined;

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    const erp = new FakeErp();
    h = await startConsoleHarness({ erpFactory: erp.factory, viewport: { width: 1100, height: 1000 } });
    const saved = await h.opened.service.saveConnection({
      config: { kind: 'microsip', host: 'servidor', port: 3050, folder: 'C:\\Microsip datos', user: 'SYSDBA' },
      newPassword: 'masterkey',
    });
    connectionId = saved.id;
    await h.opened.service.listCompanies(connectionId);
    page = await h.newPage();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('Existencias en la tienda', () => {
  it('shows the defaults, refuses a buffer that is not whole units, saves both with Aceptar', async () => {
    ready();
    await page.locator('.row-button').filter({ hasText: 'ÑANDÚ €URO' }).click();
    const negative = page.getByRole('checkbox', { name: 'Publicar existencias negativas como 0' });
    const safety = page.getByLabel('Existencia de seguridad (unidades)');
    await expect.poll(() => negative.isChecked()).toBe(true);
    await expect.poll(() => safety.inputValue()).toBe('0');
    expect(await unlabelledFields(page)).toEqual([]);

    await negative.uncheck();
    await safety.fill('2,5');
    await accept();
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain(MESSAGES.safetyStock);
    await messageBox().getByRole('button', { name: 'Aceptar' }).click();
    await messageBox().waitFor({ state: 'detached' });
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('wopen-safety-stock');
    expect(rule()).toBeUndefined(); // nothing saved

    await safety.fill('25');
    await accept();
    await expect.poll(() => rule()).toEqual({ NegativeAsZero: 0, SafetyStock: 25 });
    expect(h.opened.service.getCompanySettings(connectionId, '1')).toMatchObject({
      negativeStockAsZero: false,
      safetyStock: 25,
    });
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain('La configuración se guardó.');
    await messageBox().getByRole('button', { name: 'Aceptar' }).click();
    await messageBox().waitFor({ state: 'detached' });
    await stockGroup().scrollIntoViewIfNeeded();
    await shot('64-existencias');
  });
});

describe('Opciones › Sincronización sin avance', () => {
  it('shows 15 min., refuses 0, saves 30 for the engine', async () => {
    ready();
    await page.locator('.dialog-buttons').getByRole('button', { name: 'Opciones…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Opciones de la consola' });
    await dialog.waitFor();
    const minutes = dialog.getByLabel('Detener una sincronización sin avance después de (min.)');
    await expect.poll(() => minutes.inputValue()).toBe('15');
    await minutes.fill('0');
    await expect.poll(() => dialog.innerText()).toContain('debe ser un número entero entre 5 y 1440');
    await minutes.fill('30');
    // One Guardar for the whole dialog (its footer), like the other options.
    await dialog.getByRole('button', { name: 'Guardar' }).click();
    await dialog.getByTestId('watchdog-status').waitFor();
    expect(await dialog.getByTestId('watchdog-status').innerText()).toBe(
      'Una sincronización sin avance se detendrá después de 30 min.',
    );
    expect(h.opened.engine.watchdogSettings.get()).toEqual({ stallMinutes: 30 });
    await shot('65-opciones-sin-avance');
  });
});
