/**
 * `npm run bench` — not a test. Builds (once) a Microsip-shaped Firebird company with 100,000 articles × 5
 * warehouses and 20,000 customers, starts the Wopen sandbox in its own process, and measures:
 *   floor_s   SELECT the same rows and POST the same bytes, no engine (scripts/bench/floor.ts)
 *   full_s    the engine's first full sync;   full_ratio = full_s / floor_s        (target ≤ 1.3)
 *   noop_s    the engine's resync, nothing changed;  noop_ratio = noop_s / full_s (target ≤ 0.05)
 *   one_change_pushed  records pushed after changing one price                  (target 1)
 *   peak_rss_mb / loop_p99_ms  of the engine's process during the full sync     (targets ≤ 300 / ≤ 50)
 *   events_query_ms  one filtered page of the Visor de eventos over 1,000,000 events (target ≤ 50;
 *                    scripts/bench/events-query.ts, no Firebird needed)
 * Prints one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConsole } from '../../electron/app/bootstrap';
import { runChild } from './run-child';
import { spawnSandbox } from '../sandbox/spawn-sandbox';
import { BENCH, benchErpConfig, ensureBenchCompany } from './bench-company';
import { benchEventsQuery } from './events-query';

interface FloorResult {
  floor_s: number;
  records: number;
  bytes: number;
}
interface EngineResult {
  full_s: number;
  full_records: number;
  noop_s: number;
  noop_pushed: number;
  one_change_pushed: number;
  one_change_s: number;
  peak_rss_mb: number;
  loop_p99_ms: number;
  loop_max_ms: number;
  per_catalog: Record<string, unknown>;
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  log('visor de eventos: 1,000,000 eventos en 30 días…');
  const events = benchEventsQuery();
  const fixture = await ensureBenchCompany(log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-bench-'));
  const sandbox = await spawnSandbox({ dataFile: path.join(work, 'sandbox.sqlite'), user: BENCH.storeUser, password: BENCH.storePassword });
  try {
    log('floor: SELECT + POST sin motor…');
    const floor = await runChild<FloorResult>('floor.ts', { folder: fixture.folder, company: BENCH.companyId, url: sandbox.url });
    await fetch(`${sandbox.controlUrl}/reset`, { method: 'POST' });

    const databasePath = path.join(work, 'wopen-sync.sqlite');
    const c = openConsole({ databasePath, version: 'bench' });
    const { id } = await c.service.saveConnection({ config: benchErpConfig(fixture.folder), newPassword: BENCH.fbPassword });
    await c.service.listCompanies(id);
    const saved = await c.service.saveSettings(id, [
      {
        companyId: BENCH.companyId,
        sync: true,
        period: '60',
        orders: false,
        invoices: false,
        branchId: null,
        autoStamp: false,
        claveProdServ: '',
        claveUnidad: '',
        url: sandbox.url,
        user: BENCH.storeUser,
        newPassword: BENCH.storePassword,
      },
    ]);
    if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
    c.close();

    log('motor: completa, sin cambios, un cambio…');
    const engine = await runChild<EngineResult>('engine-phases.ts', {
      db: databasePath,
      connection: String(id),
      company: BENCH.companyId,
      folder: fixture.folder,
    });
    const stats = (await (await fetch(`${sandbox.controlUrl}/stats`)).json()) as { recordsApplied: number };
    const result = {
      articles: fixture.articles,
      warehouses: fixture.warehouses,
      customers: fixture.customers,
      records: floor.records,
      bytes_mb: round(floor.bytes / 1e6, 1),
      floor_s: round(floor.floor_s),
      full_s: round(engine.full_s),
      full_ratio: round(engine.full_s / floor.floor_s),
      noop_s: round(engine.noop_s),
      noop_ratio: round(engine.noop_s / engine.full_s, 4),
      one_change_pushed: engine.one_change_pushed,
      one_change_s: round(engine.one_change_s),
      peak_rss_mb: round(engine.peak_rss_mb, 1),
      loop_p99_ms: round(engine.loop_p99_ms, 1),
      loop_max_ms: round(engine.loop_max_ms, 1),
      full_records_pushed: engine.full_records,
      store_records_applied: stats.recordsApplied,
      events_query_ms: events.events_query_ms,
      events_query_unfiltered_ms: events.events_query_unfiltered_ms,
      events_query_rows: events.events_query_rows,
      events_generated: events.events_generated,
      targets: { full_ratio: 1.3, noop_ratio: 0.05, one_change_pushed: 1, peak_rss_mb: 300, loop_p99_ms: 50, events_query_ms: 50 },
      per_catalog: engine.per_catalog,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await sandbox.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
