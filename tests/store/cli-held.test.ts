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

/** 300 articles synced to the real sandbox over HTTP, then most of them vanish from the ERP. */
async function afterMassDisappearance() {
  const sandbox = await startSandbox({ dataFile: ':memory:', user: 'integracion', password: 'Contraseña€' });
  sandboxes.push(sandbox);
  const erp = new FakeErp();
  for (let i = 1; i <= 300; i++) erp.source('1').set('articles', i, { code: `A${i}`, name: `ÑANDÚ “${i}” €` });
  const db = path.join(tempDir(), 'w.sqlite');
  const env = { FB: 'masterkey', W: 'Contraseña€' };
  const run = (argv: string[]) => cli(['--db', db, ...argv], env, { erpFactory: erp.factory });
  await run(['erp', 'add', '--kind', 'microsip', '--host', 'h', '--folder', '/d', '--password-env', 'FB']);
  const config = await run([
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
  expect(config.code).toBe(0);
  expect((await run(['sync', '--once'])).code).toBe(0);
  const active = async () =>
    (
      (await (await fetch(`${sandbox.controlUrl}/records?catalog=articles`)).json()) as {
        records: { key: string; active: boolean }[];
      }
    ).records
      .filter((r) => r.active)
      .map((r) => r.key);
  expect(await active()).toHaveLength(300);
  for (let i = 6; i <= 300; i++) erp.source('1').remove('articles', i);
  return { erp, run, active };
}

describe('wopen-sync held', () => {
  it('sync --once holds the mass deactivation: store unchanged, exit 4, Requiere revisión; held list shows it', async () => {
    const t = await afterMassDisappearance();
    const sync = await t.run(['sync', '--once', '--json']);
    expect(sync.code).toBe(4);
    const [company] = JSON.parse(sync.stdout) as { state: string; message: string }[];
    expect(company).toMatchObject({ state: 'review' });
    expect(company!.message).toMatch(/^Requiere revisión: /);
    expect(await t.active()).toHaveLength(300);

    const list = await t.run(['held', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('Catálogos de artículos (articles): 295 bajas retenidas (98 % de 300 en la tienda)');
    expect(list.stdout).toMatch(/p\. ej\.: 10, 100, 101/);
    const json = JSON.parse((await t.run(['held', 'list', '--json'])).stdout) as { held: { held: number }[] }[];
    expect(json[0]!.held[0]!.held).toBe(295);
  });

  it('held apply sends exactly the held set and the next sync is clean (exit 0)', async () => {
    const t = await afterMassDisappearance();
    await t.run(['sync', '--once']);
    const apply = await t.run(['held', 'apply', '--connection', '1', '--company', '1']);
    expect(apply.code).toBe(0);
    expect(apply.stdout).toMatch(/^Bajas aprobadas \(295 de Catálogos de artículos\)\. .*: Exitosa: /);
    expect((await t.active()).sort()).toEqual(['1', '2', '3', '4', '5']);
    expect(JSON.parse((await t.run(['held', 'list', '--json'])).stdout)).toEqual([]);
    expect((await t.run(['sync', '--once'])).code).toBe(0);
  });

  it('held discard keeps the store; the next sync holds again', async () => {
    const t = await afterMassDisappearance();
    await t.run(['sync', '--once']);
    const discard = await t.run(['held', 'discard', '--connection', '1', '--company', '1', '--catalog', 'articles']);
    expect(discard.code).toBe(0);
    expect(discard.stdout).toMatch(/^Bajas descartadas \(295 de Catálogos de artículos\): la tienda queda como está/);
    expect(await t.active()).toHaveLength(300);
    expect((await t.run(['sync', '--once'])).code).toBe(4);
  });

  it('refuses an unknown catalog and an apply with nothing held, in Spanish', async () => {
    const t = await afterMassDisappearance();
    const bad = await t.run(['held', 'discard', '--connection', '1', '--company', '1', '--catalog', 'artículos']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Catálogo desconocido: «artículos»');
    const none = await t.run(['held', 'apply', '--connection', '1', '--company', '1']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('No hay bajas retenidas para esta empresa.');
  });
});
