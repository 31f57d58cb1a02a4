import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { openConsole } from '../../electron/hosting/compose';
import { createErpConnector } from '../../electron/erp/registry';
import { FakeErp } from '../helpers/fake-erp';
import { settingsInput } from '../helpers/settings-input';
import { tempDir } from '../helpers/temp-dir';
import { cli } from '../helpers/cli';

const SAVED = 'S3cr3t-guardada-€';
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** Another origin that records every request it gets, body included: where a leaked password would land. */
async function capturingStore() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${JSON.stringify(req.headers)} ${body}`);
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"no"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A stand-in Firebird listener: records the bytes of any connection (a leaked password would be in them). */
async function capturingFirebird() {
  const chunks: Buffer[] = [];
  let connections = 0;
  const server = net.createServer((s) => {
    connections++;
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', () => undefined);
    setTimeout(() => s.destroy(), 200);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  closers.push(() => new Promise((r) => server.close(() => r())));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    bytes: () => Buffer.concat(chunks),
  };
}

async function setup() {
  const sandbox: RunningSandbox = await startSandbox({ dataFile: ':memory:', user: 'integracion', password: SAVED });
  closers.push(() => sandbox.close());
  const erp = new FakeErp();
  const c = openConsole({ databasePath: path.join(tempDir(), 'w.sqlite'), version: 't', erpFactory: erp.factory });
  closers.push(async () => c.close());
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
    newPassword: 'masterkey-guardada',
  });
  await c.service.listCompanies(id);
  const saved = await c.service.saveSettings(id, [
    settingsInput('1', { sync: true, url: sandbox.url, user: 'integracion', newPassword: SAVED }),
  ]);
  expect(saved).toEqual({ ok: true, saved: 1 });
  return { c, id, sandbox, erp };
}

describe('wopen-sync erp set', () => {
  it('changes only what it is given; another server without --password-env is refused (exit 2), nothing saved', async () => {
    const db = path.join(tempDir(), 'w.sqlite');
    const erp = new FakeErp();
    const run = (argv: string[], env: Record<string, string> = {}) =>
      cli(['--db', db, ...argv], env, { erpFactory: erp.factory });
    await run(['erp', 'add', '--kind', 'microsip', '--host', 'srv', '--folder', '/d', '--password-env', 'P'], {
      P: 'pw',
    });
    expect(await run(['erp', 'set', '--connection', '1', '--name', 'Matriz'])).toMatchObject({ code: 0 });
    const moved = await run(['erp', 'set', '--connection', '1', '--host', 'otro-servidor']);
    expect(moved).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('Cambió el servidor o la base de datos del ERP'),
    });
    const list = JSON.parse((await run(['erp', 'list', '--json'])).stdout) as {
      name: string;
      config: { host: string };
    }[];
    expect(list[0]).toMatchObject({ name: 'Matriz', config: { host: 'srv' } });
    expect(
      await run(['erp', 'set', '--connection', '1', '--host', 'otro-servidor', '--password-env', 'P'], { P: 'nueva' }),
    ).toMatchObject({ code: 0 });
    expect(await run(['erp', 'set', '--connection', '1', '--port', 'abc'])).toMatchObject({ code: 2 });
  });
});

describe('a saved secret follows the destination it was saved for', () => {
  it('Aceptar with another store URL and no new password is refused; nothing reaches the new origin', async () => {
    const t = await setup();
    const other = await capturingStore();
    const r = await t.c.service.saveSettings(t.id, [
      settingsInput('1', { sync: true, url: other.url, user: 'integracion' }),
    ]);
    expect(r).toEqual({
      ok: false,
      errors: [
        {
          companyId: '1',
          field: 'password',
          message: 'Cambió la dirección de la tienda: escriba la contraseña de nuevo.',
        },
      ],
    });
    expect(t.c.service.getCompanySettings(t.id, '1').url).toBe(t.sandbox.url);
    // Typed again: saved, and bound to the new origin.
    const retyped = await t.c.service.saveSettings(t.id, [
      settingsInput('1', { sync: true, url: other.url, user: 'integracion', newPassword: 'nueva' }),
    ]);
    expect(retyped).toEqual({ ok: true, saved: 1 });
    expect(other.seen).toEqual([]);
  });

  it('Probar conexión with a changed URL uses only a password typed in that request', async () => {
    const t = await setup();
    const other = await capturingStore();
    const test = (newPassword?: string) =>
      t.c.service.testStoreConnection({
        connectionId: t.id,
        companyId: '1',
        url: other.url,
        user: 'integracion',
        newPassword,
      });
    expect(await test()).toMatchObject({
      ok: false,
      message: 'Cambió la dirección de la tienda: escriba la contraseña de nuevo.',
    });
    expect(other.seen).toEqual([]);
    await test('tecleada-aqui');
    expect(other.seen.join('\n')).toContain('tecleada-aqui');
    expect(other.seen.join('\n')).not.toContain(SAVED);
    // The saved URL still works with the saved password.
    expect(
      await t.c.service.testStoreConnection({
        connectionId: t.id,
        companyId: '1',
        url: t.sandbox.url,
        user: 'integracion',
      }),
    ).toMatchObject({ ok: true });
  });

  it('a run refuses to send the saved password to a URL edited behind its back (the database changed by hand)', async () => {
    const t = await setup();
    const other = await capturingStore();
    expect((await t.c.engine.run({ connectionId: t.id, companyId: '1' }, { trigger: 'manual' })).state).toBe('success');
    t.c.db.prepare('UPDATE orgWOpen SET Url = ? WHERE CompanyID = ?').run(other.url, '1');
    await expect(t.c.engine.run({ connectionId: t.id, companyId: '1' }, { trigger: 'manual' })).rejects.toThrow(
      'Cambió la dirección de la tienda: escriba la contraseña de nuevo.',
    );
    expect(other.seen).toEqual([]);
  });

  it('ERP: saving, testing or discovering with another server needs the password typed; nothing reaches it', async () => {
    const t = await setup();
    const fb = await capturingFirebird();
    const moved = { kind: 'microsip' as const, host: '127.0.0.1', port: fb.port, folder: '/d', user: 'SYSDBA' };
    await expect(t.c.service.saveConnection({ id: t.id, config: moved })).rejects.toThrow(
      'Cambió el servidor o la base de datos del ERP: escriba la contraseña de nuevo.',
    );
    // Tests and discovery go through the real Microsip connector here, towards the stand-in listener.
    const real = openConsole({
      databasePath: t.c.service.appInfo().databasePath,
      version: 't',
      erpFactory: createErpConnector,
    });
    closers.push(async () => real.close());
    const tested = await real.service.testErpConnection({ id: t.id, config: moved });
    expect(tested).toMatchObject({ ok: false, message: expect.stringContaining('escriba la contraseña de nuevo') });
    await expect(real.service.discoverDatabases({ id: t.id, config: moved })).rejects.toThrow(
      /escriba la contraseña de nuevo/,
    );
    expect(fb.connections()).toBe(0);
    // Typed in the request: it goes, and only that one.
    await real.service.testErpConnection({ id: t.id, config: moved, newPassword: 'tecleada-erp' });
    expect(fb.connections()).toBeGreaterThan(0);
    expect(fb.bytes().includes(Buffer.from('masterkey-guardada'))).toBe(false);
    // Same server, other name: the saved password still serves.
    expect(
      await t.c.service.saveConnection({
        id: t.id,
        name: 'Otro nombre',
        config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d/', user: 'SYSDBA' },
      }),
    ).toEqual({ id: t.id });
  });
});
