import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import type { FirebirdSession } from '../../electron/erp/microsip/firebird-client';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import {
  deleteFixtureRows,
  insertFixtureRow,
  SAMPLE_ROWS,
  SAMPLE_WAREHOUSES,
  updateFixtureRows,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { tempDir } from '../helpers/temp-dir';

/**
 * The whole engine against the real Microsip adapter on Firebird and the real sandbox over HTTP: end-to-end
 * content, and the fault matrix (store 500/429/timeout/reset/bad JSON, the ERP dropping mid-run).
 */

const COMPANIES: FixtureCompany[] = [
  { id: 7, shortName: 'FALLAS ÑANDÚ', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const STORE = { user: 'integracion', password: 'Contraseña-€' };
const microsip = useMicrosipFixture('engine-faults', COMPANIES);
const { env, folder } = microsip;
const companyDb = <T>(work: (db: FirebirdSession) => Promise<T>) => microsip.companyDb(0, work);

interface Rig {
  c: OpenedConsole;
  sandbox: RunningSandbox;
  scope: { connectionId: number; companyId: string };
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.c.close();
    await r.sandbox.close();
  }
});

/** A fresh settings database configured like the console would, pointing at a fresh sandbox. */
async function rig(): Promise<Rig> {
  const sandbox = await startSandbox({ dataFile: ':memory:', ...STORE });
  const c = openConsole({
    databasePath: path.join(tempDir(), 'wopen-sync.sqlite'),
    version: 'test',
    // Real client, short timeouts and backoff so the fault matrix runs in seconds.
    storeFactory: (cred) =>
      new WopenClient(cred, {
        batchTimeoutMs: 700,
        retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 1500 },
      }),
  });
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: env.host, port: env.port, folder, user: env.user },
    newPassword: env.password,
  });
  await c.service.listCompanies(id);
  const saved = await c.service.saveSettings(id, [
    {
      companyId: '7',
      sync: true,
      period: '30',
      orders: false,
      invoices: false,
      branchId: null,
      autoStamp: false,
      claveProdServ: '',
      claveUnidad: '',
      url: sandbox.url,
      user: STORE.user,
      newPassword: STORE.password,
    },
  ]);
  expect(saved.ok).toBe(true);
  const r = { c, sandbox, scope: { connectionId: id, companyId: '7' } };
  rigs.push(r);
  return r;
}

const sync = (r: Rig) => r.c.engine.run(r.scope, { trigger: 'manual' });
const records = async (r: Rig, catalog: string) =>
  (
    (await (await fetch(`${r.sandbox.controlUrl}/records?catalog=${catalog}`)).json()) as {
      records: { key: string; data: Record<string, unknown>; active: boolean }[];
    }
  ).records;
