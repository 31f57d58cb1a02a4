// Main and the page share the machine's time zone in the app; here Chromium runs in Mexico City, so must "main".
process.env.TZ = 'America/Mexico_City';

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_LABELS, type CatalogName } from '../../shared/catalogs';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { settingsInput } from '../helpers/settings-input';
import { startConsoleHarness, type ConsoleHarness } from './harness';
import { unlabelledFields } from './page-checks';

/**
 * Visor de eventos, Historial de sincronización and Alertas: the built console in real Chromium against
 * the REAL handlers and SQLite, with generated data written straight into the settings database (50,000
 * events over 30 days, a week of runs with per-record errors). The ERP is the in-memory double (companies
 * only; these views never read it). Without Chromium or the build every test FAILS (never skips).
 */

const SHOTS = path.resolve(__dirname, '../.artifacts/screenshots');
const EVENT_COUNT = 50_000;
const DAY_MS = 86_400_000;
const UNIQUE_TEXT = 'ZX-ÚNICO-42';
const SECRET_IN_DETAILS = 'Secreto-Del-Detalle-ñ€-771';

let h: ConsoleHarness;
let page: Page;
let connectionId: number;
let failedRunId: number;
const erp = new FakeErp();
const [companyA, companyB] = erp.companies as [{ id: string; name: string }, { id: string; name: string }];

const exportTarget = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-export-')), 'eventos.csv');
const savePicks: string[] = [];

let setupError: unknown;
const ready = (): void => {
  if (setupError) throw setupError;
};

const shot = async (name: string): Promise<void> => {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
};
const viewer = (): Locator => page.getByRole('dialog', { name: 'Visor de eventos' });
const history = (): Locator => page.getByRole('dialog', { name: 'Historial de sincronización' });
const listbox = (): Locator => viewer().getByRole('listbox', { name: 'Eventos' });
const renderedRows = (): Locator => listbox().getByRole('option');
const loadedRows = async (): Promise<number> => Number(await listbox().getAttribute('data-loaded-rows'));
const lastCall = (method: string): unknown => h.calls.filter((c) => c.method === method).at(-1)?.payload;

