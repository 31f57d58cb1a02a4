/**
 * Benchmark child: the engine's full sync, no-change resync and one-change resync of the bench company, in
 * this process alone. Prints `RESULT {…}`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openConsole } from '../../electron/app/bootstrap';
import type { RunSummary } from '../../electron/engine/company-run';
import { childArgs } from './run-child';
import { changeOnePrice } from './bench-company';

async function main(): Promise<void> {
  const a = childArgs();
  const scope = { connectionId: Number(a.connection), companyId: a.company! };
  const opened = openConsole({ databasePath: a.db!, version: 'bench' });
  const run = async () => {
    const t0 = performance.now();
    const summary = await opened.engine.run(scope, { trigger: 'manual' });
    if (summary.state !== 'success') throw new Error(`La sincronización no fue exitosa: ${summary.message}`);
    return { seconds: (performance.now() - t0) / 1000, summary };
  };
  const moved = (s: RunSummary) => s.catalogs.reduce((n, c) => n + c.pushed + c.deleted, 0);

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const full = await run();
  loop.disable();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  const noop = await run();
  await changeOnePrice(a.folder!, Number(a.company));
  const one = await run();
  opened.close();

  const result = {
    full_s: full.seconds,
    full_records: moved(full.summary),
    noop_s: noop.seconds,
    noop_pushed: moved(noop.summary),
    one_change_pushed: moved(one.summary),
    one_change_s: one.seconds,
    peak_rss_mb: peakRssMb,
    loop_p99_ms: loop.percentile(99) / 1e6,
    loop_max_ms: loop.max / 1e6,
    per_catalog: Object.fromEntries(full.summary.catalogs.map((c) => [c.catalog, { read: c.read, pushed: c.pushed, state: c.state }])),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
