import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_COMPANIES, prepareMicrosipFixture, type MicrosipFixture } from './microsip-fixture';
import { SAMPLE_WAREHOUSES } from '../../scripts/fixtures/microsip';
import { startConsoleHarness, type ConsoleHarness } from './harness';

/**
 * *Pedidos y cotizaciones* (issue 5): the built console in real Chromium, the real handlers, and a real
 * Microsip company on Firebird that can take orders (series in FOLIOS_VENTAS, articles, warehouses). Without
 * Chromium, Firebird or the build every test FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

let fixture: MicrosipFixture;
let h: ConsoleHarness;
let page: Page;
let connectionId: number;
let company: { id: string; name: string };

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};
const group = (): Locator =>
  page.locator('fieldset').filter({ has: page.getByText('Pedidos y cotizaciones', { exact: true }) });

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    fixture = await prepareMicrosipFixture(
      [
        {
          ...E2E_COMPANIES[0]!,
          warehouses: [...SAMPLE_WAREHOUSES],
          catalogs: { schema: 'full', data: 'sample' },
          orders: true,
        },
      ],
      'e2e-pedidos',
    );
    company = fixture.companies[0]!;
    h = await startConsoleHarness();
    page = h.page;
    connectionId = (
      await h.opened.service.saveConnection({
        name: 'Microsip pedidos',
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
    // One order the ERP refused in an earlier run, for the list of failed orders.
    const scope = { connectionId, companyId: company.id, storeKey: 'https://tienda.wopen.com.mx#t1' };
    h.opened.engine.inbox.receive(
      scope,
      {
        id: 'WEB-ÑU-77',
        kind: 'pedido',
        paymentStatus: 'paid',
        createdAt: '2026-03-02T16:30:00Z',
        customerKey: 'CLIENTE-XYZ',
        currency: 'MXN',
        lines: [{ articleKey: '1003', quantity: 2, unitPrice: 10 }],
        freight: 0,
      },
      'hash-1',
      'WPRUEBA-WEB-ÑU-77',
    );
    h.opened.engine.inbox.rejectedWith(scope, 'WEB-ÑU-77', 'El cliente «CLIENTE-XYZ» no existe en el ERP.');
    // And one the store sent malformed: listed, but only the store can correct it.
    h.opened.engine.inbox.receiveMalformed(
      scope,
      'WEB-MAL-1',
      'La partida 1 no tiene precio unitario numérico.',
      '{"id":"WEB-MAL-1"}',
      'WPRUEBA-WEB-MAL-1',
    );
    await page.reload();
    await page.locator('.row-button').filter({ hasText: company.name }).waitFor();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
  await fixture?.cleanup();
});

describe('Pedidos y cotizaciones contra Microsip (Firebird real)', () => {
  it('con Sincronización Pedidos muestra las series del ERP, el artículo de fletes y los pedidos con error', async () => {
    ready();
    await page.locator('.row-button').filter({ hasText: company.name }).click();
    await expect.poll(() => page.locator('.selected-company strong').first().textContent()).toBe(company.name);
    expect(await group().count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Sincronización Pedidos' }).check();
    await group().getByLabel('Serie de pedidos').waitFor();

    const options = async (label: string) => group().getByLabel(label).locator('option').allInnerTexts();
    await expect
      .poll(() => options('Serie de pedidos'))
      .toEqual([
        '(Predeterminada del ERP)',
        expect.stringMatching(/^Serie P \(siguiente folio/),
        expect.stringMatching(/^Serie WEB \(siguiente folio/),
      ]);
    expect(await options('Serie de cotizaciones')).toEqual([
      '(Predeterminada del ERP)',
      expect.stringMatching(/^Serie C /),
      expect.stringMatching(/^Sin serie/),
    ]);
    const articles = await options('Artículo de fletes');
    expect(articles.some((t) => t.includes('Flete'))).toBe(true);
    expect(articles.some((t) => t.includes('Pinzas “Ñ” de electricista €'))).toBe(true);
    expect((await options('Almacén')).length).toBeGreaterThan(1);
    expect(await group().innerText()).toContain('Este producto no se mostrará en los buscadores');

    // Failed orders with their reason.
    const failedRow = group().locator('tbody tr').filter({ hasText: 'WEB-ÑU-77' });
    await failedRow.waitFor();
    expect(await failedRow.innerText()).toContain('El cliente «CLIENTE-XYZ» no existe en el ERP.');
    const malformedRow = group().locator('tbody tr').filter({ hasText: 'WEB-MAL-1' });
    expect(await malformedRow.innerText()).toMatch(
      /Mal formado[\s\S]*La partida 1 no tiene precio unitario numérico\.[\s\S]*Corríjalo en la tienda/,
    );
    expect(await malformedRow.getByRole('button').count()).toBe(0);

    await group().getByLabel('Serie de pedidos').selectOption('WEB');
    await group().getByLabel('Serie de cotizaciones').selectOption('C');
    const flete = articles.find((t) => t.includes('Flete'))!;
    await group().getByLabel('Artículo de fletes').selectOption({ label: flete });
    await group().getByRole('checkbox', { name: 'RFC obligatorio para clientes nuevos' }).check();
    // Issue 12: no Guardar of its own; the dialog's Aceptar saves it with Sincronización Pedidos and the Sucursal.
    expect(await group().getByRole('button', { name: 'Guardar' }).count()).toBe(0);
    await page.getByLabel('Sucursal').selectOption({ index: 1 });
    await page.locator('.dialog-buttons').getByRole('button', { name: 'Aceptar' }).click();
    const box = page.getByRole('alertdialog', { name: 'Wopen' });
    await box.waitFor();
    expect(await box.innerText()).toContain('La configuración se guardó.');
    await box.getByRole('button', { name: 'Aceptar' }).click();
    await box.waitFor({ state: 'detached' });
    expect(h.opened.service.getCompanySettings(connectionId, company.id).orders).toBe(true);
    expect(h.opened.engine.orderSettings.get({ connectionId, companyId: company.id })).toEqual({
      seriesPedidos: 'WEB',
      seriesCotizaciones: 'C',
      freightArticleId: '1500',
      warehouseId: null,
      requireRfc: true,
    });
    await group().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SHOTS, '20-pedidos-y-cotizaciones.png'), fullPage: true });

    // Reintentar: back in the inbox; without store settings the run cannot start yet, and the console says so.
    await failedRow.getByRole('button', { name: 'Reintentar' }).click();
    await expect
      .poll(() => group().getByRole('status').innerText())
      .toContain('se escribirá en la próxima sincronización');
    expect(
      h.opened.engine.inbox.get(
        { connectionId, companyId: company.id, storeKey: 'https://tienda.wopen.com.mx#t1' },
        'WEB-ÑU-77',
      )?.state,
    ).toBe('received');
    await expect.poll(() => group().locator('tbody tr').count()).toBe(1);
    expect(await group().locator('tbody tr').innerText()).toContain('WEB-MAL-1');
    expect(h.pageErrors).toEqual([]);
  });
});
