import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErpConnector, type ErpFactory } from '../../electron/erp/registry';
import type { SyncableErp } from '../../electron/erp/port';
import { capabilitiesOf } from '../../electron/erp/capabilities';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { MemoryCatalogSource } from '../helpers/memory-catalog-source';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { E2E_SYNC_COMPANIES, prepareMicrosipFixture, type MicrosipFixture } from './microsip-fixture';
import { unlabelledFields } from './page-checks';

/**
 * *Sincronizar ahora* end to end: the built console in real Chromium, the real handlers and engine, a real
 * Microsip database on Firebird and the real Wopen sandbox over HTTP. Progress and results reach the page
 * as pushed events (the harness delivers them like the preload). Without Chromium, Firebird, the sandbox or
 * the build every test FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const STORE_USER = 'integrador@tienda';
const STORE_PASSWORD = 'Clave-Tienda-ñ€-4410';

let fixture: MicrosipFixture;
let sandbox: RunningSandbox;
let sandboxDir: string;
let h: ConsoleHarness;
let page: Page;
let first: { id: string; name: string };
let second: { id: string; name: string };
let connectionId: number;
/** True when the Microsip adapter reads catalogs itself; otherwise the rows come from an in-memory double. */
let realCatalogs = false;

/**
 * Until the Microsip catalog readers land, companies and branches still come from Firebird but the catalog
 * rows come from memory (same rows a Microsip company would give, with Ñ, € and curly quotes).
 */
function catalogDouble(companyId: string): MemoryCatalogSource {
  const source = new MemoryCatalogSource(['taxes', 'article-lines', 'articles', 'customers']);
  source.set('taxes', 1, { name: 'IVA 16%', kind: 'IVA', rate: 16, isDefault: true });
  source.set('article-lines', 1, { name: 'Línea Ñandú', description: 'Artículos de «temporada»' });
  for (let i = 1; i <= 40; i++) {
    source.set('articles', i, {
      code: `ART-${companyId}-${i}`,
      name: `Artículo ÑANDÚ ${i}`,
      description: `Descripción “Güera” de PIÑA Nº ${i} — 1 € el kilo`,
      lineKey: '1',
      unit: 'PZA',
      status: 'active',
      isKit: false,
      taxKeys: ['1'],
    });
  }
  source.set('customers', 1, { code: 'C1', name: '“LA GÜERA” S.A.', rfc: 'GUE010101AAA' });
  return source;
}

function erpFactory(): ErpFactory {
  const doubles = new Map<string, MemoryCatalogSource>();
  return (config, password) => {
    const real = createErpConnector(config, password);
    const syncable = capabilitiesOf(real).catalogs;
    if (syncable) {
      realCatalogs = true;
      return syncable;
    }
    const hybrid: SyncableErp = {
      kind: real.kind,
      testConnection: () => real.testConnection(),
      listCompanies: () => real.listCompanies(),
      listBranches: (companyId) => real.listBranches(companyId),
      openCatalogs: async (companyId) => {
        await real.listCompanies(); // the ERP must be reachable, as the real reader would need
        if (!doubles.has(companyId)) doubles.set(companyId, catalogDouble(companyId));
        return doubles.get(companyId)!;
      },
      close: () => real.close(),
    };
    return hybrid;
  };
}

interface StoreRecord {
  key: string;
  data: Record<string, unknown>;
  active: boolean;
}