/** 50,000 events over the last 30 days (newest now), written in one transaction like a busy month of syncs. */
function generateEvents(now: number): void {
  const insert = h.opened.db.prepare(
    `INSERT INTO events (At, Level, Category, ConnectionID, CompanyID, CompanyName, Message, Details, RunID, Catalog, RecordKey, Trigger)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const catalogs: CatalogName[] = ['articles', 'customers', 'taxes', 'stock'];
  const span = 30 * DAY_MS - 60_000;
  h.opened.db.transaction(() => {
    for (let i = 0; i < EVENT_COUNT; i++) {
      const at = new Date(now - 60_000 - Math.floor((i / EVENT_COUNT) * span)).toISOString();
      const level = i % 50 === 0 ? 'error' : i % 9 === 0 ? 'warning' : 'info';
      const company = i % 2 === 0 ? companyA : companyB;
      const catalog = catalogs[i % catalogs.length]!;
      insert.run(
        at,
        level,
        'Sincronización',
        connectionId,
        company.id,
        company.name,
        level === 'error'
          ? `No se envió el registro ART-${i} de «${CATALOG_LABELS[catalog]}»: la tienda lo rechazó (HTTP 422).`
          : level === 'warning'
            ? `«${CATALOG_LABELS[catalog]}»: ${1 + (i % 5)} registros sin cambios se omitieron.`
            : `Se enviaron ${1 + (i % 97)} registros de «${CATALOG_LABELS[catalog]}».`,
        null,
        null,
        catalog,
        level === 'error' ? `ART-${i}` : null,
        i % 3 === 0 ? 'manual' : 'automatic',
      );
    }
  })();
}

/**
 * A week of runs: company A succeeds (one partial today), company B fails its last three runs (→ "Fallando"
 * in the grid). Returns the id of B's newest failed run, which carries per-record errors.
 */
function generateRuns(now: number): number {
  const db = h.opened.db;
  const run = db.prepare(
    `INSERT INTO sync_runs (ConnectionID, CompanyID, Trigger, DryRun, State, StartedAt, HeartbeatAt, EndedAt, Message)
     VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)`,
  );
  const cat = db.prepare(
    `INSERT INTO sync_run_catalogs (RunID, Catalog, State, StartedAt, EndedAt, Read, Pushed, Unchanged, Deleted, Failed, Message)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?)`,
  );
  const err = db.prepare(
    'INSERT INTO sync_run_errors (RunID, Catalog, RecordKey, Phase, Message, At) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const messages = {
    success: 'Sincronización terminada.',
    partial: 'Terminó con registros rechazados.',
    failed: 'La tienda no respondió.',
  };
  let lastFailed = 0;
  const add = (
    company: { id: string },
    state: 'success' | 'partial' | 'failed',
    startedAt: number,
    trigger: 'manual' | 'automatic',
  ): number => {
    const start = new Date(startedAt).toISOString();
    const end = new Date(startedAt + 95_000).toISOString();
    const id = Number(
      run.run(connectionId, company.id, trigger, state, start, end, end, messages[state]).lastInsertRowid,
    );
    cat.run(id, 'taxes', 'success', start, end, 2, 2, 0, 'Se enviaron 2 impuestos.');
    const failed = state === 'success' ? 0 : 3;
    cat.run(
      id,
      'articles',
      state,
      start,
      end,
      40,
      40 - failed,
      failed,
      state === 'success' ? 'Se enviaron 40 artículos.' : `${failed} artículos con error.`,
    );
    if (failed > 0) {
      for (let k = 1; k <= failed; k++) {
        err.run(
          id,
          'articles',
          `ART-B-${id}-${k}`,
          'push',
          `La tienda rechazó el artículo: el precio ${k} no es válido.`,
          end,
        );
      }
    }
    if (state === 'failed') lastFailed = id;
    return id;
  };
  // Six previous days (around noon local time), then today between local midnight and now, whatever the hour
  // the test runs at (minutes before "now" would fall on yesterday just after midnight).
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  const today0 = midnight.getTime();
  for (let d = 6; d >= 1; d--) {
    const noon = new Date(today0 - d * DAY_MS + DAY_MS / 2); // DST-safe enough: any hour of that day works
    const base = noon.getTime();
    add(companyA, 'success', base - 3 * 3_600_000, 'automatic');
    add(companyA, d % 3 === 0 ? 'partial' : 'success', base - 2 * 3_600_000, 'automatic');
    add(companyB, d === 1 ? 'failed' : 'success', base - 3_600_000, d % 2 === 0 ? 'manual' : 'automatic');
  }
  const todayAt = (k: number) => today0 + Math.floor(((now - today0) * k) / 8);
  add(companyA, 'success', todayAt(1), 'automatic');
  add(companyA, 'success', todayAt(2), 'automatic');
  add(companyB, 'failed', todayAt(3), 'automatic');
  add(companyA, 'partial', todayAt(4), 'manual');
  add(companyA, 'success', todayAt(5), 'manual');
  add(companyB, 'failed', todayAt(6), 'manual');
  return lastFailed;
}

beforeAll(async () => {
  try {
    fs.mkdirSync(SHOTS, { recursive: true });
    const store = new RecordingStore();
    h = await startConsoleHarness({
      erpFactory: erp.factory,
      storeFactory: () => store,
      viewport: { width: 1280, height: 900 },
      // *Guardar como* answers with a file in the test's folder (the real dialog is Electron's).
      saveFile: {
        pick: async (defaultName) => {
          savePicks.push(defaultName);
          return exportTarget;
        },
      },
    });
    page = h.page;
    ({ id: connectionId } = await h.opened.service.saveConnection({
      config: { kind: 'microsip', host: '127.0.0.1', port: 3050, folder: '/datos/microsip', user: 'SYSDBA' },
      newPassword: 'masterkey',
    }));
    // Company B is configured, so *Reintentar* really runs it (against the in-memory ERP and store).
    await h.opened.service.listCompanies(connectionId);
    const saved = await h.opened.service.saveSettings(connectionId, [
      settingsInput(companyB.id, {
        period: 360,
        url: 'https://la-guera.wopen.com.mx',
        user: 'integrador@tienda',
        newPassword: 'Clave-Tienda-ñ€-1',
      }),
    ]);
    if (!saved.ok) throw new Error(`No se guardó la empresa B: ${JSON.stringify(saved.errors)}`);
    const now = Date.now();
    generateEvents(now);
    failedRunId = generateRuns(now);
    // One event written the normal way (newest), with a record key, a run and a secret in its details.
    h.opened.events.record({
      level: 'error',
      category: 'Sincronización',
      connectionId,
      companyId: companyB.id,
      companyName: companyB.name,
      message: `No se envió el artículo ${UNIQUE_TEXT}: la tienda rechazó el precio.`,
      runId: failedRunId,
      catalog: 'articles',
      recordKey: UNIQUE_TEXT,
      trigger: 'manual',
      details: { status: 422, body: { error: 'precio inválido' }, password: SECRET_IN_DETAILS },
    });
    // The data is in place before the page loads.
    await page.reload();
    await page.locator('.row-button').filter({ hasText: companyA.name }).waitFor();
  } catch (err) {
    setupError = err;
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('Visor de eventos, Historial de sincronización y Alertas (Chromium, handlers reales)', () => {
  it('la cuadrícula de empresas marca la que sigue fallando', async () => {
    ready();
    const rowB = page.locator('.row-button').filter({ hasText: companyB.name });
    await expect.poll(() => rowB.locator('.tag.health-failing').textContent()).toBe('Fallando');
    expect(
      await page.locator('.row-button').filter({ hasText: companyA.name }).locator('.tag.health-failing').count(),
    ).toBe(0);
    await shot('20-empresas-fallando');
  });

  it('el visor abre con los últimos 7 días, más recientes primero, y solo una ventana de filas en el DOM', async () => {
    ready();
    await page.getByRole('button', { name: 'Visor de eventos' }).click();
    await viewer().waitFor();
    await renderedRows().first().waitFor();
    const first = lastCall('queryEvents') as { filter: { from: string; to: string }; cursor?: unknown };
    const days = (Date.parse(first.filter.to) - Date.parse(first.filter.from)) / DAY_MS;
    expect(days).toBeGreaterThan(7);
    expect(days).toBeLessThan(8.01);
    expect(await renderedRows().first().textContent()).toContain(UNIQUE_TEXT);
    await shot('21-visor-de-eventos');

    // Scroll through thousands of rows: pages arrive through the cursor, the DOM keeps a small window.
    const frames = await listbox().evaluate(async (el) => {
      // Runs in the page; the node tsconfig has no DOM library.
      const raf = (globalThis as unknown as { requestAnimationFrame: (cb: () => void) => number })
        .requestAnimationFrame;
      const times: number[] = [];
      let last = performance.now();
      for (let i = 0; i < 120; i++) {
        el.scrollTop += 1300;
        await new Promise((r) => raf(() => r(null)));
        const t = performance.now();
        times.push(t - last);
        last = t;
      }
      return times;
    });
    await expect.poll(loadedRows, { timeout: 20_000 }).toBeGreaterThan(2000);
    const rendered = await renderedRows().count();
    expect(rendered).toBeGreaterThan(10);
    expect(rendered).toBeLessThan(60);
    const sorted = [...frames].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeLessThan(50);
    const paged = h.calls.filter((c) => c.method === 'queryEvents' && (c.payload as { cursor?: unknown }).cursor);
    expect(paged.length).toBeGreaterThan(5);
    expect(paged.every((c) => c.envelope.ok)).toBe(true);

    // Newest first: what the page received is in descending (At, id) order across page boundaries.
    const received = h.calls
      .filter((c) => c.method === 'queryEvents' && c.envelope.ok)
      .flatMap((c) => (c.envelope as { ok: true; value: { events: { at: string; id: number }[] } }).value.events);
    for (let i = 1; i < received.length; i++) {
      const [a, b] = [received[i - 1]!, received[i]!];
      expect(a.at > b.at || (a.at === b.at && a.id > b.id)).toBe(true);
    }
    await shot('22-visor-desplazado');
  });

  it('filtra por tipo, empresa y texto; el detalle muestra corrida, clave y datos técnicos sin secretos', async () => {
    ready();
    const v = viewer();
    await v.getByLabel('Información', { exact: true }).uncheck();
    await v.getByLabel('Advertencia', { exact: true }).uncheck();
    await expect
      .poll(() => (lastCall('queryEvents') as { filter: { levels?: string[] } }).filter.levels)
      .toEqual(['error']);
    await renderedRows().first().waitFor();
    const levels = await renderedRows().locator('.level').allTextContents();
    expect(new Set(levels)).toEqual(new Set(['Error']));

    await v.getByLabel('Empresa').selectOption(companyB.id);
    await v.getByLabel('Buscar').fill(UNIQUE_TEXT);
    await expect.poll(() => (lastCall('queryEvents') as { filter: { text?: string } }).filter.text).toBe(UNIQUE_TEXT);
    await expect.poll(() => renderedRows().count()).toBe(1);
    expect(lastCall('queryEvents')).toMatchObject({
      filter: { connectionId, companyId: companyB.id, levels: ['error'] },
    });
    await expect.poll(() => v.locator('.event-list-status').textContent()).toBe('1 evento.');

    // Keyboard: focus the list, Down selects the first row and shows its detail.
    await listbox().focus();
    await page.keyboard.press('ArrowDown');
    const detail = v.getByRole('region', { name: 'Detalle del evento' });
    await expect.poll(() => detail.getByTestId('event-record-key').textContent()).toBe(UNIQUE_TEXT);
    expect(await detail.getByTestId('event-run').textContent()).toContain(`Nº ${failedRunId}`);
    expect(await detail.getByTestId('event-message').textContent()).toContain('rechazó el precio');
    const excerpt = await detail.locator('.details-excerpt').textContent();
    expect(excerpt).toContain('precio inválido');
    expect(excerpt).toContain('[oculto]');
    expect(await v.innerText()).not.toContain(SECRET_IN_DETAILS);
    await shot('23-visor-filtrado-detalle');

    // Nothing matches → a clear sentence, not an empty box.
    await v.getByLabel('Buscar').fill('no-existe-nada-así');
    await v.getByText('No hay eventos en los últimos 7 días con estos filtros.').waitFor();
    await v.getByLabel('Buscar').fill('');
    await v.getByLabel('Empresa').selectOption('');
  });

  it('Exportar CSV guarda la vista filtrada, escrita por main en el archivo elegido, con BOM y encabezados en español', async () => {
    ready();
    const v = viewer();
    // Errors of the last 7 days, every company.
    await expect
      .poll(() => (lastCall('queryEvents') as { filter: { text?: string; companyId?: string } }).filter)
      .not.toHaveProperty('text');
    await v.getByRole('button', { name: 'Exportar CSV' }).click();
    await v.getByText(/^Se exportaron [\d,]+ eventos a «/).waitFor();
    expect(savePicks.at(-1)).toMatch(/^eventos-\d{8}-\d{4}\.csv$/);
    const bytes = fs.readFileSync(exportTarget);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(false); // exactly one BOM
    const lines = text.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe('Fecha y hora;Tipo;Categoría;Empresa;Catálogo;Origen;Corrida;Clave del registro;Mensaje');
    const exported = h.calls.filter((c) => c.method === 'exportEvents').at(-1)!;
    expect(exported.payload).toMatchObject({ filter: { levels: ['error'] } });
    const r = (exported.envelope as { ok: true; value: { saved: true; rows: number; path: string } }).value;
    expect(r).toMatchObject({ saved: true, path: exportTarget });
    expect(lines.length - 1).toBe(r.rows);
    expect(r.rows).toBeGreaterThan(100);
    expect(lines.slice(1).every((l) => l.includes(';Error;'))).toBe(true);
    await v.getByText(`Se exportaron ${r.rows.toLocaleString('es-MX')} eventos a «${exportTarget}».`).waitFor();
    expect(fs.existsSync(`${exportTarget}.partial`)).toBe(false);
  });

  it('la retención se guarda (mínimo 7 días)', async () => {
    ready();
    const v = viewer();
    const days = v.getByLabel('Conservar eventos (días)');
    await expect.poll(() => days.inputValue()).toBe('30');
    await days.fill('5');
    await v.getByRole('button', { name: 'Guardar retención' }).click();
    await v.getByText('Escriba un número de días entre 7 y 3650.').waitFor();
    expect(h.opened.journal.getRetention().days).toBe(30);
    await days.fill('45');
    await v.getByRole('button', { name: 'Guardar retención' }).click();
    await v.getByText('Se conservarán los eventos de los últimos 45 días.').waitFor();
    expect(h.opened.journal.getRetention().days).toBe(45);
    await shot('24-visor-retencion');
    await v.getByRole('button', { name: 'Cerrar' }).click();
    await v.waitFor({ state: 'detached' });
  });

  it('el historial muestra las cifras de hoy, la gráfica por día y la tabla de sincronizaciones', async () => {
    ready();
    await page.getByRole('button', { name: 'Historial de sincronización' }).click();
    const d = history();
    await d.waitFor();
    // Opens on the selected company (A); "Todas" shows the whole connection.
    await d.getByLabel('Empresa').selectOption('');
    const stats = d.getByRole('region', { name: 'Información de sincronizaciones' });
    await expect.poll(() => stats.getByTestId('stat-success').locator('.stat-value').textContent()).toBe('3');
    expect(await stats.getByTestId('stat-failed').locator('.stat-value').textContent()).toBe('2');
    expect(await stats.getByTestId('stat-partial').locator('.stat-value').textContent()).toBe('1');
    const filter = (lastCall('getRunStats') as { filter: { from: string; to: string } }).filter;
    const expected = h.opened.journal.getRunStats({ ...filter, connectionId });
    expect(expected.total).toBe(6);
    expect(await stats.getByTestId('stat-success').locator('.stat-pct').textContent()).toBe(
      `${Math.round(expected.successPct * 10) / 10} %`,
    );
    expect(await stats.getByTestId('stat-failed').locator('.stat-pct').textContent()).toBe(
      `${Math.round(expected.failedPct * 10) / 10} %`,
    );
    expect(await stats.getByTestId('stat-last').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4},? \d{2}:\d{2}:\d{2}/);

    const headers = await d.locator('.history-grid thead th').allTextContents();
    expect(headers).toEqual(['Empresa', 'Catálogo', 'Mensaje', 'Tipo', 'Inicio', 'Fin', 'Estado']);
    // Six runs today × two catalogs.
    await expect.poll(() => d.locator('.history-grid tbody tr').count()).toBe(12);
    const states = new Set(await d.locator('.history-grid .state-badge').allTextContents());
    expect(states).toEqual(new Set(['Exitoso', 'Parcial', 'Fallido']));
    expect(new Set(await d.locator('.history-grid tbody td:nth-child(4)').allTextContents())).toEqual(
      new Set(['Manual', 'Automática']),
    );
    await shot('25-historial-hoy');

    await d.getByLabel('Periodo').selectOption('7d');
    await expect.poll(() => d.locator('.runs-chart svg g[data-day]').count()).toBeGreaterThanOrEqual(7);
    expect(await d.locator('.runs-chart rect.bar-failed').count()).toBeGreaterThanOrEqual(2);
    expect(await d.locator('.runs-chart rect.bar-success').count()).toBeGreaterThanOrEqual(7);
    await expect.poll(() => stats.getByTestId('stat-total').locator('.stat-value').textContent()).toBe('24');
    await shot('26-historial-7-dias');
  });

  it('los errores por registro de una sincronización se ven y Reintentar llama a retryRun', async () => {
    ready();
    // Beyond the per-run cap only a count is kept: the panel says how many more there were.
    h.opened.db.prepare('UPDATE sync_runs SET ErrorsOmitted = 1234 WHERE RunID = ?').run(failedRunId);
    const d = history();
    await d.getByLabel('Periodo').selectOption('today');
    const failedRow = d.locator('.history-grid tbody tr.state-failed').first();
    await failedRow.waitFor();
    await failedRow.focus();
    await page.keyboard.press('Enter');
    const errors = d.getByRole('region', { name: `Errores de la sincronización Nº ${failedRunId}` });
    await errors.waitFor();
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(3);
    expect(await errors.locator('tbody tr').first().textContent()).toContain(`ART-B-${failedRunId}-1`);
    await errors.getByText('y 1,234 errores más (cada sincronización guarda solo los primeros).').waitFor();
    await shot('27-historial-errores');
    await errors.getByRole('button', { name: 'Reintentar' }).click();
    await expect.poll(() => lastCall('retryRun')).toEqual({ runId: failedRunId });
    const retry = h.calls.filter((c) => c.method === 'retryRun').at(-1)!.envelope;
    expect(retry).toMatchObject({ ok: true, value: { started: true } });
    const status = d.locator('.retry-status');
    await expect
      .poll(() => status.textContent())
      .toBe((retry as { ok: true; value: { message: string } }).value.message);
    // The retry is a new manual run of company B: when it ends the history shows it (7 runs today).
    await expect
      .poll(() => d.getByTestId('stat-total').locator('.stat-value').textContent(), { timeout: 20_000 })
      .toBe('7');
    await shot('28-historial-reintentar');
    // B's last run is no longer a failure: the grid drops its "Fallando" badge without a manual refresh.
    await expect
      .poll(
        () => page.locator('.row-button').filter({ hasText: companyB.name }).locator('.tag.health-failing').count(),
        { timeout: 10_000 },
      )
      .toBe(0);
    await d.getByRole('button', { name: 'Cerrar' }).click();
    await d.waitFor({ state: 'detached' });
  });

  it('Alertas: se guardan, la contraseña nunca vuelve y Enviar prueba muestra el resultado en español', async () => {
    ready();
    await page.getByRole('button', { name: 'Alertas…' }).click();
    const a = page.getByRole('dialog', { name: 'Alertas' });
    await a.waitFor();
    await a.getByLabel('Mostrar notificaciones de escritorio').check();
    await a.getByLabel('Correo del contacto de emergencia').fill('contador@empresa.com.mx');
    await a.getByLabel('Servidor', { exact: true }).fill('127.0.0.1');
    await a.getByLabel('Seguridad').selectOption('none');
    expect(await a.getByLabel('Puerto').inputValue()).toBe('25');
    await a.getByLabel('Puerto').fill('1');
    await a.getByLabel('Usuario').fill('alertas');
    await a.getByLabel('Contraseña').fill('Clave-SMTP-ñ€-55');
    await a.getByLabel('Remitente').fill('wopen-sync@empresa.com.mx');
    await a.getByRole('button', { name: 'Guardar' }).click();
    await a.getByText('La configuración de alertas se guardó.').waitFor();
    expect(await a.getByLabel('Contraseña').inputValue()).toBe('');
    expect(await a.getByLabel('Contraseña').getAttribute('placeholder')).toContain('guardada');
    const view = h.calls.filter((c) => c.method === 'getAlertSettings').at(-1)!.envelope;
    expect(JSON.stringify(view)).not.toContain('Clave-SMTP');
    expect(h.opened.alerts.service.getSettings()).toMatchObject({
      smtpHost: '127.0.0.1',
      smtpPort: 1,
      smtpSecurity: 'none',
      hasSmtpPassword: true,
    });

    await a.getByRole('button', { name: 'Enviar prueba' }).click();
    const result = a.getByTestId('alert-test-result');
    await result.waitFor({ timeout: 30_000 });
    expect(await result.getAttribute('class')).toContain('failed');
    expect(await result.textContent()).toMatch(/[áéíóúñ]|correo|servidor/i);
    await shot('29-alertas');
    await a.getByRole('button', { name: 'Cerrar' }).click();
    await a.waitFor({ state: 'detached' });
  });

  it('sin errores de la página (CSP incluida); todo campo tiene etiqueta', async () => {
    ready();
    for (const open of ['Visor de eventos', 'Historial de sincronización', 'Alertas…']) {
      await page.getByRole('button', { name: open }).click();
      const dialog = page.getByRole('dialog').last();
      await dialog.waitFor();
      await page.waitForTimeout(300);
      const unlabelled = await unlabelledFields(page);
      expect(unlabelled).toEqual([]);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
    }
    expect(h.pageErrors).toEqual([]);
  });
});
