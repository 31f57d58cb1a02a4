/**
 * Pushes the benchmark's shape through the real client into an in-process sandbox and prints records/s:
 *
 *   npx vite-node scripts/sandbox/bench.ts -- [--scale 1] [--batch 1000] [--parallel 1] [--data .tmp/bench.db]
 *
 * scale 1 = 100k articles, 500k stock rows, 100k prices, 20k customers (720k records).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { CatalogName } from '../../shared/catalogs';
import type { CatalogUpsert } from '../../electron/store/port';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { startSandbox } from './start-sandbox';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--')),
  options: {
    scale: { type: 'string', default: '1' },
    batch: { type: 'string', default: '1000' },
    parallel: { type: 'string', default: '1' },
    data: { type: 'string' },
  },
});
const scale = Number(values.scale);
const batchSize = Number(values.batch);
const parallel = Number(values.parallel);

const shapes: [CatalogName, number, (i: number) => Record<string, unknown>][] = [
  [
    'customers',
    20_000,
    (i) => ({
      code: `C${i}`,
      name: `Cliente ${i}`,
      rfc: 'XAXX010101000',
      email: `c${i}@ejemplo.mx`,
      status: 'active',
      priceListKey: '1',
      address: { street: 'Av. Juárez 1', city: 'Puebla', state: 'PUE', zip: '72000' },
    }),
  ],
  [
    'articles',
    100_000,
    (i) => ({
      code: `A${i}`,
      name: `Artículo ${i}`,
      description: 'Descripción de prueba',
      lineKey: String(i % 50),
      unit: 'PZA',
      status: 'active',
      isKit: false,
      taxKeys: ['IVA16'],
    }),
  ],
  [
    'stock',
    500_000,
    (i) => ({
      articleKey: `A${i % 100_000}`,
      warehouseKey: String(Math.floor(i / 100_000)),
      onHand: i % 37,
      committed: i % 5,
      available: (i % 37) - (i % 5),
    }),
  ],
  [
    'article-prices',
    100_000,
    (i) => ({ articleKey: `A${i}`, priceListKey: '1', currencyKey: 'MXN', price: (i % 1000) + 0.5 }),
  ],
];

async function main(): Promise<void> {
  const dataFile = values.data ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-bench-')), 'bench.db');
  const sb = await startSandbox({ port: 0, dataFile, user: 'u', password: 'p' });
  const client = new WopenClient({ url: sb.url, user: 'u', password: 'p' });
  let total = 0;
  const started = performance.now();
  try {
    for (const [catalog, base, make] of shapes) {
      const count = Math.round(base * scale);
      const t0 = performance.now();
      const batches: (() => Promise<unknown>)[] = [];
      for (let start = 0; start < count; start += batchSize) {
        const upserts: CatalogUpsert[] = [];
        for (let i = start; i < Math.min(count, start + batchSize); i++)
          upserts.push({ key: `${catalog}-${i}`, data: make(i) });
        batches.push(() => client.pushBatch(catalog, { upserts, deletes: [] }));
      }
      // `parallel` workers drain the queue, like an engine pushing several batches at once.
      await Promise.all(
        Array.from({ length: parallel }, async () => {
          for (let next = batches.shift(); next; next = batches.shift()) await next();
        }),
      );
      const s = (performance.now() - t0) / 1000;
      total += count;
      console.log(
        `${catalog.padEnd(15)} ${String(count).padStart(8)} records  ${s.toFixed(1).padStart(6)} s  ${Math.round(count / s).toLocaleString('en')} rec/s`,
      );
    }
    const s = (performance.now() - started) / 1000;
    const stats = (await (await fetch(`${sb.controlUrl}/stats`)).json()) as {
      batchCalls: number;
      recordsApplied: number;
    };
    console.log(
      `total           ${String(total).padStart(8)} records  ${s.toFixed(1).padStart(6)} s  ${Math.round(total / s).toLocaleString('en')} rec/s  (${stats.batchCalls} batch calls, ${stats.recordsApplied} applied)`,
    );
  } finally {
    await sb.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
