import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreOrder } from '../../electron/erp/order-writer';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { settingsInput } from '../helpers/settings-input';
import { startConsoleHarness, type ConsoleHarness } from './harness';

/**
 * A run that imports store orders, as the accountant sees it in the built console (real Chromium, handlers, engine
 * and SQLite; ERP and store in memory): the phase's counts in *Última sincronización* and in *Pedidos y cotizaciones*,
 * both from the run view's generic phase list.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

let h: ConsoleHarness;
let page: Page;
let setupError: unknown;
const store = new RecordingStore();
const erp = new FakeErp();
erp.orderWriter = new MemoryOrderWriter();

const ready = (): void => {
  if (setupError) throw setupError;
};
const order = (id: string, over: Partial<StoreOrder> = {}): StoreOrder => ({
  id,
  kind: 'pedido',
  paymentStatus: 'paid',
  createdAt: '2026-11-20T10:00:00.000Z',
  customerKey: 'C1',
  currency: 'MXN',
  lines: [{ articleKey: 'A1', quantity: 2, unitPrice: 100 }],
  freight: 0,
  ...over,
});

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startConsoleHarness({ erpFactory: erp.factory, storeFactory: () => store });
    page = h.page;
    const { id } = await h.opened.service.saveConnection({
      name: 'Microsip pedidos',
      config: { kind: 'microsip', host: 'localhost', port: 3050, folder: '/datos', user: 'SYSDBA' },
      newPassword: 'clave',
    });
    await h.opened.service.listCompanies(id);
    const saved = await h.opened.service.saveSettings(id, [
      settingsInput('1', {
        sync: true,
        orders: true,
        branchId: '10',
        url: 'https://tienda.wopen.com.mx',
        user: 'integracion',
        newPassword: 'secreta',
      }),
    ]);
    expect(saved).toMatchObject({ ok: true });
    store.addOrder(order('WEB-1'));
    store.addOrder(order('WEB-2', { kind: 'cotizacion' }));
    store.addOrder(order('WEB-3', { customerKey: 'NADIE' }));
    await page.reload();
    await page.locator('.row-button').first().waitFor();
  } catch (err) {
    setupError = err;
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Pedidos desde la tienda (Chromium, handlers reales)', () => {
  it('Sincronizar ahora importa los pedidos; la última sincronización y Pedidos y cotizaciones muestran las cifras', async () => {
    ready();
    await page.locator('.row-button').first().click();
    const syncGroup = (): Locator => page.locator('.sync-group');
    await syncGroup().getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect
      .poll(() => syncGroup().getByTestId('last-run-orders').textContent(), { timeout: 20_000 })
      .toBe('2 importados, 1 rechazados, 0 pendientes');
    expect(await syncGroup().getByTestId('last-run-state').textContent()).toBe('Exitoso');
    expect(await syncGroup().locator('.run-facts').innerText()).toMatch(/Pedidos\s+2 importados/);
    const counts = page.locator('.orders-group').getByTestId('order-counts');
    await expect
      .poll(() => counts.textContent())
      .toBe('Última sincronización: 2 importados, 1 rechazados, 0 pendientes.');
    await page.locator('.orders-group').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, '21-pedidos-resultado.png'), fullPage: true });
    expect(store.orders.get('WEB-3')).toMatchObject({ status: 'rejected' });
    expect(h.pageErrors).toEqual([]);
  });
});
