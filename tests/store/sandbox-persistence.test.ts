import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import {
  authHeaders,
  control,
  fastClient,
  login,
  PASSWORD,
  rawApi,
  records,
  sandbox,
  stop,
  USER,
} from './sandbox-fixture';

const storeIdOf = async (sb: Awaited<ReturnType<typeof sandbox>>) =>
  (await rawApi(sb, '/ping', { headers: await authHeaders(sb) })).body.storeId;

describe('Wopen sandbox persistence', () => {
  it('keeps records, idempotency keys, tokens and orders across a restart on the same file', async () => {
    const first = await sandbox();
    const { client } = fastClient(first);
    const batch = { upserts: [{ key: 'A1', data: { name: 'Martillo' } }], deletes: [] };
    await client.pushBatch('articles', batch, { idempotencyScope: 'lote-1' });
    await client.pushBatch('articles', { upserts: [], deletes: ['A1'] });
    await control(first, '/orders', { id: 'W-1' });
    const token = await login(first);
    await stop(first);

    const second = await sandbox({ dataFile: first.dataFile });
    expect(await records(second, 'articles')).toMatchObject([
      { key: 'A1', active: false, data: { name: 'Martillo' }, version: 2 },
    ]);
    expect((await control<{ orders: unknown[] }>(second, '/orders')).orders).toHaveLength(1);

    // A session opened before the restart is still valid, and the old key is still replayed.
    expect((await rawApi(second, '/ping', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const moved = fastClient(second).client;
    await moved.pushBatch('articles', batch, { idempotencyScope: 'lote-1' });
    expect(await control(second, '/stats')).toMatchObject({ catalogs: { articles: { replays: 1, applied: 0 } } });
    expect((await records(second, 'articles'))[0]?.active).toBe(false);
  });

  it('keeps its storeId across restarts of the same file; the storeId option only names a new file', async () => {
    const first = await sandbox({ storeId: 'tienda-norte' });
    expect(await storeIdOf(first)).toBe('tienda-norte');
    await stop(first);

    const second = await sandbox({ dataFile: first.dataFile, storeId: 'otra' });
    expect(await storeIdOf(second)).toBe('tienda-norte');
    const reset = (await control(second, '/reset', {})).storeId;
    await stop(second);

    // A reset store stays the new store it became; so does a storeId set through the control API.
    const third = await sandbox({ dataFile: first.dataFile });
    expect(await storeIdOf(third)).toBe(reset);
    await control(third, '/store-id', { storeId: 'tienda-sur' });
    await stop(third);
    expect(await storeIdOf(await sandbox({ dataFile: first.dataFile }))).toBe('tienda-sur');

    // Without a file to keep it, every start is a new store.
    const a = await storeIdOf(await sandbox({ dataFile: ':memory:' }));
    const b = await storeIdOf(await sandbox({ dataFile: ':memory:' }));
    expect(a).not.toBe(b);
  });

  it('opens a file made before stores had an identity, keeps its orders and gives it one', async () => {
    const dataFile = path.join(tempDir('wopen-sandbox-old-'), 'old.db');
    const old = new BetterSqlite3(dataFile);
    old.exec(`CREATE TABLE orders (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, payload TEXT NOT NULL,
      status TEXT NOT NULL, erp_folio TEXT, erp_document_id TEXT, reject_reason TEXT, updated_at TEXT NOT NULL)`);
    old
      .prepare(
        "INSERT INTO orders (id, created_at, payload, status, updated_at) VALUES ('W-viejo', '2025-01-01T00:00:00Z', ?, 'pending', '2025-01-01T00:00:00Z')",
      )
      .run(JSON.stringify({ id: 'W-viejo', kind: 'pedido' }));
    old.close();

    const sb = await sandbox({ dataFile, storeId: 'heredada' });
    expect(await storeIdOf(sb)).toBe('heredada');
    expect((await rawApi(sb, '/orders/pending', { headers: await authHeaders(sb) })).body).toEqual({
      orders: [{ id: 'W-viejo', kind: 'pedido' }],
      nextCursor: null,
    });
  });

  it('runs from the command line (npm run sandbox)', async () => {
    const dataFile = path.join(tempDir('wopen-sandbox-cli-'), 'cli.db');
    const bin = path.resolve(__dirname, '../../node_modules/.bin/vite-node');
    const args = [
      '--port',
      '0',
      '--data',
      dataFile,
      '--user',
      USER,
      '--password',
      PASSWORD,
      '--store-id',
      'tienda-cli',
    ];
    const child = spawn(bin, ['scripts/sandbox/main.ts', '--', ...args], {
      cwd: path.resolve(__dirname, '../..'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /listening on (http:\/\/\S+) /.exec(out);
          if (m?.[1]) resolve(m[1]);
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.once('exit', (code) => reject(new Error(`sandbox exited (${code}): ${out}`)));
      });
      const r = await fastClient({
        url,
        controlUrl: `${url}/__control`,
        close: async () => {},
      }).client.testConnection();
      expect(r.ok).toBe(true);
      expect(await (await fetch(`${url}/__control/store`)).json()).toEqual({
        storeId: 'tienda-cli',
        name: 'Tienda Sandbox',
      });
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
