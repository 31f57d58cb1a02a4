/**
 * Benchmark child: the engine's full sync, no-change resync and one-change resync of the bench company, in
 * this process alone. Prints `RESULT {…}`.
 */
import type { RunSummary } from '../../electron/engine/run-report';
import { changeOnePrice } from './bench-company';
import { report, threePasses } from './three-passes';

const moved = (s: RunSummary) => s.catalogs.reduce((n, c) => n + c.pushed + c.deleted, 0);

report(
  (async () => {
    const p = await threePasses(async (opened, scope) => {
      const summary = await opened.engine.run(scope, { trigger: 'manual' });
      if (summary.state !== 'success') throw new Error(`La sincronización no fue exitosa: ${summary.message}`);
      return summary;
    }, changeOnePrice);
    return {
      full_s: p.full.seconds,
      full_records: moved(p.full.value),
      noop_s: p.noop.seconds,
      noop_pushed: moved(p.noop.value),
      one_change_pushed: moved(p.one.value),
      one_change_s: p.one.seconds,
      peak_rss_mb: p.fullPeakRssMb,
      loop_p99_ms: p.loopP99Ms,
      loop_max_ms: p.loopMaxMs,
      per_catalog: Object.fromEntries(
        p.full.value.catalogs.map((c) => [c.catalog, { read: c.read, pushed: c.pushed, state: c.state }]),
      ),
    };
  })(),
);
