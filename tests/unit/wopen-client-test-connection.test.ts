import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WopenClient } from '../../electron/store/wopen/wopen-client';

/** A real HTTP server answering the two calls of docs/wopen-api.md that "Probar conexión" uses. */
async function store(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function wopenLike(password: string): http.RequestListener {
  return (req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/api/sync/v1/auth/token') {
        const creds = JSON.parse(body) as { usuario: string; contrasena: string };
        if (creds.contrasena !== password) return void res.writeHead(401).end();
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ token: 'tok-1', expiresIn: 3600 }));
      }
      if (req.url === '/api/sync/v1/ping' && req.headers.authorization === 'Bearer tok-1') {
        return void res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: true, storeId: 'tienda-ñandú-1', store: { name: 'Tienda “Ñandú”' } }));
      }
      res.writeHead(404).end();
    });
  };
}

describe('WopenClient.testConnection', () => {
  it('authenticates and pings', async () => {
    const url = await store(wopenLike('Contraseña€'));
    const r = await new WopenClient({ url, user: 'u', password: 'Contraseña€' }).testConnection();
    expect(r).toMatchObject({ ok: true, message: 'Conexión exitosa con la tienda Wopen «Tienda “Ñandú”».' });
  });

  it('explains a wrong password without echoing it', async () => {
    const url = await store(wopenLike('buena'));
    const r = await new WopenClient({ url, user: 'u', password: 'mala-123' }).testConnection();
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/Usuario o la Contraseña/);
    expect(JSON.stringify(r)).not.toContain('mala-123');
  });

  it('says when the URL is not a Wopen store', async () => {
    const url = await store((_q, res) => res.writeHead(404).end('<html>'));
    expect((await new WopenClient({ url, user: 'u', password: 'p' }).testConnection()).message).toMatch(
      /no parece una tienda/,
    );
  });

  it('reports server errors, refused connections and timeouts in Spanish', async () => {
    const err500 = await store((_q, res) => res.writeHead(503).end());
    expect((await new WopenClient({ url: err500, user: 'u', password: 'p' }).testConnection()).message).toMatch(
      /HTTP 503/,
    );

    const closed = await store(() => {});
    const port = new URL(closed).port;
    await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
    const refused = await new WopenClient({
      url: `http://127.0.0.1:${port}`,
      user: 'u',
      password: 'p',
    }).testConnection();
    expect(refused.message).toMatch(/rechazó la conexión/);

    const silent = await store(() => {}); // never answers
    const slow = await new WopenClient({ url: silent, user: 'u', password: 'p' }, { timeoutMs: 300 }).testConnection();
    expect(slow.message).toMatch(/no respondió/);
  });
});
