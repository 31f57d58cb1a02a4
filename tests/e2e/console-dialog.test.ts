import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../shared/company-settings';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { prepareMicrosipFixture, type MicrosipFixture } from './microsip-fixture';
import { unlabelledFields } from './page-checks';

/**
 * The "Opciones > Wopen" dialog, built, in real Chromium, against the real handlers, SQLite and a real
 * Firebird Microsip database with two companies whose names carry Ñ, € and curly quotes.
 * Needs `npx electron-vite build` first, Chromium at /usr/bin/chromium and Firebird on 127.0.0.1:3050;
 * without them the test fails (it never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const WOPEN_PASSWORD = 'Clave-Secreta-ñ€-9137';
const STORE_URL = 'https://tienda-uno.wopen.com.mx';
const SAME_STORE_TYPED_DIFFERENTLY = 'HTTPS://TIENDA-UNO.WOPEN.COM.MX/';

let fixture: MicrosipFixture;
let h: ConsoleHarness;
let page: Page;
let first: { id: string; name: string };
let second: { id: string; name: string };
let connectionId: number;

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const messageBox = (): Locator => page.getByRole('alertdialog', { name: 'Wopen' });
const closeMessageBox = async (): Promise<void> => {
  await messageBox().getByRole('button', { name: 'Aceptar' }).click();
  await messageBox().waitFor({ state: 'detached' });
};
const rowButton = (name: string): Locator => page.getByRole('button', { name, exact: false }).filter({ hasText: name });
const selectRow = async (name: string): Promise<void> => {
  await rowButton(name).click();
  await expect.poll(() => page.locator('.selected-company strong').textContent()).toBe(name);
};
const focusedId = (): Promise<string | null> => page.locator(':focus').getAttribute('id');
const savedRows = (): number => (h.opened.db.prepare('SELECT COUNT(*) AS n FROM orgWOpen').get() as { n: number }).n;
const accept = (): Promise<void> => page.locator('.dialog-buttons').getByRole('button', { name: 'Aceptar' }).click();

/** Set when Chromium, Firebird or the build is missing: every test then FAILS with it (vitest would report "skipped"). */
let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    fixture = await prepareMicrosipFixture();
    const [a, b] = fixture.companies;
    if (!a || !b) throw new Error('El fixture de Microsip debe tener dos empresas.');
    [first, second] = [a, b];
    h = await startConsoleHarness();
    page = h.page;
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
  await fixture?.cleanup();
});

