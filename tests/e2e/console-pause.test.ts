import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { unlabelledFields } from './page-checks';

/**
 * *Pausar sincronización* in the built console (real Chromium, real handlers and SQLite): per company in the
 * Sincronización group, for every company above the grid, the grid's «En pausa» tag, and *Sincronizar ahora*
 * refused while paused. Without Chromium or the build every test FAILS.
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
let h: ConsoleHarness;
let page: Page;
let setupError: unknown;
const erp = new FakeErp();
const ready = (): void => {
  if (setupError) throw setupError;
};
const company = (): Locator => page.getByTestId('pause-company');
const all = (): Locator => page.getByTestId('pause-all');

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    const store = new RecordingStore();
    h = await startConsoleHarness({ erpFactory: erp.factory, storeFactory: () => store });
    page = h.page;
    await h.opened.service.saveConnection({
      name: 'Microsip Mérida',
      config: { kind: 'microsip', host: '127.0.0.1', port: 3050, folder: '/datos/microsip', user: 'SYSDBA' },
      newPassword: 'masterkey',
    });
    await page.reload();
    await page.locator('.row-button').first().click();
    await company().waitFor();
  } catch (err) {
    setupError = err;
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Pausar sincronización (Chromium, handlers reales)', () => {
  it('pausa una empresa 4 horas: el grupo y la lista lo muestran, y Sincronizar ahora se rechaza', async () => {
    ready();
    expect(await unlabelledFields(page)).toEqual([]);
    await company().getByLabel('Pausar sincronización').selectOption('4h');
    await company().getByRole('button', { name: 'Pausar', exact: true }).click();
    await expect.poll(() => company().getByRole('status').first().textContent()).toMatch(/^Pausada hasta el /);
    expect(await page.locator('.companies-grid .tag.paused').count()).toBe(1);
    const saved = h.opened.pauses.list();
    expect(saved).toMatchObject([{ connectionId: 1, companyId: '1', pausedBy: 'contador' }]);
    const hours = (Date.parse(saved[0]!.until!) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(3.9);
    expect(hours).toBeLessThanOrEqual(4);

    await page.getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect
      .poll(() => page.getByText(/está en pausa hasta el .* \(la pausó contador\)/).count())
      .toBeGreaterThan(0);
    expect(h.opened.engine.history.last({ connectionId: 1, companyId: '1' })).toBeUndefined();
    await page.keyboard.press('Escape');
  });

  it('pausa todas hasta una fecha; la empresa muestra la pausa de todas; se reanudan por separado', async () => {
    ready();
    const end = DateTime.now().plus({ days: 10 }).set({ hour: 18, minute: 0 });
    await all().getByLabel('Pausar sincronización').selectOption('date');
    await all().getByLabel('Fin de la pausa').fill(end.toFormat("yyyy-MM-dd'T'HH:mm"));
    await all().getByRole('button', { name: 'Pausar todas' }).click();
    const label = `Pausada (todas las empresas) hasta el ${end.toFormat('dd/MM/yyyy')} 18:00`;
    await expect.poll(() => all().getByRole('status').first().textContent()).toContain(label);
    await expect.poll(() => company().getByRole('status').first().textContent()).toContain(label);
    // Under the pause of every company, the company's own Reanudar gives way to Reanudar todas.
    expect(await company().getByRole('button', { name: 'Reanudar' }).count()).toBe(0);
    expect(await page.locator('.companies-grid .tag.paused').count()).toBe(2);
    await page.screenshot({ path: path.join(SHOTS, '62-pausa.png') });

    await all().getByRole('button', { name: 'Reanudar todas' }).click();
    await expect.poll(() => h.opened.pauses.list().length).toBe(0);
    await expect.poll(() => page.locator('.companies-grid .tag.paused').count()).toBe(0);
    await expect.poll(() => company().getByRole('button', { name: 'Pausar', exact: true }).count()).toBe(1);
    const events = h.opened.journal.listEvents({ days: 1 }).map((e) => e.message);
    expect(events).toContain('Sincronización de todas las empresas reanudada por contador.');
  });

  it('una fecha que ya pasó se rechaza con un mensaje en español y no guarda nada', async () => {
    ready();
    await all().getByLabel('Pausar sincronización').selectOption('date');
    await all().getByLabel('Fin de la pausa').fill('2020-01-01T10:00');
    await all().getByRole('button', { name: 'Pausar todas' }).click();
    await expect
      .poll(() => all().getByRole('alert').textContent())
      .toBe('La fecha de fin de la pausa ya pasó: indique una fecha futura.');
    expect(h.opened.pauses.list()).toEqual([]);
  });
});
