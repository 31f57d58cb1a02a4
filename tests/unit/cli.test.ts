import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { tempDir } from '../helpers/temp-dir';

async function setup() {
  const erp = new FakeErp();
  const db = path.join(tempDir(), 'w.sqlite');
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
    cli(['--db', db, ...argv], env, { erpFactory: erp.factory });
  const add = await run(
    [
      'erp',
      'add',
      '--kind',
      'microsip',
      '--host',
      '127.0.0.1',
      '--port',
      '3050',
      '--folder',
      'C:\\Microsip datos\\',
      '--user',
      'SYSDBA',
      '--password-env',
      'FB_PW',
    ],
    { FB_PW: 'masterkey' },
  );
  return { erp, db, run, connectionId: add.stdout.trim(), add };
}

describe('wopen-sync CLI (in-process)', () => {
  it('erp add prints the connection id and takes the password from the environment only', async () => {
    const t = await setup();
    expect(t.add).toMatchObject({ code: 0, stdout: '1\n' });
    expect((await t.run(['companies', '--json'])).code).toBe(0);
    expect(t.erp.passwordsSeen.at(-1)).toBe('masterkey');
    const missing = await t.run([
      'erp',
      'add',
      '--kind',
      'microsip',
      '--host',
      'h',
      '--folder',
      'f',
      '--password-env',
      'NOPE',
    ]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringMatching(/NOPE.*no está definida/) });
    const contpaqi = await t.run(
      [
        'erp',
        'add',
        '--kind',
        'contpaqi',
        '--server',
        'SRV\\COMPAC',
        '--database',
        'ComercialSP',
        '--user',
        'sa',
        '--password-env',
        'P',
      ],
      { P: 'x' },
    );
    expect(contpaqi).toMatchObject({ code: 0, stdout: '2\n' });
    const plain = await t.run(
      [
        'erp',
        'add',
        '--kind',
        'contpaqi',
        '--server',
        'VIEJO',
        '--database',
        'C',
        '--user',
        'sa',
        '--password-env',
        'P',
      ].concat(['--no-encrypt']),
      { P: 'x' },
    );
    const selfSigned = await t.run(
      [
        'erp',
        'add',
        '--kind',
        'contpaqi',
        '--server',
        'SRV',
        '--database',
        'C',
        '--user',
        'sa',
        '--password-env',
        'P',
      ].concat(['--trust-server-certificate']),
      { P: 'x' },
    );
    const withShare = await t.run(
      [
        'erp',
        'add',
        '--kind',
        'contpaqi',
        '--server',
        'S3',
        '--database',
        'C',
        '--user',
        'sa',
        '--password-env',
        'P',
      ].concat(['--cfdi-folder', '\\\\SERVIDOR\\Empresas\\XML']),
      { P: 'x' },
    );
    const notShare = await t.run(
      [
        'erp',
        'add',
        '--kind',
        'contpaqi',
        '--server',
        'S4',
        '--database',
        'C',
        '--user',
        'sa',
        '--password-env',
        'P',
      ].concat(['--cfdi-folder', 'C:\\XML']),
      { P: 'x' },
    );
    expect([plain.code, selfSigned.code, withShare.code, notShare.code]).toEqual([0, 0, 0, 2]);
    const listed = JSON.parse((await t.run(['erp', 'list', '--json'])).stdout) as {
      config: { kind: string; encrypt?: boolean; trustServerCertificate?: boolean; cfdiFolders?: string[] };
    }[];
    // Encrypted with a verified certificate unless the user says otherwise.
    expect(
      listed
        .filter((c) => c.config.kind === 'contpaqi')
        .map((c) => [c.config.encrypt, c.config.trustServerCertificate]),
    ).toEqual([
      [true, false],
      [false, false],
      [true, true],
      [true, false],
    ]);
    expect(listed.at(-1)?.config.cfdiFolders).toEqual(['\\\\SERVIDOR\\Empresas\\XML']);
    // Legacy_Auth only when asked for, and erp set turns it off again.
    const legacy = await t.run(
      ['erp', 'add', '--kind', 'microsip', '--host', 'viejo', '--folder', 'f', '--password-env', 'P', '--legacy-auth'],
      { P: 'x' },
    );
    expect(legacy.code).toBe(0);
    const legacyId = legacy.stdout.trim();
    const microsipLegacy = async () =>
      (
        JSON.parse((await t.run(['erp', 'list', '--json'])).stdout) as {
          id: number;
          config: { kind: string; allowLegacyAuth?: boolean };
        }[]
      )
        .filter((c) => c.config.kind === 'microsip')
        .map((c) => [c.id, c.config.allowLegacyAuth === true]);
    expect(await microsipLegacy()).toEqual([
      [1, false],
      [Number(legacyId), true],
    ]);
    expect((await t.run(['erp', 'set', '--connection', legacyId, '--legacy-auth', 'off'])).code).toBe(0);
    expect(await microsipLegacy()).toEqual([
      [1, false],
      [Number(legacyId), false],
    ]);
    const incomplete = await t.run(['erp', 'add', '--kind', 'contpaqi', '--server', 'SRV']);
    expect(incomplete).toMatchObject({ code: 2, stderr: expect.stringMatching(/--database/) });
  });

  it('companies --json lists connectionId, companyId, name, sync', async () => {
    const t = await setup();
    const r = await t.run(['companies', '--json']);
    expect(JSON.parse(r.stdout)).toEqual([
      { connectionId: 1, companyId: '1', name: 'ÑANDÚ €URO', sync: false, paused: null },
      { connectionId: 1, companyId: '2', name: '“LA GÜERA” S.A.', sync: false, paused: null },
    ]);
  });

  it('config set validates like Aceptar: exit 2, Spanish message on stderr, nothing saved', async () => {
    const t = await setup();
    const bad = await t.run(
      [
        'config',
        'set',
        '--connection',
        '1',
        '--company',
        '1',
        '--sync',
        'on',
        '--period',
        '4',
        '--url',
        'https://a.wopen.com.mx',
        '--user',
        'u',
        '--password-env',
        'W',
      ],
      { W: 'pw' },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/5.*1440/);
    const shown = JSON.parse((await t.run(['config', 'show', '--connection', '1', '--company', '1', '--json'])).stdout);
    expect(shown).toMatchObject({ sync: false, period: 30, hasPassword: false, updatedAt: null });

    for (const args of [
      ['--sync', 'maybe'],
      ['--clave-prod-serv', '123'],
      ['--url', 'http://a.wopen.com.mx'],
    ]) {
      const r = await t.run(['config', 'set', '--connection', '1', '--company', '1', ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.length).toBeGreaterThan(10);
    }
  });

  it('config set saves only the options given and show never prints the password', async () => {
    const t = await setup();
    const ok = await t.run(
      [
        'config',
        'set',
        '--connection',
        '1',
        '--company',
        '2',
        '--sync',
        'on',
        '--period',
        '30',
        '--orders',
        'on',
        '--invoices',
        'off',
        '--auto-stamp',
        'on',
        '--clave-prod-serv',
        '01010101',
        '--clave-unidad',
        'H87',
        '--url',
        'https://tienda.wopen.com.mx',
        '--user',
        'integracion',
        '--password-env',
        'W',
      ],
      { W: 'Secreta-€' },
    );
    expect(ok).toMatchObject({ code: 0, stdout: 'La configuración se guardó.\n' });
    await t.run(['config', 'set', '--connection', '1', '--company', '2', '--period', '60']);
    const show = await t.run(['config', 'show', '--connection', '1', '--company', '2', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      companyName: '“LA GÜERA” S.A.',
      sync: true,
      period: 60,
      orders: true,
      invoices: false,
      autoStamp: true,
      claveProdServ: '01010101',
      claveUnidad: 'H87',
      url: 'https://tienda.wopen.com.mx',
      user: 'integracion',
      hasPassword: true,
    });
    expect(show.stdout).not.toContain('Secreta');
    const dup = await t.run([
      'config',
      'set',
      '--connection',
      '1',
      '--company',
      '1',
      '--url',
      'https://TIENDA.wopen.com.mx/',
    ]);
    expect(dup).toMatchObject({ code: 2, stderr: expect.stringContaining('«“LA GÜERA” S.A.»') });
    const list = JSON.parse((await t.run(['companies', '--json'])).stdout) as { companyId: string; sync: boolean }[];
    expect(list.find((c) => c.companyId === '2')?.sync).toBe(true);
  });

  it('events --days 7 --json lists what happened, newest first', async () => {
    const t = await setup();
    await t.run(['config', 'set', '--connection', '1', '--company', '1', '--period', '15']);
    const events = JSON.parse((await t.run(['events', '--days', '7', '--json'])).stdout) as {
      message: string;
      at: string;
    }[];
    expect(events[0]?.message).toMatch(/Configuración guardada.*15 min/);
    expect(events.some((e) => /Se agregó la conexión/.test(e.message))).toBe(true);
    expect((await t.run(['events', '--days', '0'])).code).toBe(2);
  });

  it('config set takes the Pedidos y cotizaciones options and show prints them', async () => {
    const t = await setup();
    const ok = await t.run([
      'config',
      'set',
      '--connection',
      '1',
      '--company',
      '2',
      '--series-pedidos',
      'PW',
      '--series-cotizaciones',
      'CW',
      '--freight-article',
      '77',
      '--require-rfc',
      'on',
      '--warehouse',
      '19',
    ]);
    expect(ok).toMatchObject({ code: 0 });
    await t.run(['config', 'set', '--connection', '1', '--company', '2', '--warehouse', '']);
    const show = await t.run(['config', 'show', '--connection', '1', '--company', '2', '--json']);
    expect(JSON.parse(show.stdout)).toMatchObject({
      seriesPedidos: 'PW',
      seriesCotizaciones: 'CW',
      freightArticleId: '77',
      warehouseId: null,
      requireRfc: true,
    });
    const bad = await t.run([
      'config',
      'set',
      '--connection',
      '1',
      '--company',
      '2',
      '--series-pedidos',
      'SERIE-DEMASIADO-LARGA',
    ]);
    expect(bad).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('La serie no puede tener más de 20 caracteres.'),
    });
  });

  it('unknown verbs and options exit 2', async () => {
    const t = await setup();
    expect((await t.run(['bogus'])).code).toBe(2);
    expect((await t.run(['companies', '--nope'])).code).toBe(2);
  });
});
