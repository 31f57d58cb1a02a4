/**
 * Benchmark child: the invoices catalog (issue 7) of the bench company with Sincronización Facturas on — first
 * full push, no-change resync, and one more factura stamped — through the engine (`catalogs: ['invoices']`, so
 * the other catalogs are not re-checked), in this process alone. Prints `RESULT {…}`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openConsole } from '../../electron/app/bootstrap';
import type { RunSummary } from '../../electron/engine/company-run';
import { childArgs } from './run-child';
import { stampOneMoreInvoice } from './bench-company';

async function main(): Promise<void> {
  const a = childArgs();
  const scope = { connectionId: Number(a.connection), companyId: a.company! };
  const opened = openConsole({ databasePath: a.db!, version: 'bench' });
  const run = async () => {
    const t0 = performance.now();
    const summary = await opened.engine.run(scope, { trigger: 'manual', catalogs: ['invoices'] });
    if (summary.state !== 'success') throw new Error(`La sincronización de facturas no fue exitosa: ${summary.message}`);
    const report = summary.catalogs.find((c) => c.catalog === 'invoices');
    if (!report || report.state === 'skipped') throw new Error(`No se sincronizaron las facturas: ${report?.message ?? summary.message}`);
    return { seconds: (performance.now() - t0) / 1000, report };
  };
  const moved = (r: RunSummary['catalogs'][number]) => r.pushed + r.deleted;

  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const full = await run();
  loop.disable();
  const fullRssMb = process.resourceUsage().maxRSS / 1024;

  const noop = await run();
  const extraKey = await stampOneMoreInvoice(a.folder!);
  const one = await run();
  opened.close();

  const result = {
    full_s: full.seconds,
    records: full.report.checked,
    full_read: full.report.read,
    full_pushed: moved(full.report),
    noop_s: noop.seconds,
    noop_read: noop.report.read,
    noop_pushed: moved(noop.report),
    one_change_s: one.seconds,
    one_change_read: one.report.read,
    one_change_pushed: moved(one.report),
    extra_key: extraKey,
    full_peak_rss_mb: fullRssMb,
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    loop_p99_ms: loop.percentile(99) / 1e6,
    loop_max_ms: loop.max / 1e6,
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
