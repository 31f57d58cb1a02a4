/**
 * A store that accepts everything and keeps nothing: the Wopen routes the catalog phase calls (token, ping, catalog
 * batches), answering from constants. The engine's bench runs against it so the sandbox's own SQLite work is not
 * counted; the sandbox end-to-end run is reported apart. Counts requests and bytes, never parses a batch.
 * Run in its own process (`null-store-main.ts`) so its CPU and memory are not the engine's.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface NullStoreStats {
  batches: number;
  bytes: number;
}

export interface RunningNullStore {
  url: string;
  stats(): NullStoreStats;
  close(): Promise<void>;
}

const TOKEN = JSON.stringify({ token: 'null-store-token', expiresIn: 86_400 });
const PING = JSON.stringify({ ok: true, storeId: 'null-store', store: { name: 'Tienda nula (bench)' } });
const ACCEPTED = JSON.stringify({ accepted: 0, rejected: [] });
const EMPTY_PAGE = JSON.stringify({ orders: [], requests: [], nextCursor: null });

export async function startNullStore(port = 0): Promise<RunningNullStore> {
  const stats: NullStoreStats = { batches: 0, bytes: 0 };
  const server = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    req.on('end', () => {
      const url = req.url ?? '';
      const send = (status: number, body: string) => {
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      if (req.method === 'POST' && url.endsWith('/auth/token')) return send(200, TOKEN);
      if (req.method === 'GET' && url.endsWith('/ping')) return send(200, PING);
      if (req.method === 'POST' && /\/catalogs\/[^/]+\/batch$/.test(url)) {
        stats.batches++;
        stats.bytes += bytes;
        return send(200, ACCEPTED);
      }
      if (req.method === 'GET' && url.includes('/pending')) return send(200, EMPTY_PAGE);
      return send(404, JSON.stringify({ error: 'not found' }));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    stats: () => ({ ...stats }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
