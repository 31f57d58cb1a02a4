/**
 * `npm run bench` — not a test. Builds (once) a Microsip-shaped Firebird company with 100,000 articles × 5
 * warehouses and 20,000 customers and measures, each engine pass in a fresh child process:
 *   floor_s   the honest floor: a plain node-firebird program with its own SQL, POSTing the same catalogs as JSON
 *             batches to the null store; no engine code (scripts/bench/honest-floor.ts)
 *   full_s    the engine's first full sync against the null store (accepts every batch, stores nothing:
 *             scripts/bench/null-store/);  full_over_floor = full_s / floor_s              (target ≤ 2.0)
 *   noop_s    the resync with nothing changed;  noop_over_floor = noop_s / floor_s          (target ≤ 0.25)
 *   one_change_pushed  records pushed after changing one price                              (target 1)
 *   peak_rss_mb / loop_p99_ms  of the engine's process during the full sync       (targets ≤ 200 / ≤ 30)
 *   latency_full_s  the same full sync with every store call crossing a 40 ms round-trip proxy
 *             (scripts/bench/latency-proxy.ts); latency_ratio = latency_full_s / full_s       (target ≤ 1.2)
 *   e2e_*     the engine against the Wopen sandbox (its SQLite writes included), reported apart
 *   events_query_ms  one filtered page of the Visor de eventos over 1,000,000 events (target ≤ 50;
 *                    scripts/bench/events-query.ts, no Firebird needed)
 *   events_export_*  *Exportar CSV* of 1,000,000 events written by main in pages: total seconds and the longest
 *                    block of the event loop (target ≤ 100 ms; scripts/bench/events-export.ts, no Firebird needed).
 *                    `npm run bench -- --only=events-export` runs just this one.
 *   invoices_*  issue 7: 5,000 stamped facturas with a ~15 KB CFDI XML each, Sincronización Facturas on, only
 *               the 'invoices' catalog (scripts/bench/invoices-phase.ts), against the sandbox: first full push,
 *               no-change resync, one more factura stamped (target 1 pushed), peak RSS of that process.
 * Prints one JSON object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openConsole } from '../../electron/hosting/compose';
import { runChild } from './run-child';
import { spawnSandbox } from '../sandbox/spawn-sandbox';
import { BENCH, benchErpConfig, ensureBenchCompany, ensureBenchInvoices, removeExtraInvoices } from './bench-company';
import { benchEventsQuery } from './events-query';
import { benchEventsExport } from './events-export';
import { spawnNullStore } from './null-store/spawn-null-store';
import { startLatencyProxy } from './latency-proxy';
import { companyDatabasePath } from '../../electron/erp/microsip/data-folder-paths';

interface FloorResult {
  floor_s: number;
  records: number;
  bytes: number;
  per_catalog: Record<string, { records: number; s: number }>;
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
interface InvoicesResult {
  full_s: number;
  records: number;
  full_read: number;
  full_pushed: number;
  noop_s: number;
  noop_read: number;
  noop_pushed: number;
  one_change_s: number;
  one_change_read: number;
  one_change_pushed: number;
  extra_key: string;
  full_peak_rss_mb: number;
  peak_rss_mb: number;
  loop_p99_ms: number;
  loop_max_ms: number;
}

/** The CFDI XML the store holds for the bench facturas (the extra one-change factura left out). */
async function storedInvoiceXml(controlUrl: string, extraKey: string) {
  let records = 0;
  let bytes = 0;
  let nonAscii = 0;
  for (let offset = 0; ; offset += 500) {
    const res = await fetch(`${controlUrl}/records?catalog=invoices&limit=500&offset=${offset}`);
    const page = ((await res.json()) as { records: Array<{ key: string; data: { xml?: unknown } }> }).records;
    for (const r of page) {
      if (r.key === extraKey || typeof r.data.xml !== 'string') continue;
      records++;
      bytes += Buffer.byteLength(r.data.xml, 'utf8');
      if (r.data.xml.includes('ÑANDÚ') && r.data.xml.includes('€') && r.data.xml.includes('“')) nonAscii++;
    }
    if (page.length < 500) break;
  }
  return { records, bytes, nonAscii };
}

