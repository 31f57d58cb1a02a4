import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withFirebird } from '../../electron/erp/microsip/firebird-client';
import type { CatalogName } from '../../shared/catalogs';
import { BULK_ARTICLE_BASE, fillBulkCompany } from '../../scripts/fixtures/microsip';
import { companyDatabasePath } from '../../electron/erp/microsip/data-folder-paths';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { settingsInput } from '../helpers/settings-input';
import { prepareMicrosipFixture, type MicrosipFixture } from './microsip-fixture';

/**
 * *Bajas retenidas* end to end: the built console in real Chromium, the real handlers and engine, a Microsip
 * company on the real Firebird server and the real Wopen sandbox over HTTP. Most articles vanish from the ERP
 * (as while a backup is being restored); the next run holds their deactivations, *Descartar* keeps the store,
 * *Aplicar* deactivates exactly the held set. Without Chromium, Firebird, the sandbox or the build every test
 * FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const STORE_USER = 'integrador@tienda';
const STORE_PASSWORD = 'Clave-Tienda-ñ€-4410';
const ARTICLES = 120;
const KEPT = 20;
const COMPANY = { id: 1, shortName: 'BAJAS ÑANDÚ', catalogs: { schema: 'full', data: 'empty' } } as const;

let fixture: MicrosipFixture;
let sandbox: RunningSandbox;
let sandboxDir: string;
let h: ConsoleHarness;
let page: Page;
let company: { id: string; name: string };
let connectionId: number;

interface StoreRecord {
  key: string;
  active: boolean;
}
async function control<T>(route: string): Promise<T> {
  const res = await fetch(`${sandbox.controlUrl}${route}`);
  if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const storeRecords = async (catalog: string): Promise<StoreRecord[]> =>
  (await control<{ records: StoreRecord[] }>(`/records?catalog=${catalog}&limit=5000`)).records;
const inactiveKeys = async (catalog: string): Promise<string[]> =>
  (await storeRecords(catalog))
    .filter((r) => !r.active)
    .map((r) => r.key)
    .sort();
/** What the store holds, active or not, per catalog: compared before and after to prove nothing changed. */
const storeSnapshot = async (catalogs: readonly string[]) =>
  Object.fromEntries(
    await Promise.all(
      catalogs.map(async (c) => [c, (await storeRecords(c)).map((r) => `${r.key}:${r.active}`).sort()] as const),
    ),
  );

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};
const messageBox = (): Locator => page.getByRole('alertdialog', { name: 'Wopen' });
const closeMessageBox = async (): Promise<string> => {
  await messageBox().waitFor();
  const text = await messageBox().innerText();
  await messageBox().getByRole('button', { name: 'Aceptar' }).click();
  await messageBox().waitFor({ state: 'detached' });
  return text;
};
const syncGroup = (): Locator => page.locator('.sync-group');
const lastState = (): Locator => syncGroup().getByTestId('last-run-state');
const heldDialog = (): Locator => page.getByRole('dialog', { name: 'Bajas retenidas' });
const runsOf = (): number =>
  (h.opened.db.prepare('SELECT COUNT(*) AS n FROM sync_runs WHERE CompanyID = ?').get(company.id) as { n: number }).n;
const lastRunState = (): string | undefined =>
  (
    h.opened.db
      .prepare('SELECT State FROM sync_runs WHERE CompanyID = ? ORDER BY RunID DESC LIMIT 1')
      .get(company.id) as { State: string } | undefined
  )?.State;
const heldKeys = (catalog: CatalogName): string[] =>
  [...h.opened.engine.held.keys({ connectionId, companyId: company.id }, catalog)].sort();

async function syncAndWait(expected: string): Promise<void> {
  const before = runsOf();
  await syncGroup().getByRole('button', { name: 'Sincronizar ahora' }).click();
  await expect.poll(() => runsOf(), { timeout: 10_000 }).toBe(before + 1);
  await expect.poll(() => lastRunState(), { timeout: 60_000 }).not.toBe('running');
  await expect.poll(() => lastState().textContent(), { timeout: 10_000 }).toBe(expected);
}