describe('Opciones > Wopen contra Microsip (Firebird real)', () => {
  it('sin conexiones abre primero el editor; la conexión se prueba y se guarda', async () => {
    ready();
    const editor = page.getByRole('dialog', { name: 'Nueva conexión al ERP' });
    await editor.waitFor();
    await editor.getByLabel('Servidor').fill(fixture.host);
    await editor.getByLabel('Puerto').fill(String(fixture.port));
    await editor.getByLabel('Carpeta de datos').fill(fixture.folder);
    await editor.getByLabel('Usuario').fill(fixture.user);
    await editor.getByLabel('Contraseña').fill(fixture.password);
    // Legacy_Auth is an explicit choice, off for a new connection; the real server takes Srp.
    expect(await editor.getByLabel('Permitir autenticación antigua (Legacy_Auth)').isChecked()).toBe(false);
    await editor.getByRole('button', { name: 'Probar conexión' }).click();
    await editor.locator('.test-result.ok').waitFor();
    await shot('01-conexion-probada');
    await editor.getByRole('button', { name: 'Guardar' }).click();
    await editor.waitFor({ state: 'detached' });

    const connections = h.opened.service.listConnections();
    expect(connections).toHaveLength(1);
    expect(connections[0]!.config).not.toHaveProperty('allowLegacyAuth');
    connectionId = connections[0]!.id;
  });

  it('muestra las dos empresas con sus acentos y símbolos exactos', async () => {
    ready();
    const names = page.locator('.companies-grid .company-name');
    const expected = fixture.companies.map((c) => c.name);
    // Exact strings, in whatever order the adapter sorts them.
    await expect.poll(async () => (await names.allTextContents()).sort()).toEqual([...expected].sort());
    // Like CONTPAQi, the first row comes selected with its settings loaded.
    const firstRow = (await names.allTextContents())[0];
    await expect.poll(() => page.locator('.selected-company strong').textContent()).toBe(firstRow);
    await shot('02-empresas');
  });

  it('un periodo de 4 minutos no se guarda: mensaje con 5 y 1440, cursor en el periodo', async () => {
    ready();
    await selectRow(first.name);
    await page.getByRole('checkbox', { name: `Sincronizar ${first.name}` }).check();
    await page.getByLabel('URL').fill(STORE_URL);
    await page.getByLabel('Usuario', { exact: true }).fill('contador@tienda-uno');
    await page.getByLabel('Contraseña', { exact: true }).fill(WOPEN_PASSWORD);
    await page.getByLabel('Periodo de sincronización (min.)').fill('4');
    await accept();

    await messageBox().waitFor();
    const text = await messageBox().innerText();
    expect(text).toContain(MESSAGES.period);
    expect(text).toMatch(/\b5\b/);
    expect(text).toMatch(/\b1440\b/);
    await shot('03-periodo-invalido');
    await closeMessageBox();
    expect(await focusedId()).toBe('wopen-period');

    expect(h.calls.some((c) => c.method === 'saveSettings')).toBe(false);
    expect(savedRows()).toBe(0);
    expect(h.opened.service.getCompanySettings(connectionId, first.id).updatedAt).toBeNull();
  });

  it('con 30 minutos se guarda', async () => {
    ready();
    await page.getByLabel('Periodo de sincronización (min.)').fill('30');
    // Branch choices come from the company's own Firebird database (SUCURSALES).
    await page.getByLabel('Sucursal').selectOption({ label: 'Matriz Mérida' });
    await accept();
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain('La configuración se guardó.');
    await closeMessageBox();

    const saved = h.opened.service.getCompanySettings(connectionId, first.id);
    expect(saved).toMatchObject({
      sync: true,
      period: 30,
      branchId: '10',
      url: STORE_URL,
      user: 'contador@tienda-uno',
      hasPassword: true,
    });
    expect(savedRows()).toBe(1);
  });

  it('al recargar muestra lo guardado; la contraseña nunca vuelve a la página', async () => {
    ready();
    await page.reload();
    await selectRow(first.name);
    await expect.poll(() => page.getByLabel('Periodo de sincronización (min.)').inputValue()).toBe('30');
    expect(await page.getByLabel('URL').inputValue()).toBe(STORE_URL);
    expect(await page.getByLabel('Sucursal').locator('option:checked').textContent()).toBe('Matriz Mérida');
    expect(await page.getByLabel('Usuario', { exact: true }).inputValue()).toBe('contador@tienda-uno');
    expect(await page.getByRole('checkbox', { name: `Sincronizar ${first.name}` }).isChecked()).toBe(true);
    const password = page.getByLabel('Contraseña', { exact: true });
    expect(await password.inputValue()).toBe('');
    expect(await password.getAttribute('placeholder')).toBe('Contraseña guardada (escriba para cambiarla)');
    await shot('04-recargado');

    for (const call of h.calls) expect(JSON.stringify(call.envelope)).not.toContain(WOPEN_PASSWORD);
    expect(await page.content()).not.toContain(WOPEN_PASSWORD);
    // At rest it is encrypted too: not in the SQLite file nor its WAL.
    for (const file of [h.databasePath, `${h.databasePath}-wal`]) {
      if (fs.existsSync(file)) expect(fs.readFileSync(file).includes(Buffer.from(WOPEN_PASSWORD))).toBe(false);
    }
  });

  it('la misma URL escrita distinto en la segunda empresa se rechaza nombrando a la primera', async () => {
    ready();
    await selectRow(second.name);
    await page.getByRole('checkbox', { name: `Sincronizar ${second.name}` }).check();
    await page.getByLabel('URL').fill(SAME_STORE_TYPED_DIFFERENTLY);
    await page.getByLabel('Usuario', { exact: true }).fill('otro@tienda');
    await page.getByLabel('Contraseña', { exact: true }).fill('otra-clave');
    await accept();

    await messageBox().waitFor();
    const text = await messageBox().innerText();
    expect(text).toContain(MESSAGES.urlInUse(first.name));
    expect(text).toContain(second.name);
    await shot('05-url-repetida');
    await closeMessageBox();
    expect(await focusedId()).toBe('wopen-url');

    expect(h.opened.service.getCompanySettings(connectionId, second.id).updatedAt).toBeNull();
    expect(savedRows()).toBe(1);
  });

  it('las ediciones sobreviven al cambiar de fila y Cancelar las descarta todas', async () => {
    ready();
    await selectRow(first.name);
    await page.getByLabel('Periodo de sincronización (min.)').fill('60');
    // Keyboard: Up/Down move between the grid's rows.
    await rowButton(first.name).focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.selected-company strong').textContent()).toBe(second.name);
    expect(await focusedId()).toBe(`company-row-${second.id}`);
    expect(await page.getByLabel('URL').inputValue()).toBe(SAME_STORE_TYPED_DIFFERENTLY);
    await selectRow(first.name);
    expect(await page.getByLabel('Periodo de sincronización (min.)').inputValue()).toBe('60');
    await expect.poll(() => page.locator('.tag.pending').count()).toBe(2);
    await shot('06-cambios-pendientes');

    await page.locator('.dialog-buttons').getByRole('button', { name: 'Cancelar' }).click();
    expect(await page.getByLabel('Periodo de sincronización (min.)').inputValue()).toBe('30');
    expect(await page.locator('.tag.pending').count()).toBe(0);
    await selectRow(second.name);
    expect(await page.getByLabel('URL').inputValue()).toBe('');
    expect(await page.getByRole('checkbox', { name: `Sincronizar ${second.name}` }).isChecked()).toBe(false);
    expect(h.opened.service.getCompanySettings(connectionId, first.id).period).toBe(30);
  });

  it('Timbrado de factura automática en Microsip: las claves predeterminadas sin el aviso de licencia de CONTPAQi; una Clave Prod/Serv inválida no se guarda', async () => {
    ready();
    await selectRow(first.name);
    // The licence seat is CONTPAQi Start/Pro's (shown there: console-connection-tools.test.ts), never for Microsip.
    const notice = page.getByRole('note').filter({ hasText: 'se consumirá un usuario más de la licencia' });
    const keysNotice = page.getByRole('note').filter({ hasText: 'misma Clave Prod/Serv y Clave Unidad' });
    expect(await keysNotice.count()).toBe(0);
    await page.getByLabel('Timbrado de factura automática').check();
    await keysNotice.waitFor();
    expect(await notice.count()).toBe(0);
    await page.getByLabel('Clave Prod/Serv').fill('3116');
    await page.getByLabel('Clave Unidad').fill('H87');
    await shot('07-timbrado-aviso');
    await accept();
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain('Clave Prod/Serv');
    await closeMessageBox();
    expect(h.opened.service.getCompanySettings(connectionId, first.id).autoStamp).toBe(false);
    await page.locator('.dialog-buttons').getByRole('button', { name: 'Cancelar' }).click();
    expect(await keysNotice.count()).toBe(0);
    expect(await notice.count()).toBe(0);
  });

  it('el Visor de eventos muestra el guardado de los últimos 7 días', async () => {
    ready();
    await page.getByRole('button', { name: 'Visor de eventos' }).click();
    const viewer = page.getByRole('dialog', { name: 'Visor de eventos' });
    await viewer.waitFor();
    const rows = viewer.getByRole('listbox', { name: 'Eventos' }).getByRole('option');
    const savedRow = rows.filter({ hasText: 'Configuración guardada' });
    await savedRow.first().waitFor();
    const cells = await savedRow.first().locator('.cell').allInnerTexts();
    expect(cells[0]).toMatch(/^\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}:\d{2}$/);
    expect(cells.slice(1, 3)).toEqual(['Información', first.name]);
    expect(cells[5]).not.toContain(WOPEN_PASSWORD);
    await expect.poll(() => rows.filter({ hasText: 'No se guardó la configuración' }).count()).toBeGreaterThan(0);
    // Its category and full message are in the detail of the selected row.
    await savedRow.first().click();
    const detail = viewer.getByRole('region', { name: 'Detalle del evento' });
    await expect.poll(() => detail.getByTestId('event-message').textContent()).toContain('Configuración guardada');
    expect(await detail.innerText()).toContain('Configuración');
    expect(await viewer.innerText()).not.toContain(WOPEN_PASSWORD);
    const query = h.calls.filter((c) => c.method === 'queryEvents').at(-1)?.payload as {
      filter: { from: string; to: string };
    };
    const days = (Date.parse(query.filter.to) - Date.parse(query.filter.from)) / 86_400_000;
    expect(days).toBeGreaterThan(7);
    expect(days).toBeLessThan(8.01);
    await shot('07-visor-de-eventos');
    await viewer.getByRole('button', { name: 'Cerrar' }).click();
    await viewer.waitFor({ state: 'detached' });
  });

  it('Diagnóstico contra el Microsip real: servidor Firebird, secciones de catálogos y de pedidos, solo lectura', async () => {
    ready();
    await page.getByRole('button', { name: 'Modificar conexión…' }).click();
    const editor = page.getByRole('dialog', { name: 'Modificar conexión al ERP' });
    await editor.waitFor();
    await editor.getByRole('button', { name: 'Diagnóstico…' }).click();
    const dialog = page.getByRole('dialog', { name: /^Diagnóstico — / });
    await dialog.waitFor();
    await expect
      .poll(
        () =>
          dialog
            .getByTestId('diag-server')
            .textContent()
            .catch(() => null),
        { timeout: 30_000 },
      )
      .toMatch(/^Firebird 3\.\d+\.\d+/);
    // This fixture is a minimal company: catalogs whose tables it lacks are named, the connection is fine.
    await expect.poll(() => dialog.getByRole('region', { name: /^Catálogo Impuestos/ }).count()).toBe(1);
    expect(await dialog.getByRole('region', { name: /^Conexión \(Todo correcto\)/ }).count()).toBe(1);
    expect(await dialog.getByRole('region', { name: /^Catálogo Impuestos/ }).innerText()).toContain(
      'Este ERP no tiene este catálogo: falta IMPUESTOS.',
    );
    expect(await dialog.getByTestId('diag-server').textContent()).toMatch(/^Firebird 3\./);
    expect(await dialog.getByText('Solo lectura', { exact: false }).count()).toBeGreaterThan(0);
    await shot('37-diagnostico-microsip-real');
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await dialog.waitFor({ state: 'detached' });
    await editor.getByRole('button', { name: 'Cancelar' }).click();
    await editor.waitFor({ state: 'detached' });
  });

  it('sin errores de la página (CSP incluida) ni textos sin traducir; todo campo tiene etiqueta', async () => {
    ready();
    const unlabelled = await unlabelledFields(page);
    expect(unlabelled).toEqual([]);
    expect(h.pageErrors).toEqual([]);
    const visible = await page.locator('body').innerText();
    expect(visible).not.toMatch(/undefined|null|NaN|\[object|Loading|Error:|Cancel\b|Save\b/);
  });
});
