/**
 * Benchmark child: the invoices catalog (issue 7) of the bench company with Sincronización Facturas on — first
 * full push, no-change resync, and one more factura stamped — through the engine (`catalogs: ['invoices']`, so
 * the other catalogs are not re-checked), in this process alone. Prints `RESULT {…}`.
 */
import type { RunSummary } from '../../electron/engine/run-report';
import { stampOneMoreInvoice } from './bench-company';
import { report, threePasses } from './three-passes';

const moved = (r: RunSummary['catalogs'][number]) => r.pushed + r.deleted;

report(
  (async () => {
    const p = await threePasses(
      async (opened, scope) => {
        const summary = await opened.engine.run(scope, { trigger: 'manual', catalogs: ['invoices'] });
        if (summary.state !== 'success')
          throw new Error(`La sincronización de facturas no fue exitosa: ${summary.message}`);
        const r = summary.catalogs.find((c) => c.catalog === 'invoices');
        if (!r || r.state === 'skipped')
          throw new Error(`No se sincronizaron las facturas: ${r?.message ?? summary.message}`);
        return r;
      },
      (folder) => stampOneMoreInvoice(folder),
    );
    return {
      full_s: p.full.seconds,
      records: p.full.value.checked,
      full_read: p.full.value.read,
      full_pushed: moved(p.full.value),
      noop_s: p.noop.seconds,
      noop_read: p.noop.value.read,
      noop_pushed: moved(p.noop.value),
      one_change_s: p.one.seconds,
      one_change_read: p.one.value.read,
      one_change_pushed: moved(p.one.value),
      extra_key: p.changed,
      full_peak_rss_mb: p.fullPeakRssMb,
      peak_rss_mb: p.peakRssMb,
      loop_p99_ms: p.loopP99Ms,
      loop_max_ms: p.loopMaxMs,
    };
  })(),
);
