import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { tempDir } from '../helpers/temp-dir';

const sandboxes: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

/** `wopen-sync` in-process against the real sandbox over HTTP; the ERP side is the in-memory double. */
async function setup() {
  const sandbox = await startSandbox({ dataFile: ':memory:', user: 'integracion', password: 'Contraseña€' });
  sandboxes.push(sandbox);
  const erp = new FakeErp();
  for (let i = 1; i <= 25; i++) erp.source('1').set('articles', i, { code: `A${i}`, name: `ÑANDÚ “${i}” €` });
  erp.source('1').set('taxes', 1, { name: 'IVA 16%', kind: 'IVA', rate: 16 });
  const db = path.join(tempDir(), 'w.sqlite');
  const env = { FB: 'masterkey', W: 'Contraseña€' };
  const run = (argv: string[], waitForStop?: () => Promise<void>) =>
    cli(['--db', db, ...argv], env, { erpFactory: erp.factory }, waitForStop);
  await run(['erp', 'add', '--kind', 'microsip', '--host', 'h', '--folder', '/d', '--password-env', 'FB']);
  await run([
    'config',
    'set',
    '--connection',
    '1',
    '--company',
    '1',
    '--sync',
    'on',
    '--url',
    sandbox.url,
    '--user',
    'integracion',
    '--password-env',
    'W',
  ]);
  const records = async (catalog: string) =>
    (
      (await (await fetch(`${sandbox.controlUrl}/records?catalog=${catalog}`)).json()) as {
        records: { key: string; data: Record<string, unknown>; active: boolean }[];
      }
    ).records;
  return { sandbox, erp, run, records };
}

describe('wopen-sync sync / run', () => {
  it('sync --once --json prints per company and catalog {read, pushed, unchanged, failed}', async () => {
    const t = await setup();
    const first = await t.run(['sync', '--once', '--json']);
    expect(first.code).toBe(0);
    const [company] = JSON.parse(first.stdout) as {
      state: string;
      catalogs: Record<string, { read: number; pushed: number; unchanged: number; failed: number; state: string }>;
    }[];
    expect(company).toMatchObject({ state: 'success', name: 'ÑANDÚ €URO' });
    expect(company!.catalogs.articles).toMatchObject({ read: 25, pushed: 25, unchanged: 0, failed: 0 });
    expect(company!.catalogs.customers).toMatchObject({ state: 'skipped' });
    expect((await t.records('articles')).find((r) => r.key === '7')?.data.name).toBe('ÑANDÚ “7” €');

    const again = JSON.parse((await t.run(['sync', '--once', '--json', '--connection', '1', '--company', '1'])).stdout);
    expect(again[0].catalogs.articles).toMatchObject({ read: 0, pushed: 0 });
  });

  it('sync --full re-sends every record and says so; --full with --dry-run is refused (exit 2)', async () => {
    const t = await setup();
    await t.run(['sync', '--once', '--json']);
    const full = await t.run(['sync', '--once', '--full', '--json']);
    expect(full.code).toBe(0);
    const [company] = JSON.parse(full.stdout) as { message: string; catalogs: Record<string, { pushed: number }> }[];
    expect(company!.message).toMatch(/^Reenvío completo solicitado: se envían todos los catálogos completos\./);
    expect(company!.catalogs.articles!.pushed).toBe(25);
    const both = await t.run(['sync', '--full', '--dry-run']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--full y --dry-run no se pueden usar juntos/);
  });

  it('a store reset (new storeId) gets the whole catalog on the next run, with the reason in the message', async () => {
    const t = await setup();
    await t.run(['sync', '--once', '--json']);
    await fetch(`${t.sandbox.controlUrl}/reset`, { method: 'POST' });
    const [company] = JSON.parse((await t.run(['sync', '--once', '--json'])).stdout) as {
      message: string;
      catalogs: Record<string, { pushed: number }>;
    }[];
    expect(company!.message).toMatch(/La tienda de destino es otra/);
    expect(company!.catalogs.articles!.pushed).toBe(25);
    expect(await t.records('articles')).toHaveLength(25);
  });

  it('--dry-run shows what would be pushed and sends nothing', async () => {
    const t = await setup();
    const dry = await t.run(['sync', '--dry-run', '--json']);
    const [company] = JSON.parse(dry.stdout);
    expect(company.catalogs.articles).toMatchObject({ pushed: 25, samples: ['1', '2', '3', '4', '5'] });
    expect(await t.records('articles')).toEqual([]);
  });

  it('exits 1 with the run failed when the store keeps failing, and heals on the next run', async () => {
    const t = await setup();
    await fetch(`${t.sandbox.controlUrl}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 500, path: '/catalogs/', count: 100 }),
    });
    const bad = await t.run(['sync', '--json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)[0].state).toBe('failed');
    await fetch(`${t.sandbox.controlUrl}/reset`, { method: 'POST' });
    const good = await t.run(['sync', '--json']);
    expect(JSON.parse(good.stdout)[0].catalogs.articles.pushed).toBe(25);
  }, 60_000);

  it('run syncs due companies on schedule and stops cleanly when asked', async () => {
    const t = await setup();
    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const poll = setInterval(async () => {
      if ((await t.records('articles')).length === 25) stop();
    }, 50);
    const r = await t.run(['run', '--tick', '0.05'], () => stopped);
    clearInterval(poll);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string });
    const events = lines.map((l) => l.event);
    expect(events[0]).toBe('service.start');
    expect(events[1]).toBe('lease.acquired');
    expect(events).toContain('run.finished');
    expect(events.filter((e) => e !== 'run.finished').slice(-3)).toEqual([
      'service.stopping',
      'lease.released',
      'service.stopped',
    ]);
  });
});
