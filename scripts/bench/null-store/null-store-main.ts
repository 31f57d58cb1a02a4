/** The null store in a process of its own: prints `listening on <url>`; `GET /__stats` answers its counters. */
import http from 'node:http';
import { startNullStore } from './null-store';

async function main(): Promise<void> {
  const store = await startNullStore();
  const control = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(store.stats()));
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  const port = (control.address() as { port: number }).port;
  process.stdout.write(`listening on ${store.url} stats http://127.0.0.1:${port}/__stats\n`);
  const stop = () => void store.close().then(() => control.close(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