const fault = (r: Rig, spec: object) =>
  fetch(`${r.sandbox.controlUrl}/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(spec),
  });
const stateCount = (r: Rig, catalog: string) =>
  (r.c.db.prepare('SELECT COUNT(*) AS n FROM sync_records WHERE Catalog = ?').get(catalog) as { n: number }).n;
const moved = (s: Awaited<ReturnType<typeof sync>>) => s.catalogs.reduce((n, x) => n + x.pushed + x.deleted, 0);

describe('engine end to end (Firebird + sandbox)', () => {
  it('first sync, no-change resync, one change, a deletion; accents, € and curly quotes intact', async () => {
    const r = await rig();
    const first = await sync(r);
    expect(first.state).toBe('success');
    const articles = await records(r, 'articles');
    expect(articles.find((a) => a.key === '1001')?.data).toMatchObject({
      name: 'Martillo de uña “Truper” 16 oz',
      description: 'Mango de fibra — garantía €',
    });
    expect((await records(r, 'customers')).find((x) => x.key === '3001')?.data.name).toBe(
      'Ferretería “El Ñandú” S.A. de C.V.',
    );
    expect((await records(r, 'warehouses')).map((w) => w.data.name)).toContain('Bodega “Ñuñoa”');

    const again = await sync(r);
    expect(again.message).toMatch(/^Exitosa: sin cambios \(\d+ registros verificados\)\.$/);
    expect(again.catalogs.every((x) => x.read === 0)).toBe(true);

    await companyDb((db) => updateFixtureRows(db, 'PRECIOS_ARTICULOS', { PRECIO: 123.45 }, { PRECIO_ARTICULO_ID: 1 }));
    const one = await sync(r);
    expect(moved(one)).toBe(1);
    expect(one.catalogs.find((x) => x.catalog === 'article-prices')?.pushed).toBe(1);

    const article = SAMPLE_ROWS.ARTICULOS!.find((a) => a.ARTICULO_ID === 2005)!;
    await companyDb((db) => deleteFixtureRows(db, 'ARTICULOS', { ARTICULO_ID: 2005 }));
    try {
      const del = await sync(r);
      expect(del.catalogs.find((x) => x.catalog === 'articles')?.deleted).toBe(1);
      expect((await records(r, 'articles')).find((a) => a.key === '2005')?.active).toBe(false);
    } finally {
      await companyDb((db) => insertFixtureRow(db, 'ARTICULOS', article));
    }
  });
});

describe('fault matrix (Firebird + sandbox)', () => {
  const persistent = [
    ['500', { kind: 'status', status: 500 }],
    ['429 with Retry-After', { kind: 'status', status: 429, retryAfter: '0' }],
    ['timeout', { kind: 'hang' }],
    ['connection reset', { kind: 'reset' }],
    ['bad JSON (stored, answer broken)', { kind: 'bad-json' }],
  ] as const;

  it.each(persistent)(
    '%s on every articles batch: run partial with an event, no state past what the store accepted, next run heals',
    async (_name, spec) => {
      const r = await rig();
      await fault(r, { ...spec, method: 'POST', path: '/catalogs/articles/batch', count: 50 });
      const bad = await sync(r);
      expect(bad.state).toBe('partial'); // earlier catalogs went through
      expect(bad.catalogs.find((x) => x.catalog === 'articles')?.state).toBe('failed');
      expect(bad.catalogs.find((x) => x.catalog === 'stock')).toMatchObject({ state: 'skipped', aborted: true });
      expect(stateCount(r, 'articles')).toBe(0);
      expect(stateCount(r, 'taxes')).toBeGreaterThan(0);
      const events = r.c.journal.listEvents({ days: 1 });
      expect(
        events.some((e) => e.level === 'warning' && /Sincronización manual terminada: Parcial/.test(e.message)),
      ).toBe(true);

      await fetch(`${r.sandbox.controlUrl}/faults`, { method: 'DELETE' });
      const healed = await sync(r);
      expect(healed.state).toBe('success');
      expect((await records(r, 'articles')).filter((a) => a.active)).toHaveLength(3);
      expect(stateCount(r, 'articles')).toBe(3);
      expect(moved(await sync(r))).toBe(0);
    },
  );

  it.each([
    ['500 once', { kind: 'status', status: 500 }],
    ['429 once', { kind: 'status', status: 429, retryAfter: '1' }],
    ['reset after storing', { kind: 'reset', apply: true }],
    ['bad JSON once', { kind: 'bad-json' }],
  ] as const)('%s: the client retries, the run succeeds, every record stored once', async (_name, spec) => {
    const r = await rig();
    await fault(r, { ...spec, method: 'POST', path: '/catalogs/articles/batch', count: 1 });
    const s = await sync(r);
    expect(s.state).toBe('success');
    const stored = await records(r, 'articles');
    expect(stored.map((a) => a.key).sort()).toEqual(['1001', '1002', '2005']);
    expect(stateCount(r, 'articles')).toBe(3);
  });

  it('the ERP dropping mid-run ends the run partial with an event and the next run heals', async () => {
    const r = await rig();
    // Hold the first stock batch in the store, and cut the engine's Firebird attachment meanwhile.
    await fault(r, {
      kind: 'delay',
      delayMs: 1500,
      apply: true,
      method: 'POST',
      path: '/catalogs/stock/batch',
      count: 1,
    });
    const running = sync(r);
    await new Promise((res) => setTimeout(res, 600));
    await companyDb((db) => db.query('DELETE FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID <> CURRENT_CONNECTION'));
    const bad = await running;
    expect(bad.state).toBe('partial');
    const failed = bad.catalogs.find((x) => x.state === 'failed');
    expect(failed?.message).toMatch(/ERP|Firebird|conexión|attachment/i);
    expect(r.c.journal.listEvents({ days: 1 }).some((e) => /terminada: Parcial/.test(e.message))).toBe(true);

    const healed = await sync(r);
    expect(healed.state).toBe('success');
    const prices = SAMPLE_ROWS.PRECIOS_ARTICULOS!.length;
    expect((await records(r, 'article-prices')).length).toBeLessThanOrEqual(prices);
    expect(moved(await sync(r))).toBe(0);
  });
});
