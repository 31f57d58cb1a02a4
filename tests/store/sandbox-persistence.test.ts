import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';
import { control, fastClient, login, PASSWORD, rawApi, records, sandbox, stop, USER } from './sandbox-fixture';

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
    expect(await records(second, 'articles')).toMatchObject([{ key: 'A1', active: false, data: { name: 'Martillo' }, version: 2 }]);
    expect((await control<{ orders: unknown[] }>(second, '/orders')).orders).toHaveLength(1);

    // A session opened before the restart is still valid, and the old key is still replayed.
    expect((await rawApi(second, '/ping', { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    const moved = fastClient(second).client;
    await moved.pushBatch('articles', batch, { idempotencyScope: 'lote-1' });
    expect(await control(second, '/stats')).toMatchObject({ catalogs: { articles: { replays: 1, applied: 0 } } });
    expect((await records(second, 'articles'))[0]?.active).toBe(false);
  });

  it('runs from the command line (npm run sandbox)', async () => {
    const dataFile = path.join(tempDir('wopen-sandbox-cli-'), 'cli.db');
    const bin = path.resolve(__dirname, '../../node_modules/.bin/vite-node');
    const child = spawn(bin, ['scripts/sandbox/main.ts', '--', '--port', '0', '--data', dataFile, '--user', USER, '--password', PASSWORD], {
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
      const r = await fastClient({ url, controlUrl: `${url}/__control`, close: async () => {} }).client.testConnection();
      expect(r.ok).toBe(true);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });
});