/** The ERP loses articles KEPT+1..ARTICLES with their keys, taxes, prices and stock (a half-restored backup). */
async function articlesVanish(): Promise<void> {
  const database = companyDatabasePath(fixture.folder, COMPANY.shortName);
  const target = { host: fixture.host, port: fixture.port, user: fixture.user, password: fixture.password, database };
  const from = BULK_ARTICLE_BASE + KEPT;
  await withFirebird(target, async (db) => {
    for (const table of ['PRECIOS_ARTICULOS', 'SALDOS_IN', 'IMPUESTOS_ARTICULOS', 'CLAVES_ARTICULOS', 'ARTICULOS'])
      await db.query(`DELETE FROM ${table} WHERE ARTICULO_ID >= ?`, [from]);
  });
}

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    fixture = await prepareMicrosipFixture([COMPANY], 'e2e-bajas');
    company = fixture.companies[0]!;
    await fillBulkCompany(
      {
        host: fixture.host,
        port: fixture.port,
        user: fixture.user,
        password: fixture.password,
        database: companyDatabasePath(fixture.folder, COMPANY.shortName),
      },
      { articles: ARTICLES, warehouses: 1, customers: 3, priceLists: 1 },
    );
    sandboxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-e2e-held-'));
    sandbox = await startSandbox({
      port: 0,
      dataFile: path.join(sandboxDir, 'store.db'),
      user: STORE_USER,
      password: STORE_PASSWORD,
    });
    h = await startConsoleHarness({});
    page = h.page;
    connectionId = (
      await h.opened.service.saveConnection({
        name: 'Microsip bajas',
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
    const saved = await h.opened.service.saveSettings(connectionId, [
      settingsInput(company.id, { sync: true, url: sandbox.url, user: STORE_USER, newPassword: STORE_PASSWORD }),
    ]);
    if (!saved.ok) throw new Error(JSON.stringify(saved));
    await page.reload();
    await page.locator('.row-button').filter({ hasText: company.name }).click();
  } catch (err) {
    setupError = err;
  }
}, 180_000);

afterAll(async () => {
  // A run still going would write to a closed settings database.
  await h?.opened.engine.drain();
  await h?.close();
  await sandbox?.close();
  if (sandboxDir) fs.rmSync(sandboxDir, { recursive: true, force: true });
  await fixture?.cleanup();
});

