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
 *   events_export_*  *Exportar CSV* of 1,000,000 events written by main in pages: total seconds and the longest
 *                    block of the event loop (target ≤ 100 ms; scripts/bench/events-export.ts, no Firebird needed).
 *                    `npm run bench -- --only=events-export` runs just this one.
 *   invoices_*  issue 7: 5,000 stamped facturas with a ~15 KB CFDI XML each, Sincronización Facturas on, only
 *               the 'invoices' catalog (scripts/bench/invoices-phase.ts): first full push, no-change resync,
 *               one more factura stamped (target 1 pushed), peak RSS of that process. The floor and the
 *               catalog phase above leave the invoices out (the company has Sincronización Facturas off there).
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

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
  log('exportar CSV: 1,000,000 eventos…');
  const exported = await benchEventsExport();
  if (process.argv.includes('--only=events-export')) {
    process.stdout.write(`${JSON.stringify({ ...exported, targets: { events_export_loop_max_ms: 100 } }, null, 2)}\n`);
    return;
  }
  log('visor de eventos: 1,000,000 eventos en 30 días…');
  const events = benchEventsQuery();
  const fixture = await ensureBenchCompany(log);
  const invoiceFixture = await ensureBenchInvoices(fixture.folder, log);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-bench-'));
  const sandbox = await spawnSandbox({
    dataFile: path.join(work, 'sandbox.sqlite'),
    user: BENCH.storeUser,
    password: BENCH.storePassword,
  });
  try {
    log('floor: SELECT + POST sin motor…');
    const floor = await runChild<FloorResult>('floor.ts', {
      folder: fixture.folder,
      company: BENCH.companyId,
      url: sandbox.url,
    });
    await fetch(`${sandbox.controlUrl}/reset`, { method: 'POST' });

    const databasePath = path.join(work, 'wopen-sync.sqlite');
    const c = openConsole({ databasePath, version: 'bench' });
    const { id } = await c.service.saveConnection({
      config: benchErpConfig(fixture.folder),
      newPassword: BENCH.fbPassword,
    });
    await c.service.listCompanies(id);
    const settings = (invoices: boolean) => [
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
        url: sandbox.url,
        user: BENCH.storeUser,
        newPassword: BENCH.storePassword,
      },
    ];
    const saved = await c.service.saveSettings(id, settings(false));
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

    log(`facturas: ${invoiceFixture.invoices} timbradas, completa, sin cambios, una más…`);
    const c2 = openConsole({ databasePath, version: 'bench' });
    const savedInvoices = await c2.service.saveSettings(id, settings(true));
    if (!savedInvoices.ok) throw new Error(JSON.stringify(savedInvoices.errors));
    c2.close();
    const inv = await runChild<InvoicesResult>('invoices-phase.ts', {
      db: databasePath,
      connection: String(id),
      company: BENCH.companyId,
      folder: fixture.folder,
    }).finally(() => removeExtraInvoices(fixture.folder));
    const stored = await storedInvoiceXml(sandbox.controlUrl, inv.extra_key);
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
        full_ratio: 1.3,
        noop_ratio: 0.05,
        one_change_pushed: 1,
        peak_rss_mb: 300,
        loop_p99_ms: 50,
        events_query_ms: 50,
        events_export_loop_max_ms: 100,
        invoices_one_change_pushed: 1,
        invoices_full_s: 120,
      },
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
