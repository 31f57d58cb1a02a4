import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportAsText } from '../../shared/erp-diagnostics';
import { AUTO_STAMP_NOTICE } from '../../shared/company-settings';
import { FakeErp } from '../helpers/fake-erp';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { sampleReport } from '../helpers/diagnostic-report';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { unlabelledFields } from './page-checks';

/**
 * Issue 12 in the built console, real Chromium, real handlers and SQLite, with the in-memory ERP double (its
 * `diagnose` returns a fixed report: the adapters' own Diagnóstico is tested against Firebird and the CONTPAQi
 * emulation). A CONTPAQi Start/Pro connection and a Microsip one: *Diagnóstico* and *Copiar informe*,
 * *Pedidos y cotizaciones* saved by *Aceptar*, the licence notice only for Start/Pro, *Eliminar conexión*.
 * Without the build or Chromium every test FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');

let erp: FakeErp;
let h: ConsoleHarness;
let page: Page;
let contpaqiId: number;
let microsipId: number;

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const messageBox = (): Locator => page.getByRole('alertdialog', { name: 'Wopen' });
const closeMessageBox = async (): Promise<void> => {
  await messageBox().getByRole('button', { name: 'Aceptar' }).click();
  await messageBox().waitFor({ state: 'detached' });
};
const dialogButton = (name: string): Locator =>
  page.locator('.dialog-buttons').getByRole('button', { name, exact: true });
const selectRow = async (name: string): Promise<void> => {
  await page.locator('.row-button').filter({ hasText: name }).click();
  await expect.poll(() => page.locator('.selected-company strong').textContent()).toBe(name);
};
const ordersGroup = (): Locator =>
  page.locator('fieldset').filter({ has: page.getByText('Pedidos y cotizaciones', { exact: true }) });
const openEditor = async (): Promise<Locator> => {
  await page.getByRole('button', { name: 'Modificar conexión…' }).click();
  const editor = page.getByRole('dialog', { name: 'Modificar conexión al ERP' });
  await editor.waitFor();
  return editor;
};
const NANDU = 'ÑANDÚ €URO';
const GUERA = '“LA GÜERA” S.A.';

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    erp = new FakeErp();
    erp.orderWriter = new MemoryOrderWriter();
    erp.diagnosis = (companyId) => sampleReport(companyId, { missing: true, warn: true });
    h = await startConsoleHarness({ erpFactory: erp.factory });
    page = h.page;
    // A locator that never appears fails with its name instead of the test's timeout.
    page.setDefaultTimeout(15_000);
    await h.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    const service = h.opened.service;
    contpaqiId = (
      await service.saveConnection({
        name: 'Comercial Pro (pruebas)',
        config: {
          kind: 'contpaqi',
          server: 'SERVIDOR\\COMPAC',
          database: 'adPRUEBAS',
          authentication: 'sql',
          user: 'sa',
          encrypt: false,
          trustServerCertificate: true,
        },
        newPassword: 'sql-ñ',
      })
    ).id;
    microsipId = (
      await service.saveConnection({
        name: 'Microsip Mérida',
        config: { kind: 'microsip', host: '127.0.0.1', port: 3050, folder: 'C:\\Microsip datos\\', user: 'SYSDBA' },
        newPassword: 'masterkey',
      })
    ).id;
    await page.reload();
    await page.locator('.row-button').filter({ hasText: NANDU }).waitFor();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('Herramientas de la conexión (issue 12)', () => {
  it('Diagnóstico lista cada sección con sus insignias, el servidor y su edición; Copiar informe pone el texto en el portapapeles', async () => {
    ready();
    expect(await page.getByLabel('Conexión al ERP').locator('option:checked').textContent()).toBe(
      'Comercial Pro (pruebas)',
    );
    const editor = await openEditor();
    await shot('29-editor-con-diagnostico');
    await editor.getByRole('button', { name: 'Diagnóstico…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Diagnóstico — Comercial Pro (pruebas)' });
    await dialog.waitFor();
    const headline = dialog.getByTestId('diag-headline');
    await expect
      .poll(() => headline.textContent())
      .toContain('Falta 1 elemento que Wopen Sync necesita: corríjalo antes de sincronizar.');
    // The company shown in the console is the one examined first.
    expect(erp.diagnosedFor).toEqual(['1']);
    expect(await dialog.getByLabel('Empresa').locator('option:checked').textContent()).toBe(NANDU);
    expect(await dialog.getByTestId('diag-count-correcto').textContent()).toBe('Correcto: 3');
    expect(await dialog.getByTestId('diag-count-advertencia').textContent()).toBe('Advertencia: 1');
    expect(await dialog.getByTestId('diag-count-falta').textContent()).toBe('Falta: 1');
    expect(await dialog.getByTestId('diag-server').textContent()).toBe('Firebird 3.0.11 (WI-V3.0.11.33703)');
    expect(await dialog.getByTestId('diag-edition').textContent()).toBe('SuperServer');

    // Each section is a region named by its title; each check reads badge, subject, message.
    const orders = dialog.getByRole('region', { name: /^Pedidos \(escritura\)/ });
    expect(await orders.getByRole('heading').textContent()).toBe('Pedidos (escritura) (Falta: 1)');
    const missing = orders.getByRole('listitem').filter({ hasText: 'SUCURSAL_ID' });
    expect(await missing.innerText()).toMatch(
      /^✕ Falta\s+Columna DOCTOS_VE\.SUCURSAL_ID \(NOT NULL\)\s+No se sabe qué valor darle/,
    );
    const articles = dialog.getByRole('region', { name: /^Catálogo Artículos/ });
    expect(await articles.locator('.diag-check.advertencia .diag-badge').textContent()).toBe('! Advertencia');
    expect(
      await dialog
        .getByRole('region', { name: /^Conexión/ })
        .locator('.diag-check.correcto .diag-badge')
        .textContent(),
    ).toBe('✓ Correcto');
    await shot('30-diagnostico');

    // Another company: diagnosed again, and Copiar informe copies that report.
    await dialog.getByLabel('Empresa').selectOption({ label: GUERA });
    await expect.poll(() => erp.diagnosedFor).toEqual(['1', '2']);
    await expect.poll(() => dialog.locator('.diag-facts').innerText()).toContain(GUERA);
    await dialog.getByRole('button', { name: 'Copiar informe' }).click();
    await expect
      .poll(() => dialog.getByTestId('diag-copy-status').textContent())
      .toBe('Se copió el informe al portapapeles; péguelo en su mensaje a soporte.');
    const clipboard = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(clipboard).toBe(reportAsText(sampleReport('2', { missing: true, warn: true })));
    expect(clipboard).toContain('[FALTA] Columna DOCTOS_VE.SUCURSAL_ID (NOT NULL)');
    await shot('31-diagnostico-copiado');
    expect(await unlabelledFields(page)).toEqual([]);

    // Only what needs attention: the correcto checks and the all-correct section go.
    await dialog.getByRole('checkbox', { name: 'Mostrar solo faltas y advertencias' }).check();
    expect(
      await dialog.getByRole('region').evaluateAll((els) => els.map((e) => e.querySelector('h3')?.textContent)),
    ).toEqual(['Catálogo Artículos (Advertencia: 1)', 'Pedidos (escritura) (Falta: 1)']);
    expect(await dialog.locator('.diag-check.correcto').count()).toBe(0);
    await dialog.getByRole('checkbox', { name: 'Mostrar solo faltas y advertencias' }).uncheck();
    expect(await dialog.locator('.diag-check.correcto').count()).toBe(3);

    // A machine where neither way of copying works: the report is shown, selected, to copy by hand.
    await page.evaluate(`
      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: () => Promise.reject(new Error('denegado')) } });
      document.execCommand = () => false;
    `);
    await dialog.getByRole('button', { name: 'Copiar informe' }).click();
    await expect
      .poll(() => dialog.getByTestId('diag-copy-status').textContent())
      .toBe('No se pudo copiar al portapapeles: el informe quedó seleccionado abajo; cópielo con Ctrl+C.');
    const manual = dialog.getByLabel('Informe para copiar');
    expect(await manual.inputValue()).toBe(reportAsText(sampleReport('2', { missing: true, warn: true })));
    await expect.poll(() => page.locator(':focus').getAttribute('aria-label')).toBe('Informe para copiar');
    expect(
      await manual.evaluate((el) => {
        const t = el as unknown as { selectionStart: number; selectionEnd: number; value: string };
        return t.selectionEnd - t.selectionStart === t.value.length;
      }),
    ).toBe(true);
    await shot('31b-diagnostico-copia-manual');

    // An adapter without Diagnóstico: the dialog says so in Spanish.
    const saved = erp.diagnosis;
    erp.diagnosis = null;
    await dialog.getByRole('button', { name: 'Revisar de nuevo' }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toBe('La conexión «Comercial Pro (pruebas)» es de un tipo de ERP que todavía no tiene Diagnóstico.');
    expect(await dialog.getByRole('button', { name: 'Copiar informe' }).isDisabled()).toBe(true);
    erp.diagnosis = saved;
    await dialog.getByRole('button', { name: 'Revisar de nuevo' }).click();
    await dialog.getByTestId('diag-headline').waitFor();

    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Back in the editor, on the button that opened it.
    expect(await page.locator(':focus').textContent()).toBe('Diagnóstico…');
    await editor.getByRole('button', { name: 'Cancelar' }).click();
    await editor.waitFor({ state: 'detached' });
    const events = h.opened.journal
      .listEvents({ days: 1 })
      .filter((e) => e.message.startsWith('Diagnóstico de «Comercial Pro (pruebas)»'));
    expect(events).toHaveLength(3);
  });

  it('Pedidos y cotizaciones no tiene su propio Guardar: Aceptar lo guarda con todo lo demás, y Cancelar lo descarta', async () => {
    ready();
    await selectRow(NANDU);
    await page.getByRole('checkbox', { name: 'Sincronización Pedidos' }).check();
    const series = ordersGroup().getByLabel('Serie de pedidos');
    await series.waitFor();
    expect(await ordersGroup().getByRole('button', { name: 'Guardar' }).count()).toBe(0);
    await series.selectOption('P');
    await ordersGroup().getByRole('checkbox', { name: 'RFC obligatorio para clientes nuevos' }).check();
    // Both kinds of edit mark the row as pending, like any other edit.
    await expect.poll(() => page.locator('.tag.pending').count()).toBe(1);

    // A company value that cannot be saved: neither block is saved.
    await page.getByLabel('Periodo de sincronización (min.)').fill('4');
    await dialogButton('Aceptar').click();
    await messageBox().waitFor();
    await closeMessageBox();
    const scope = { connectionId: contpaqiId, companyId: '1' };
    expect(h.opened.service.getCompanySettings(contpaqiId, '1').updatedAt).toBeNull();
    expect(h.opened.orders.current(scope).seriesPedidos).toBeNull();

    await page.getByLabel('Periodo de sincronización (min.)').fill('30');
    const reads = (): number => h.calls.filter((c) => c.method === 'getOrderSettings').length;
    const readsBefore = reads();
    await dialogButton('Aceptar').click();
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain('La configuración se guardó.');
    await closeMessageBox();
    expect(h.opened.service.getCompanySettings(contpaqiId, '1')).toMatchObject({
      orders: true,
      period: 30,
      branchId: '10',
    });
    expect(h.opened.orders.current(scope)).toMatchObject({ seriesPedidos: 'P', requireRfc: true });
    // The company's settings changed (its Sucursal may have): its series, per branch, are read again.
    await expect.poll(reads).toBe(readsBefore + 1);
    await expect.poll(() => ordersGroup().getByLabel('Serie de pedidos').inputValue()).toBe('P');
    const save = h.calls.filter((c) => c.method === 'saveSettings').at(-1)?.payload as {
      companies: unknown[];
      orders: unknown[];
    };
    expect(save.companies).toHaveLength(1);
    expect(save.orders).toHaveLength(1);
    expect(h.calls.some((c) => (c.method as string) === 'saveOrderSettings')).toBe(false);

    // Only the order block changed: Aceptar still saves it; Cancelar discards such an edit.
    await ordersGroup().getByLabel('Serie de cotizaciones').selectOption('C');
    await expect.poll(() => page.locator('.tag.pending').count()).toBe(1);
    await dialogButton('Cancelar').click();
    expect(await ordersGroup().getByLabel('Serie de cotizaciones').inputValue()).toBe('');
    expect(await page.locator('.tag.pending').count()).toBe(0);
    await ordersGroup().getByLabel('Serie de cotizaciones').selectOption('C');
    await dialogButton('Aceptar').click();
    await messageBox().waitFor();
    await closeMessageBox();
    expect(h.opened.orders.current(scope)).toMatchObject({ seriesPedidos: 'P', seriesCotizaciones: 'C' });
    await ordersGroup().scrollIntoViewIfNeeded();
    await shot('32-pedidos-con-aceptar');
  });

  it('el aviso de la licencia del timbrado automático solo aparece en CONTPAQi Start/Pro', async () => {
    ready();
    const notice = page.getByRole('note').filter({ hasText: 'se consumirá un usuario más de la licencia' });
    await selectRow(GUERA);
    await page.getByLabel('Timbrado de factura automática').check();
    await notice.waitFor();
    expect(await notice.textContent()).toBe(`Importante: ${AUTO_STAMP_NOTICE}`);
    await shot('33-timbrado-contpaqi');
    await dialogButton('Cancelar').click();

    await page.getByLabel('Conexión al ERP').selectOption({ label: 'Microsip Mérida' });
    await page.locator('.row-button').filter({ hasText: GUERA }).waitFor();
    await selectRow(GUERA);
    await page.getByLabel('Timbrado de factura automática').check();
    // The default SAT keys still show (they are not about the licence); the licence notice does not.
    await page.getByLabel('Clave Prod/Serv').waitFor();
    expect(await notice.count()).toBe(0);
    await shot('34-timbrado-microsip');
    await dialogButton('Cancelar').click();
  });

  it('Eliminar conexión pide confirmación diciendo qué se va con ella; Cancelar no borra nada y Eliminar refresca la lista', async () => {
    ready();
    // The Microsip connection is the one shown now.
    const editor = await openEditor();
    await editor.getByRole('button', { name: 'Eliminar conexión…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Eliminar conexión' });
    await confirm.waitFor();
    const text = await confirm.innerText();
    expect(text).toContain('¿Eliminar la conexión «Microsip Mérida»?');
    for (const part of [
      'sincronización, periodo, sucursal, timbrado y la cuenta de Wopen con su contraseña',
      'La configuración de Pedidos y cotizaciones.',
      'El estado de sincronización (lo ya enviado a la tienda) y el Historial de sincronización.',
      'La contraseña guardada de la conexión.',
      'El Visor de eventos conserva sus eventos. No se modifica nada en el ERP ni en la tienda Wopen.',
    ]) {
      expect(text).toContain(part);
    }
    // The safe answer has the focus.
    expect(await page.locator(':focus').textContent()).toBe('Cancelar');
    await shot('35-eliminar-confirmacion');
    await confirm.getByRole('button', { name: 'Cancelar' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(h.opened.service.listConnections()).toHaveLength(2);

    await editor.getByRole('button', { name: 'Eliminar conexión…' }).click();
    await confirm.getByRole('button', { name: 'Eliminar', exact: true }).click();
    await confirm.waitFor({ state: 'detached' });
    await editor.waitFor({ state: 'detached' });
    expect(h.opened.service.listConnections().map((c) => c.id)).toEqual([contpaqiId]);
    const select = page.getByLabel('Conexión al ERP');
    await expect.poll(() => select.locator('option').allTextContents()).toEqual(['Comercial Pro (pruebas)']);
    await expect
      .poll(() => page.locator('.dialog-buttons .status').textContent())
      .toBe('Se eliminó la conexión «Microsip Mérida».');
    await page.locator('.row-button').filter({ hasText: NANDU }).waitFor();
    await shot('36-conexion-eliminada');
    expect(microsipId).not.toBe(contpaqiId);

    // The last one: the console then asks for a new connection, as on the first start.
    await (await openEditor()).getByRole('button', { name: 'Eliminar conexión…' }).click();
    await confirm.getByRole('button', { name: 'Eliminar', exact: true }).click();
    await page.getByRole('dialog', { name: 'Nueva conexión al ERP' }).waitFor();
    expect(h.opened.service.listConnections()).toEqual([]);
    expect(h.pageErrors).toEqual([]);
  });
});