describe('Bajas retenidas contra Microsip (Firebird real) y el sandbox de Wopen', () => {
  it('Opciones: los límites se validan (todo o nada) y se guardan', async () => {
    ready();
    await page.locator('.dialog-buttons').getByRole('button', { name: 'Opciones…' }).click();
    const options = page.getByRole('dialog', { name: 'Opciones de la consola' });
    const count = options.getByLabel('Número de registros');
    const share = options.getByLabel('Porcentaje de la tienda');
    await expect.poll(() => count.inputValue()).toBe('50');
    expect(await share.inputValue()).toBe('10');
    expect(await options.locator('.limits-sentence').innerText()).toMatch(
      /Retener bajas cuando sean más de\s+registros y más del\s+% de la tienda/,
    );
    await count.fill('60');
    await share.fill('150');
    await options.getByRole('button', { name: 'Guardar' }).click();
    expect(await options.getByTestId('limits-status').innerText()).toBe(
      'No se guardó nada: El porcentaje debe estar entre 0 y 100.',
    );
    expect(h.opened.engine.deactivationLimits.get()).toEqual({ maxCount: 50, maxShare: 0.1 });
    await share.fill('15');
    await options.getByRole('button', { name: 'Guardar' }).click();
    await expect
      .poll(() => options.getByTestId('limits-status').innerText())
      .toBe('Se retendrán las bajas de un catálogo cuando sean más de 60 registros y más del 15 % de la tienda.');
    expect(h.opened.engine.deactivationLimits.get()).toEqual({ maxCount: 60, maxShare: 0.15 });
    await shot('61-opciones-limites');
    await options.getByRole('button', { name: 'Cerrar' }).click();
  });

  it('la primera sincronización publica todo; sin bajas retenidas no hay aviso', async () => {
    ready();
    await syncAndWait('Exitoso');
    expect((await storeRecords('articles')).filter((r) => r.active)).toHaveLength(ARTICLES);
    expect(await syncGroup().getByTestId('held-warning').count()).toBe(0);
  });

  it('tras desaparecer 100 de 120 artículos del ERP, la sincronización termina «Requiere revisión» y la tienda no cambia', async () => {
    ready();
    const catalogs = ['articles', 'article-prices', 'stock'];
    const before = await storeSnapshot(catalogs);
    await articlesVanish();
    await syncAndWait('Requiere revisión');
    expect(await storeSnapshot(catalogs)).toEqual(before);
    expect(await syncGroup().locator('.catalog-grid').innerText()).toContain('Requiere revisión');
    const warning = syncGroup().getByTestId('held-warning');
    await warning.waitFor();
    expect(await warning.innerText()).toContain('Hay bajas retenidas: revíselas.');
    // The grid flags the company too.
    await expect
      .poll(() => page.locator('.row-button').filter({ hasText: company.name }).innerText())
      .toContain('Requiere revisión');
    expect(heldKeys('articles')).toHaveLength(ARTICLES - KEPT);
  });

  it('el Historial cuenta «Requieren revisión» aparte y marca los catálogos retenidos', async () => {
    ready();
    await page.getByRole('button', { name: 'Historial de sincronización' }).click();
    const d = page.getByRole('dialog', { name: 'Historial de sincronización' });
    const stats = d.getByRole('region', { name: 'Información de sincronizaciones' });
    await expect.poll(() => stats.getByTestId('stat-review').locator('.stat-value').textContent()).toBe('1');
    expect(await stats.getByTestId('stat-review').locator('.stat-label').textContent()).toBe('Requieren revisión');
    expect(await stats.getByTestId('stat-success').locator('.stat-value').textContent()).toBe('1');
    expect(await d.locator('.runs-chart .chart-legend').innerText()).toContain('Requieren revisión');
    expect(await d.locator('.runs-chart rect.bar-review').count()).toBe(1);
    const held = d.locator('.history-grid tbody tr').filter({ hasText: 'Catálogos de artículos' });
    await expect.poll(() => held.first().locator('.state-badge').textContent()).toBe('Requiere revisión');
    await d.getByRole('button', { name: 'Cerrar' }).click();
  });

  it('la vista de bajas retenidas muestra cada catálogo con sus números y claves de ejemplo; Descartar no cambia la tienda', async () => {
    ready();
    await syncGroup().getByRole('button', { name: 'Revisar bajas retenidas…' }).click();
    const dialog = heldDialog();
    await dialog.waitFor();
    await expect.poll(() => dialog.getByTestId('held-count-articles').textContent()).toBe('100');
    const row = dialog.locator('tr[data-catalog="articles"]');
    const rowText = await row.innerText();
    expect(rowText).toContain('Catálogos de artículos');
    expect(rowText).toContain('83 %');
    expect(rowText).toContain('120');
    expect(rowText).toContain('Pendiente de revisión');
    const samples = await dialog.getByTestId('held-samples-articles').innerText();
    const shown = heldKeys('articles').slice(0, 10);
    expect(samples).toBe(`Claves de ejemplo: ${shown.join(', ')} y 90 más.`);
    expect(await dialog.innerText()).toContain('más de 60 registros y más del 15 %');
    await shot('60-bajas-retenidas');

    const catalogs = ['articles', 'article-prices', 'stock'];
    const before = await storeSnapshot(catalogs);
    await dialog.getByRole('button', { name: 'Descartar…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Descartar bajas retenidas' });
    const text = await confirm.innerText();
    expect(text).toContain(`¿Descartar las bajas retenidas de «${company.name}»?`);
    expect(text).toContain('la tienda queda como está');
    // The safe answer is the default one.
    expect(await confirm.locator(':focus').innerText()).toBe('Cancelar');
    await confirm.getByRole('button', { name: 'Descartar', exact: true }).click();
    expect(await closeMessageBox()).toMatch(
      /Bajas descartadas \(.*100 de Catálogos de artículos.*\): la tienda queda como está/,
    );
    expect(await heldDialog().count()).toBe(0);
    expect(h.opened.engine.held.list({ connectionId, companyId: company.id })).toEqual([]);
    expect(await storeSnapshot(catalogs)).toEqual(before);
    await expect.poll(() => syncGroup().getByTestId('held-warning').count()).toBe(0);
  });

  it('la siguiente sincronización las retiene otra vez; Aplicar desactiva exactamente las retenidas', async () => {
    ready();
    await syncAndWait('Requiere revisión');
    const held = {
      articles: heldKeys('articles'),
      'article-prices': heldKeys('article-prices'),
      stock: heldKeys('stock'),
    };
    expect(held.articles).toHaveLength(ARTICLES - KEPT);
    for (const [catalog, keys] of Object.entries(held)) {
      expect(await inactiveKeys(catalog)).toEqual([]);
      if (keys.length === 0) continue;
      expect(keys.length).toBeGreaterThan(60);
    }
    await syncGroup().getByRole('button', { name: 'Revisar bajas retenidas…' }).click();
    const dialog = heldDialog();
    await expect.poll(() => dialog.getByTestId('held-count-articles').textContent()).toBe('100');
    await dialog.getByRole('button', { name: 'Aplicar…' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Aplicar bajas retenidas' });
    const total = Object.values(held).reduce((n, k) => n + k.length, 0);
    expect(await confirm.innerText()).toContain(
      `¿Desactivar en la tienda Wopen ${total.toLocaleString('es-MX')} registros de «${company.name}»?`,
    );
    const runs = runsOf();
    await confirm.getByRole('button', { name: 'Aplicar', exact: true }).click();
    expect(await closeMessageBox()).toMatch(
      /Bajas aprobadas \(.*100 de Catálogos de artículos.*\)\. Sincronización iniciada\./,
    );
    await expect.poll(() => runsOf(), { timeout: 10_000 }).toBe(runs + 1);
    await expect.poll(() => lastRunState(), { timeout: 60_000 }).toBe('success');
    await expect.poll(() => lastState().textContent(), { timeout: 10_000 }).toBe('Exitoso');
    for (const [catalog, keys] of Object.entries(held)) expect(await inactiveKeys(catalog)).toEqual(keys);
    expect((await storeRecords('articles')).filter((r) => r.active)).toHaveLength(KEPT);
    expect(h.opened.engine.held.list({ connectionId, companyId: company.id })).toEqual([]);
    await expect.poll(() => syncGroup().getByTestId('held-warning').count()).toBe(0);
    expect(h.pageErrors).toEqual([]);
  });
});