/** Round trip of the store in the latency variant: a store in the cloud seen from a Mexican office. */
const LATENCY_MS = 40;

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  const quick = process.argv.includes('--only=catalogs');
  if (!quick) log('exportar CSV: 1,000,000 eventos…');
  const exported = quick ? {} : await benchEventsExport();
  if (process.argv.includes('--only=events-export')) {
    process.stdout.write(`${JSON.stringify({ ...exported, targets: { events_export_loop_max_ms: 100 } }, null, 2)}\n`);
    return;
  }
  if (!quick) log('visor de eventos: 1,000,000 eventos en 30 días…');
  const events = quick
    ? { events_query_ms: 0, events_query_unfiltered_ms: 0, events_query_rows: 0, events_generated: 0 }
    : benchEventsQuery();
  const fixture = await ensureBenchCompany(log);
  const invoiceFixture = await ensureBenchInvoices(fixture.folder, log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-bench-'));
  const nullStore = await spawnNullStore();
  const sandbox = await spawnSandbox({
    dataFile: path.join(work, 'sandbox.sqlite'),
    user: BENCH.storeUser,
    password: BENCH.storePassword,
  });
  const proxy = await startLatencyProxy(nullStore.url, LATENCY_MS);
  try {
    log('floor: lector node-firebird propio + POST a la tienda nula, sin motor…');
    const floor = await runChild<FloorResult>('honest-floor.ts', {
      host: BENCH.host,
      port: String(BENCH.port),
      database: companyDatabasePath(fixture.folder, BENCH.shortName),
      user: BENCH.fbUser,
      password: BENCH.fbPassword,
      url: nullStore.url,
    });

    /** The bench company's *Opciones > Wopen* row for a store (the password only when it is new). */
    const companySettings = (url: string, invoices: boolean, newPassword?: string) => [
      {
        companyId: BENCH.companyId,
        sync: true,
        period: '60',
        orders: false,
        invoices,
        branchId: null,
        autoStamp: false,
        claveProdServ: '',
        claveUnidad: '',
        url,
        user: BENCH.storeUser,
        ...(newPassword ? { newPassword } : {}),
      },
    ];

    /** A settings database of its own for each store the engine runs against. */
    const settingsFor = async (name: string, url: string, invoices: boolean) => {
      const databasePath = path.join(work, `${name}.sqlite`);
      const c = openConsole({ databasePath, version: 'bench' });
      try {
        const { id } = await c.service.saveConnection({
          config: benchErpConfig(fixture.folder),
          newPassword: BENCH.fbPassword,
        });
        await c.service.listCompanies(id);
        const saved = await c.service.saveSettings(id, companySettings(url, invoices, BENCH.storePassword));
        if (!saved.ok) throw new Error(JSON.stringify(saved.errors));
        return { db: databasePath, connection: String(id), company: BENCH.companyId, folder: fixture.folder };
      } finally {
        c.close();
      }
    };

    log('motor contra la tienda nula: completa, sin cambios, un cambio…');
    const engine = await runChild<EngineResult>('engine-phases.ts', await settingsFor('null', nullStore.url, false));
    const nullStats = await nullStore.stats();
    // The engine against the null store, over the honest floor: the figures the targets are about.
    const catalogs = {
      floor_s: round(floor.floor_s),
      full_s: round(engine.full_s),
      full_over_floor: round(engine.full_s / floor.floor_s),
      noop_s: round(engine.noop_s),
      noop_over_floor: round(engine.noop_s / floor.floor_s, 4),
      one_change_pushed: engine.one_change_pushed,
      one_change_s: round(engine.one_change_s),
      peak_rss_mb: round(engine.peak_rss_mb, 1),
      loop_p99_ms: round(engine.loop_p99_ms, 1),
      loop_max_ms: round(engine.loop_max_ms, 1),
      full_records_pushed: engine.full_records,
      null_store_batches: nullStats.batches,
      null_store_mb: round(nullStats.bytes / 1e6, 1),
    };
    if (quick) {
      process.stdout.write(`${JSON.stringify(catalogs, null, 2)}\n`);
      return;
    }

    log(`motor con ${LATENCY_MS} ms de ida y vuelta hacia la tienda…`);
    const latency = await runChild<EngineResult>('engine-phases.ts', await settingsFor('latency', proxy.url, false));

    log('motor contra el sandbox (de punta a punta)…');
    const e2eArgs = await settingsFor('sandbox', sandbox.url, false);
    const e2e = await runChild<EngineResult>('engine-phases.ts', e2eArgs);
    const stats = (await (await fetch(`${sandbox.controlUrl}/stats`)).json()) as { recordsApplied: number };

    log(`facturas: ${invoiceFixture.invoices} timbradas, completa, sin cambios, una más…`);
    const c2 = openConsole({ databasePath: e2eArgs.db, version: 'bench' });
    const withInvoices = await c2.service.saveSettings(Number(e2eArgs.connection), companySettings(sandbox.url, true));
    c2.close();
    if (!withInvoices.ok) throw new Error(JSON.stringify(withInvoices.errors));
    const inv = await runChild<InvoicesResult>('invoices-phase.ts', e2eArgs).finally(() =>
      removeExtraInvoices(fixture.folder),
    );
    const stored = await storedInvoiceXml(sandbox.controlUrl, inv.extra_key);
    const result = {
      articles: fixture.articles,
      warehouses: fixture.warehouses,
      customers: fixture.customers,
      records: floor.records,
      bytes_mb: round(floor.bytes / 1e6, 1),
      ...catalogs,
      latency_rtt_ms: LATENCY_MS,
      latency_full_s: round(latency.full_s),
      latency_ratio: round(latency.full_s / engine.full_s),
      latency_noop_s: round(latency.noop_s),
      e2e_full_s: round(e2e.full_s),
      e2e_full_over_floor: round(e2e.full_s / floor.floor_s),
      e2e_noop_s: round(e2e.noop_s),
      e2e_peak_rss_mb: round(e2e.peak_rss_mb, 1),
      store_records_applied: stats.recordsApplied,
      events_query_ms: events.events_query_ms,
      events_query_unfiltered_ms: events.events_query_unfiltered_ms,
      events_query_rows: events.events_query_rows,
      events_generated: events.events_generated,
      ...exported,
      invoices_records: inv.records,
      invoices_mb: round(stored.bytes / 1e6, 1),
      invoices_erp_xml_mb: round(invoiceFixture.xmlBytes / 1e6, 1),
      invoices_full_s: round(inv.full_s),
      invoices_full_pushed: inv.full_pushed,
      invoices_noop_s: round(inv.noop_s),
      invoices_noop_read: inv.noop_read,
      invoices_noop_pushed: inv.noop_pushed,
      invoices_one_change_pushed: inv.one_change_pushed,
      invoices_one_change_read: inv.one_change_read,
      invoices_one_change_s: round(inv.one_change_s),
      invoices_full_peak_rss_mb: round(inv.full_peak_rss_mb, 1),
      invoices_peak_rss_mb: round(inv.peak_rss_mb, 1),
      invoices_loop_p99_ms: round(inv.loop_p99_ms, 1),
      invoices_loop_max_ms: round(inv.loop_max_ms, 1),
      invoices_store_records: stored.records,
      invoices_store_xml_non_ascii_ok: stored.nonAscii,
      targets: {
        full_over_floor: 2.0,
        noop_over_floor: 0.25,
        one_change_pushed: 1,
        peak_rss_mb: 200,
        loop_p99_ms: 30,
        latency_ratio: 1.2,
        events_query_ms: 50,
        events_export_loop_max_ms: 100,
        invoices_one_change_pushed: 1,
        invoices_full_s: 120,
      },
      per_catalog: engine.per_catalog,
      floor_per_catalog: floor.per_catalog,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await proxy.close();
    await nullStore.stop();
    await sandbox.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
