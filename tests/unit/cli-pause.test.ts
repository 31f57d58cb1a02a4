import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { tempDir } from '../helpers/temp-dir';

async function setup() {
  const erp = new FakeErp();
  const store = new RecordingStore();
  const db = path.join(tempDir(), 'w.sqlite');
  const run = (argv: string[]) =>
    cli(
      ['--db', db, ...argv],
      { FB_PW: 'masterkey', W: 'pw', USER: 'ana' },
      {
        erpFactory: erp.factory,
        storeFactory: () => store,
      },
    );
  await run([
    'erp',
    'add',
    '--kind',
    'microsip',
    '--host',
    'h',
    '--folder',
    'f',
    '--user',
    'SYSDBA',
    '--password-env',
    'FB_PW',
  ]);
  await run(['companies']);
  for (const company of ['1', '2']) {
    erp.source(company).set('taxes', 1, { name: 'IVA 16%', rate: 16 });
    const r = await run([
      'config',
      'set',
      '--connection',
      '1',
      '--company',
      company,
      '--sync',
      'on',
      '--url',
      `https://e${company}.wopen.com.mx`,
      '--user',
      'u',
      '--password-env',
      'W',
    ]);
    expect(r.code).toBe(0);
  }
  return { run, store };
}

describe('wopen-sync pause | resume | status', () => {
  it('validates in Spanish with exit 2 and saves nothing', async () => {
    const t = await setup();
    for (const [args, message] of [
      [[], /--connection y --company de la empresa, o --all/],
      [['--all', '--connection', '1', '--company', '1'], /--all o --connection y --company, no ambos/],
      [['--all', '--until', '24/12/2026'], /AAAA-MM-DD HH:MM/],
      [['--all', '--for', '2 horas'], /30m, 2h o 1d/],
      [['--all', '--for', '2h', '--until', '2030-01-01 10:00'], /--until o --for, no ambos/],
      [['--connection', 'x', '--company', '1'], /número de conexión/],
    ] as const) {
      const r = await t.run(['pause', ...args]);
      expect(r, args.join(' ')).toMatchObject({ code: 2, stderr: expect.stringMatching(message) });
    }
    const past = await t.run(['pause', '--all', '--until', '2020-01-01 10:00']);
    expect(past).toMatchObject({ code: 1, stderr: expect.stringMatching(/ya pasó/) });
    expect((await t.run(['status'])).stdout).toContain('Sin pausas.');
  });

  it('pauses one company: sync skips it, companies and status show it; resume lets it run', async () => {
    const t = await setup();
    const p = await t.run(['pause', '--connection', '1', '--company', '1', '--for', '2h']);
    expect(p).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^Sincronización de «ÑANDÚ €URO» pausada hasta el /),
    });

    const companies = JSON.parse((await t.run(['companies', '--json'])).stdout) as { paused: string | null }[];
    expect(companies.map((c) => c.paused)).toEqual([
      expect.stringMatching(/^Pausada hasta el \d\d\/\d\d\/\d{4} \d\d:\d\d$/),
      null,
    ]);

    const status = await t.run(['status']);
    expect(status.stdout).toMatch(
      /Pausas:\n {2}ÑANDÚ €URO \(conexión 1, empresa 1\): Pausada hasta el .*, la pausó cli:ana/,
    );
    expect(status.stdout).toMatch(/1\t1\tPausada hasta el [^\t]+\tsin sincronizaciones\tÑANDÚ €URO/);

    const sync = await t.run(['sync', '--once']);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/La sincronización de «ÑANDÚ €URO» está en pausa hasta el .* \(la pausó cli:ana\)/);
    expect(sync.stdout).toMatch(/“LA GÜERA” S\.A\.: Exitosa/);
    const named = await t.run(['sync', '--connection', '1', '--company', '1']);
    expect(named).toMatchObject({ code: 1, stderr: expect.stringMatching(/está en pausa/) });

    const r = await t.run(['resume', '--connection', '1', '--company', '1']);
    expect(r).toMatchObject({ code: 0, stdout: 'Sincronización de «ÑANDÚ €URO» reanudada.\n' });
    expect((await t.run(['sync', '--connection', '1', '--company', '1'])).stdout).toMatch(/ÑANDÚ €URO: Exitosa/);
    const events = (await t.run(['events'])).stdout;
    expect(events).toMatch(/Sincronización de «ÑANDÚ €URO» pausada hasta el .* por cli:ana\./);
    expect(events).toMatch(/Sincronización de «ÑANDÚ €URO» reanudada por cli:ana\./);
  });

  it('pause --all until resumed holds every company; status --json shows it; resume --all ends it', async () => {
    const t = await setup();
    expect((await t.run(['pause', '--all'])).stdout).toBe(
      'Sincronización de todas las empresas pausada hasta que se reanude. No empezará ninguna sincronización mientras dure.\n',
    );
    const s = JSON.parse((await t.run(['status', '--json'])).stdout) as {
      pauses: { connectionId: null; until: null }[];
      companies: { paused: object | null }[];
    };
    expect(s.pauses).toMatchObject([{ connectionId: null, until: null, pausedBy: 'cli:ana' }]);
    expect(s.companies.every((c) => c.paused !== null)).toBe(true);
    const sync = await t.run(['sync']);
    expect(sync.stdout.match(/está en pausa/g)).toHaveLength(2);
    expect(t.store.batches).toEqual([]);
    expect((await t.run(['resume', '--all'])).stdout).toBe('Sincronización reanudada para todas las empresas.\n');
    expect((await t.run(['status'])).stdout).toContain('Sin pausas.');
  });
});
