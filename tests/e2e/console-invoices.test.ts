import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { MemoryInvoiceWriter, MemoryStamper } from '../helpers/memory-invoice-writer';
import { settingsInput } from '../helpers/settings-input';
import { startConsoleHarness, type ConsoleHarness } from './harness';

/**
 * Issue 7 as the accountant sees it in the built console (real Chromium, real handlers, engine and SQLite; the
 * ERP and stamper are in-memory doubles): *Sincronizar ahora* creates the requested invoices, stamps them,
 * shows the counts in the last run, and a PAC refusal is in the *Visor de eventos* with the SAT message.
 */
const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const PAC = 'El campo RegimenFiscalReceptor no corresponde con el RFC del receptor.';

let h: ConsoleHarness;
let page: Page;
let setupError: unknown;
const store = new RecordingStore();
const erp = new FakeErp();
const writer = new MemoryInvoiceWriter();
const stamper = new MemoryStamper(writer);
erp.invoiceWriter = writer;
erp.stamper = stamper;

const ready = (): void => {
  if (setupError) throw setupError;
};
const syncGroup = (): Locator => page.locator('.sync-group');

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    h = await startConsoleHarness({ erpFactory: erp.factory, storeFactory: () => store });
    page = h.page;
    const { id } = await h.opened.service.saveConnection({
      name: 'Comercial Pro',
      config: {
        kind: 'contpaqi',
        server: 'SERVIDOR\\COMPAC',
        database: 'ComercialSP',
        authentication: 'sql',
        user: 'sa',
        encrypt: false,
        trustServerCertificate: true,
      },
      newPassword: 'clave',
    });
    await h.opened.service.listCompanies(id);
    const saved = await h.opened.service.saveSettings(id, [
      settingsInput('1', {
        sync: true,
        invoices: true,
        autoStamp: true,
        claveProdServ: '43211500',
        claveUnidad: 'H87',
        url: 'https://tienda.wopen.com.mx',
        user: 'integracion',
        newPassword: 'secreta',
      }),
    ]);
    expect(saved).toMatchObject({ ok: true });
    const line = { articleKey: 'A1', quantity: 1, unitPrice: 100 };
    store.addInvoiceRequest({
      id: 'sol-1',
      orderId: null,
      customerKey: 'C1',
      rfc: 'EKU9003173C9',
      usoCfdi: 'G03',
      currency: 'MXN',
      lines: [line],
    });
    store.addInvoiceRequest({
      id: 'sol-2',
      orderId: null,
      customerKey: 'C2',
      rfc: 'EKU9003173C9',
      usoCfdi: 'G03',
      currency: 'MXN',
      lines: [line],
    });
    store.addInvoiceRequest({
      id: 'sol-3',
      orderId: null,
      customerKey: 'C1',
      rfc: 'EKU9003173C9',
      usoCfdi: 'G03',
      currency: 'CAD',
      lines: [line],
    });
    stamper.refuse.set('5002', PAC);
    await page.reload();
    await page.locator('.row-button').first().waitFor();
  } catch (err) {
    setupError = err;
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('Facturas desde la tienda (Chromium, handlers reales)', () => {
  it('Sincronizar ahora crea y timbra las facturas; el resultado muestra las cifras y el Visor el mensaje del PAC', async () => {
    ready();
    await page.locator('.row-button').filter({ hasText: 'ÑANDÚ €URO' }).click();
    await syncGroup().getByRole('button', { name: 'Sincronizar ahora' }).click();
    await expect
      .poll(() => syncGroup().getByTestId('last-run-invoices').textContent(), { timeout: 20_000 })
      .toBe('2 creadas, 1 timbradas, 1 sin timbrar, 1 rechazadas');
    expect(await syncGroup().getByTestId('last-run-state').textContent()).toBe('Exitoso');
    expect(await syncGroup().getByTestId('last-run-message').textContent()).toContain(
      'Facturas: 2 creadas, 1 timbradas, 1 sin timbrar, 1 rechazadas.',
    );
    await page.screenshot({ path: path.join(SHOTS, '50-facturas-resultado.png'), fullPage: true });
    expect(store.invoiceRequests.get('sol-1')!.result).toMatchObject({ status: 'stamped' });
    expect(store.invoiceRequests.get('sol-2')!.result).toMatchObject({
      status: 'pending',
      message: expect.stringContaining(PAC),
    });
    expect(store.invoiceRequests.get('sol-3')!.result).toMatchObject({ status: 'failed' });

    await page.getByRole('button', { name: 'Visor de eventos' }).click();
    const viewer = page.getByRole('dialog', { name: 'Visor de eventos' });
    await viewer.waitFor();
    const rows = viewer.getByRole('listbox', { name: 'Eventos' }).getByRole('option');
    await expect.poll(async () => (await rows.allTextContents()).join('\n')).toContain(PAC);
    expect((await rows.allTextContents()).join('\n')).toContain(
      'sincroniza solo documentos en MXN, EUR y USD; la solicitud está en CAD',
    );
    await page.screenshot({ path: path.join(SHOTS, '51-facturas-visor.png'), fullPage: true });
  });
});