async function control<T>(route: string, body?: unknown, method?: string): Promise<T> {
  const res = await fetch(`${sandbox.controlUrl}${route}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const storeRecords = async (catalog: string): Promise<StoreRecord[]> =>
  (await control<{ records: StoreRecord[] }>(`/records?catalog=${catalog}&limit=1000`)).records;
const storeCounts = async (): Promise<Record<string, { total: number; active: number }>> =>
  (await control<{ catalogs: Record<string, { total: number; active: number }> }>('/counts')).catalogs;

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const messageBox = (): Locator => page.getByRole('alertdialog', { name: 'Wopen' });
const closeMessageBox = async (): Promise<void> => {
  await messageBox().getByRole('button', { name: 'Aceptar' }).click();
  await messageBox().waitFor({ state: 'detached' });
};
const selectRow = async (name: string): Promise<void> => {
  await page.locator('.row-button').filter({ hasText: name }).click();
  await expect.poll(() => page.locator('.selected-company strong').first().textContent()).toBe(name);
};
const accept = (): Promise<void> => page.locator('.dialog-buttons').getByRole('button', { name: 'Aceptar' }).click();
const syncGroup = (): Locator => page.locator('.sync-group');
const syncButton = (): Locator => syncGroup().getByRole('button', { name: 'Sincronizar ahora' });
const lastState = (): Locator => syncGroup().getByTestId('last-run-state');
const lastMessage = (): Locator => syncGroup().getByTestId('last-run-message');
/** The numbers of one column of the last run's table (or the simulation's), by header. */
async function columnTotal(scope: Locator, header: string): Promise<number> {
  const headers = await scope.locator('.catalog-grid thead th').allInnerTexts();
  const index = headers.findIndex((t) => t.trim() === header);
  if (index < 0) throw new Error(`No hay columna ${header}: ${headers.join(' | ')}`);
  const cells = await scope.locator(`.catalog-grid tbody tr > :nth-child(${index + 1})`).allInnerTexts();
  return cells.reduce((n, t) => n + (Number(t.replace(/[^\d]/g, '')) || 0), 0);
}
const runsOf = (): number =>
  (h.opened.db.prepare('SELECT COUNT(*) AS n FROM sync_runs WHERE CompanyID = ?').get(first.id) as { n: number }).n;

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    fixture = await prepareMicrosipFixture(E2E_SYNC_COMPANIES, 'e2e-sincronizar');
    const [a, b] = fixture.companies;
    if (!a || !b) throw new Error('El fixture de Microsip debe tener dos empresas.');
    [first, second] = [a, b];
    sandboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-e2e-sandbox-'));
    sandbox = await startSandbox({
      port: 0,
      dataFile: path.join(sandboxDir, 'store.db'),
      user: STORE_USER,
      password: STORE_PASSWORD,
    });
    h = await startConsoleHarness({ erpFactory: erpFactory() });
    page = h.page;
    connectionId = (
      await h.opened.service.saveConnection({
        name: 'Microsip e2e',
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
    await page.reload();
    await page.locator('.row-button').filter({ hasText: first.name }).waitFor();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
  await sandbox?.close();
  if (sandboxDir) fs.rmSync(sandboxDir, { recursive: true, force: true });
  await fixture?.cleanup();
});

describe('Sincronizar ahora contra Microsip (Firebird real) y el sandbox de Wopen', () => {
  it('sin URL, Usuario ni Contraseña guardados, la consola explica por qué no sincroniza', async () => {
    ready();
    await selectRow(second.name);
    await expect.poll(() => syncGroup().innerText()).toContain('Esta empresa todavía no se ha sincronizado.');
    await syncButton().click();
    await messageBox().waitFor();
    const text = await messageBox().innerText();
    expect(text).toContain('No se inició la sincronización.');
    expect(text).toContain(`Configure y guarde la URL, el Usuario y la Contraseña de Wopen de «${second.name}»`);
    await shot('08-sin-datos-de-tienda');
    await closeMessageBox();
    expect(await syncButton().isEnabled()).toBe(true);
  });

  it('configura la empresa: con cambios sin guardar pide Aceptar antes de sincronizar', async () => {
    ready();
    await selectRow(first.name);
    const group = page
      .locator('fieldset')
      .filter({ has: page.getByText('Configuración de sincronización', { exact: true }) });
    for (const locked of ['Clave principal', 'Precios', 'Existencias']) {
      const box = group.getByRole('checkbox', { name: locked });
      expect(await box.isChecked()).toBe(true);
      expect(await box.isDisabled()).toBe(true);
    }
    expect(await group.innerText()).toContain('Siempre se sincronizan');
    expect(await page.getByLabel('Horario de sincronización').getAttribute('placeholder')).toBe('07:00-21:00');

    await page.getByRole('checkbox', { name: `Sincronizar ${first.name}` }).check();
    await page.getByLabel('URL').fill(sandbox.url);
    await page.getByLabel('Usuario', { exact: true }).fill(STORE_USER);
    await page.getByLabel('Contraseña', { exact: true }).fill(STORE_PASSWORD);
    await page.getByRole('checkbox', { name: 'Sincronizar nombres' }).uncheck();
    await page.getByLabel('Horario de sincronización').fill('06:00-22:00');

    await syncButton().click();
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain('Haga clic en Aceptar para guardarlos antes de sincronizar');
    await closeMessageBox();
    expect(
      h.calls.some((c) => c.method === 'syncNow' && (c.payload as { companyId: string }).companyId === first.id),
    ).toBe(false);

    await accept();
    await messageBox().waitFor();
    expect(await messageBox().innerText()).toContain('La configuración se guardó.');
    await closeMessageBox();
    expect(h.opened.service.getCompanySettings(connectionId, first.id)).toMatchObject({
      sync: true,
      url: sandbox.url,
      syncNames: false,
      syncDescriptions: true,
      hoursWindow: '06:00-22:00',
    });
  });

  it('al recargar muestra los campos y el horario guardados', async () => {
    ready();
    await page.reload();
    await selectRow(first.name);
    await expect.poll(() => page.getByLabel('Horario de sincronización').inputValue()).toBe('06:00-22:00');
    expect(await page.getByRole('checkbox', { name: 'Sincronizar nombres' }).isChecked()).toBe(false);
    expect(await page.getByRole('checkbox', { name: 'Sincronizar descripciones' }).isChecked()).toBe(true);
    expect(await page.locator('.tag.pending').count()).toBe(0);
  });

  it('Sincronizar ahora: barra de progreso, luego «Exitoso» con registros enviados', async () => {
    ready();
    // Hold the first batch 2 s (then store it) so the run is visibly in progress.
    await control('/faults', { kind: 'delay', delayMs: 2000, method: 'POST', path: '/catalogs/', count: 1 });
    await syncButton().click();
    const progress = syncGroup().getByRole('progressbar');
    await progress.waitFor();
    expect(await syncButton().isDisabled()).toBe(true);
    await expect.poll(() => syncGroup().locator('.sync-progress').innerText()).toMatch(/catálogo \d+ de \d+/);
    const status = await syncGroup().locator('.sync-progress').innerText();
    expect(status).toContain('Sincronizando…');
    await shot('10-sincronizando');

    await expect.poll(() => lastState().textContent(), { timeout: 30_000 }).toBe('Exitoso');
    await progress.waitFor({ state: 'detached' });
    expect(await syncButton().isEnabled()).toBe(true);
    const facts = await syncGroup().locator('.run-facts').innerText();
    expect(facts).toContain('Manual');
    expect(facts).toMatch(/Inicio\s+\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}:\d{2}/);
    expect(facts).toMatch(/Fin\s+\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}:\d{2}/);
    expect(await columnTotal(syncGroup(), 'Enviados')).toBeGreaterThan(0);
    expect(await lastMessage().textContent()).toMatch(/^Exitosa: [\d,]+ registros enviados/);
    // Catalogs this ERP does not have (if any) read as such, not as errors.
    const notInErp = syncGroup().getByTestId('catalogs-not-in-erp');
    if (await notInErp.count())
      expect(await notInErp.innerText()).toMatch(/^No disponible en este ERP \(no se sincronizan, no es un error\): /);
    expect(await syncGroup().locator('.catalog-grid').innerText()).not.toContain('Fallido');
    await shot('11-ultima-sincronizacion');
    expect(runsOf()).toBe(1);
  });

  it('la tienda recibió los registros con acentos intactos y sin nombres de artículos', async () => {
    ready();
    const counts = await storeCounts();
    expect(counts.articles?.active ?? 0).toBeGreaterThan(0);
    const articles = await storeRecords('articles');
    // "Sincronizar nombres" off: names are left to the store.
    for (const a of articles) expect(a.data).not.toHaveProperty('name');
    const everything = JSON.stringify(await Promise.all(Object.keys(counts).map((catalog) => storeRecords(catalog))));
    for (const ch of ['Ñ', '€', '“', '”', 'ü']) expect(everything).toContain(ch);
    expect(everything).not.toMatch(/Ã|â€|\uFFFD/); // no mojibake
  });

  it('una segunda sincronización no tiene cambios', async () => {
    ready();
    await syncButton().click();
    await expect.poll(() => runsOf(), { timeout: 10_000 }).toBe(2);
    // «sin cambios (N registros verificados)»: the first run's «…, 0 sin cambios, …» must not satisfy it.
    await expect.poll(() => lastMessage().textContent(), { timeout: 30_000 }).toContain('sin cambios (');
    // The panel converges on the finished run (event, then a status refresh): wait for it rather than race it.
    await expect.poll(() => lastState().textContent(), { timeout: 10_000 }).toBe('Exitoso');
    expect(await columnTotal(syncGroup(), 'Enviados')).toBe(0);
  });

  it('Simular muestra que no hay nada por enviar y no envía nada', async () => {
    ready();
    const before = await control<{ batchCalls: number }>('/stats');
    await syncGroup().getByRole('button', { name: 'Simular (sin enviar)' }).click();
    const modal = page.getByRole('dialog', { name: 'Simulación de sincronización' });
    await modal.waitFor();
    expect(await modal.innerText()).toContain('No se envió nada.');
    expect(await modal.innerText()).toContain(first.name);
    expect(await columnTotal(modal, 'Por enviar')).toBe(0);
    expect(await columnTotal(modal, 'Por desactivar')).toBe(0);
    expect(await modal.locator('.simulation-summary').innerText()).toContain('sin cambios');
    await shot('12-simulacion');
    await modal.getByRole('button', { name: 'Cerrar' }).click();
    await modal.waitFor({ state: 'detached' });
    expect((await control<{ batchCalls: number }>('/stats')).batchCalls).toBe(before.batchCalls);
    expect(runsOf()).toBe(2); // a simulation is not a run in the history
  });

  it('Reenviar todo a la tienda pide confirmación; al confirmar reenvía cada registro', async () => {
    ready();
    const counts = await control<{ catalogs: Record<string, { active: number }> }>('/counts');
    const sent = Object.values(counts.catalogs).reduce((n, c) => n + c.active, 0);
    expect(sent).toBeGreaterThan(0);
    const resend = syncGroup().getByRole('button', { name: 'Reenviar todo a la tienda…' });
    await resend.click();
    const ask = page.getByRole('alertdialog', { name: 'Reenviar todo a la tienda' });
    await ask.waitFor();
    expect(await ask.innerText()).toContain(`¿Reenviar todos los catálogos de «${first.name}» a la tienda Wopen?`);
    await shot('14-reenviar-todo-confirmacion');
    // Cancelar (the default button, as in a destructive Windows prompt) sends nothing.
    await ask.getByRole('button', { name: 'Cancelar' }).click();
    await ask.waitFor({ state: 'detached' });
    expect(runsOf()).toBe(2);

    const before = await control<{ recordsReceived: number }>('/stats');
    await resend.click();
    await ask.getByRole('button', { name: 'Reenviar todo' }).click();
    await expect.poll(() => runsOf(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => lastMessage().textContent(), { timeout: 30_000 }).toContain('Reenvío completo solicitado');
    await expect.poll(() => lastState().textContent(), { timeout: 10_000 }).toBe('Exitoso');
    expect(await columnTotal(syncGroup(), 'Enviados')).toBe(sent);
    const after = await control<{ recordsReceived: number }>('/stats');
    expect(after.recordsReceived - before.recordsReceived).toBe(sent);
    await shot('15-reenviar-todo-hecho');
  });

  it('si la tienda responde 500 siempre, la corrida termina Fallido/Parcial con un mensaje en español', async () => {
    ready();
    // Sending names again changes what every article looks like to the store: they must all be pushed.
    await page.getByRole('checkbox', { name: 'Sincronizar nombres' }).check();
    await accept();
    await messageBox().waitFor();
    await closeMessageBox();
    await control('/faults', { kind: 'status', status: 500, path: '/catalogs/', count: 10_000 });
    try {
      await syncButton().click();
      await expect.poll(() => runsOf(), { timeout: 10_000 }).toBe(4);
      await expect.poll(() => lastState().textContent(), { timeout: 60_000 }).toMatch(/^(Fallido|Parcial)$/);
      const message = (await lastMessage().textContent()) ?? '';
      expect(message).toMatch(/^(Fallida|Parcial)/);
      expect(message).toContain('La tienda Wopen no aceptó el lote');
      expect(message).toContain('500');
      const failedRow = syncGroup().locator('.catalog-grid tbody tr').filter({ hasText: 'Fallido' });
      expect(await failedRow.count()).toBeGreaterThan(0);
      await shot('13-tienda-con-error');
    } finally {
      await control('/faults', undefined, 'DELETE');
    }
    expect(await syncButton().isEnabled()).toBe(true);
  }, 90_000);

  it('sin errores de la página (CSP incluida) ni textos sin traducir; todo campo tiene etiqueta', async () => {
    ready();
    const unlabelled = await unlabelledFields(page);
    expect(unlabelled).toEqual([]);
    expect(h.pageErrors).toEqual([]);
    const visible = await page.locator('body').innerText();
    expect(visible).not.toMatch(/undefined|null|NaN|\[object|Loading|Cancel\b|Save\b|running|success|skipped/);
    // Which catalog source this run used, for the report.
    console.info(
      `[console-sync] catálogos: ${realCatalogs ? 'lector real de Microsip (Firebird)' : 'doble en memoria (lector de Microsip aún no disponible)'}`,
    );
  });
});
