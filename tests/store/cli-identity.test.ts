import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CompanyIdentity } from '../../shared/company-identity';
import type { ErpFactory } from '../../electron/erp/registry';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { tempDir } from '../helpers/temp-dir';

const sandboxes: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.close()));
});

/** Two companies synced by `sync --once` to the real sandbox; company 1 can be given another identity. */
async function twoCompanies() {
  const stores: Record<string, RunningSandbox> = {};
  for (const c of ['1', '2']) {
    stores[c] = await startSandbox({ dataFile: ':memory:', user: 'integracion', password: 'Contraseña€' });
    sandboxes.push(stores[c]);
  }
  const erp = new FakeErp();
  for (const c of ['1', '2']) erp.source(c).set('articles', 1, { code: 'A1', name: `Artículo de ${c}` });
  const identities: Record<string, CompanyIdentity> = {
    '1': {
      rfc: 'AAA010101AA1',
      name: 'Uno',
      database: '/d/UNO.FDB',
      databaseKind: 'file',
      stamp: 'creada 1',
      sources: ['prueba'],
    },
    '2': {
      rfc: 'BBB020202BB2',
      name: 'Dos',
      database: '/d/DOS.FDB',
      databaseKind: 'file',
      stamp: 'creada 2',
      sources: ['prueba'],
    },
  };
  // The fake connector, with the identity port answering from `identities`.
  const erpFactory: ErpFactory = (config, password) =>
    Object.assign(erp.factory(config, password), {
      readIdentity: async (companyId: string) => identities[companyId]!,
    });
  const db = path.join(tempDir(), 'w.sqlite');
  const env = { FB: 'masterkey', W: 'Contraseña€' };
  const run = (argv: string[]) => cli(['--db', db, ...argv], env, { erpFactory });
  await run(['erp', 'add', '--kind', 'microsip', '--host', 'h', '--folder', '/d', '--password-env', 'FB']);
  for (const company of ['1', '2']) {
    const config = await run([
      ...['config', 'set', '--connection', '1', '--company', company, '--sync', 'on', '--url', stores[company]!.url],
      ...['--user', 'integracion', '--password-env', 'W'],
    ]);
    expect(config.stderr).toBe('');
    expect(config.code).toBe(0);
  }
  expect((await run(['sync', '--once'])).code).toBe(0);
  return { erp, run, identities, stores };
}

describe('wopen-sync identity', () => {
  it('sync --once stops only the company that became another one (exit 4); show explains; confirm resumes', async () => {
    const t = await twoCompanies();
    t.identities['1'] = { ...t.identities['1']!, rfc: 'ZZZ990909ZZ9', stamp: 'creada 9' };
    t.erp.source('2').set('articles', 1, { code: 'A1', name: 'Cambio en Dos' });

    const sync = await t.run(['sync', '--once']);
    expect(sync.code).toBe(4);
    expect(sync.stderr).toContain('Sincronización detenida: «');
    expect(sync.stderr).toContain('el RFC cambió de AAA010101AA1 a ZZZ990909ZZ9');
    // The other company synced in the same pass.
    expect(sync.stdout).toMatch(/^“LA GÜERA” S\.A\.: Exitosa: 1 registros/);
    const stored = async (c: string) =>
      (
        (await (await fetch(`${t.stores[c]!.controlUrl}/records?catalog=articles`)).json()) as {
          records: { data: { name: string } }[];
        }
      ).records.map((r) => r.data.name);
    expect(await stored('2')).toEqual(['Cambio en Dos']);
    t.erp.source('1').set('articles', 1, { code: 'A1', name: 'No debe llegar' });
    expect((await t.run(['sync', '--once'])).code).toBe(4);
    expect(await stored('1')).toEqual(['Artículo de 1']);

    const show = await t.run(['identity', 'show']);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('DETENIDA desde');
    expect(show.stdout).toContain('Registrada: RFC AAA010101AA1 (Uno), archivo /d/UNO.FDB [creada 1]');
    expect(show.stdout).toContain('Ahora: RFC ZZZ990909ZZ9 (Uno), archivo /d/UNO.FDB [creada 9]');
    expect(show.stdout).toContain('ahora es RFC ZZZ990909ZZ9 / archivo /d/UNO.FDB: ¿es la misma empresa?');
    const json = JSON.parse((await t.run(['identity', 'show', '--json'])).stdout) as { block: unknown }[];
    expect(json).toHaveLength(1);

    // Still stopped on the next pass, without a new event.
    const only = await t.run(['sync', '--once', '--connection', '1', '--company', '1']);
    expect(only.code).toBe(4);
    expect(only.stderr).toContain('Sincronización detenida');

    const confirm = await t.run(['identity', 'confirm', '--connection', '1', '--company', '1', '--by', 'contadora']);
    expect(confirm.code).toBe(0);
    expect(confirm.stdout).toContain('identidad confirmada (RFC ZZZ990909ZZ9 (Uno), archivo /d/UNO.FDB [creada 9])');
    expect((await t.run(['identity', 'show'])).stdout).toBe('Ninguna empresa está detenida por identidad.\n');
    const one = await t.run(['identity', 'show', '--connection', '1', '--company', '1']);
    expect(one.stdout).toContain('confirmada por contadora');
    expect((await t.run(['sync', '--once'])).code).toBe(0);
    expect(await stored('1')).toEqual(['No debe llegar']);

    const again = await t.run(['identity', 'confirm', '--connection', '1', '--company', '1']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no está detenida por identidad/);
  });

  it('only a new name (same RFC, same file) is an event, not a stop', async () => {
    const t = await twoCompanies();
    t.identities['1'] = { ...t.identities['1']!, name: 'Uno Renombrada' };
    expect((await t.run(['sync', '--once'])).code).toBe(0);
    const events = await t.run(['events', '--days', '1']);
    expect(events.stdout).toContain('el nombre cambió de «Uno» a «Uno Renombrada» (mismo RFC)');
  });
});
