import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { tempDir } from '../helpers/temp-dir';

/**
 * The built `wopen-sync` (npm run build → out/main/cli.js, started through bin/wopen-sync.cjs) under plain Node,
 * against a real Microsip data folder on Firebird: the verbs issue 2 names, as a user would type them.
 */

const BIN = path.resolve(__dirname, '../../bin/wopen-sync.cjs');
const microsip = useMicrosipFixture('cli-built', [
  { id: 1, shortName: 'ÑANDÚ €URO', branches: [{ id: 10, name: 'Matriz “Centro”' }] },
  { id: 2, shortName: '“LA GÜERA”' },
]);

const run = promisify(execFile);
async function wopenSync(args: string[], env: Record<string, string> = {}) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 30_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('wopen-sync built CLI (plain Node, real Firebird)', () => {
  it('adds the ERP, lists companies, validates and saves settings, shows them and the events', async () => {
    expect(fs.existsSync(path.resolve(__dirname, '../../out/main/cli.js')), 'run npm run build first').toBe(true);
    const db = path.join(tempDir(), 'w.sqlite');
    const { env, folder } = microsip;
    const add = await wopenSync(
      [
        '--db',
        db,
        'erp',
        'add',
        '--kind',
        'microsip',
        '--host',
        env.host,
        '--port',
        String(env.port),
        '--folder',
        folder,
        '--user',
        env.user,
        '--password-env',
        'FB_PW',
      ],
      { FB_PW: env.password },
    );
    expect(add).toMatchObject({ code: 0, stdout: '1\n' });

    const companies = await wopenSync(['--db', db, 'companies', '--json']);
    expect(JSON.parse(companies.stdout)).toEqual([
      { connectionId: 1, companyId: '1', name: 'ÑANDÚ €URO', sync: false, paused: null },
      { connectionId: 1, companyId: '2', name: '“LA GÜERA”', sync: false, paused: null },
    ]);

    const base = ['--db', db, 'config', 'set', '--connection', '1', '--company', '1'];
    const bad = await wopenSync(
      [
        ...base,
        '--sync',
        'on',
        '--period',
        '4',
        '--url',
        'https://tienda.wopen.com.mx',
        '--user',
        'u',
        '--password-env',
        'W',
      ],
      { W: 'secreto-€' },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/entre 5 y 1440/);

    const ok = await wopenSync(
      [
        ...base,
        '--sync',
        'on',
        '--period',
        '30',
        '--branch',
        '10',
        '--url',
        'https://tienda.wopen.com.mx',
        '--user',
        'u',
        '--password-env',
        'W',
      ],
      { W: 'secreto-€' },
    );
    expect(ok).toMatchObject({ code: 0, stdout: 'La configuración se guardó.\n' });

    const show = await wopenSync(['--db', db, 'config', 'show', '--connection', '1', '--company', '1', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      companyName: 'ÑANDÚ €URO',
      sync: true,
      period: 30,
      branchId: '10',
      hasPassword: true,
    });
    expect(show.stdout).not.toContain('secreto');

    const events = JSON.parse((await wopenSync(['--db', db, 'events', '--days', '7', '--json'])).stdout) as {
      message: string;
    }[];
    expect(events.some((e) => /Configuración guardada/.test(e.message))).toBe(true);
    expect(JSON.stringify(events)).not.toContain('secreto');
  });
});
