import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleScript } from '../lib/bundle-script';
import { startSandbox } from '../sandbox/start-sandbox';
import { OrderInboxRepo } from '../../electron/engine/phases/orders/order-inbox-repo';
import { erpMarker, storeKeyOf } from '../../electron/engine/store-identity';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { openSettingsDatabase } from '../../electron/settings/database';
import { microsipTarget, sqliteTarget, type ErpDocument, type ErpTarget } from './erp-targets';

/**
 * `npm run crash-test -- [--erp microsip|sqlite] [--orders 60] [--kills 50] [--max-kill-ms 60] [--pause-ms 4] [--seed-bad 0] [--switch 1]`
 *
 * Exactly-once proof for store orders: the sandbox store gets N orders; the importer runs in a child process
 * that is `kill -9`ed at a random moment after it opened its files, again and again, then is allowed to finish.
 * Store acknowledgements are then compared with the ERP's documents. With `--switch 1` (default) the store
 * is replaced mid-import, after half the kills: the sandbox is reset (a new store identity) and gets N orders of
 * its own (after N/2 in the first store), some of them reusing ids of the first store with other content. Every order of the second store
 * must land once in a document of its own, never acknowledged against a document of the first store.
 *
 * ERP (`--erp`): `microsip` (default) = the real MicrosipOrderWriter on a fresh Firebird fixture (WOPEN_FB_*
 * variables, like tests/firebird); `sqlite` = a durable SQLite double (scripts/crash-test/sqlite-order-erp.ts).
 */
const ROOT = path.resolve(__dirname, '../..');
const USER = 'crash';
const PASSWORD = 'crash-test';

let erpKind: 'microsip' | 'sqlite' = 'microsip';

function opts(): Record<string, number> {
  const argv = process.argv.slice(2).filter((x) => x !== '--');
  const out: Record<string, number> = {
    orders: 60,
    kills: 50,
    'max-kill-ms': -1,
    'pause-ms': 4,
    'seed-bad': 0,
    switch: 1,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!.replace(/^--/, '');
    if (key === 'erp') {
      if (argv[i + 1] !== 'microsip' && argv[i + 1] !== 'sqlite') throw new Error('--erp debe ser microsip o sqlite');
      erpKind = argv[i + 1] as 'microsip' | 'sqlite';
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!(key in out) || !Number.isFinite(value) || value < 0)
      throw new Error(`Opción inválida: ${argv[i]} ${argv[i + 1]}`);
    out[key] = value;
  }
  return out;
}

function bundleChild(): string {
  return bundleScript(path.join(__dirname, 'child.ts'), 'crash-test');
}

interface Life {
  killed: boolean;
  code: number | null;
  out: string;
  /** From READY to exit, for a life that was not killed: how long its work took. */
  workMs: number | null;
}

/** Starts the importer; with `killAfterMs`, SIGKILLs it that long after it printed READY. */
function live(script: string, args: string[], killAfterMs: number | null): Promise<Life> {
  const child = spawn(process.execPath, [script, '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let killed = false;
  let readyAt: number | null = null;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (readyAt === null && out.includes('READY\n')) readyAt = Date.now();
    if (killAfterMs !== null && readyAt !== null && !killed) {
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const wasKilled = signal === 'SIGKILL';
      if (!wasKilled && code !== 0) reject(new Error(`El importador terminó con código ${code}:\n${err}`));
      else
        resolve({ killed: wasKilled, code, out, workMs: !wasKilled && readyAt !== null ? Date.now() - readyAt : null });
    });
  });
}

interface SandboxOrder {
  id: string;
  status: 'pending' | 'acked' | 'rejected';
  erpFolio: string | null;
  erpDocumentId: string | null;
}

async function main(): Promise<void> {
  const o = opts();
  const dir = path.join(ROOT, '.tmp', 'crash-test', `run-${Date.now()}`);
  fs.mkdirSync(dir, { recursive: true });
  const files = { store: path.join(dir, 'store.db'), settings: path.join(dir, 'settings.sqlite') };
  const target: ErpTarget = erpKind === 'microsip' ? await microsipTarget() : sqliteTarget(dir);
  const sb = await startSandbox({ port: 0, dataFile: files.store, user: USER, password: PASSWORD });
  const control = async <T>(route: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${sb.controlUrl}${route}`, {
      method: body === undefined ? 'GET' : 'POST',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  const createOrders = async (ids: number[], priceBase: number) => {
    for (const i of ids) {
      const bad = i <= o['seed-bad']!;
      await control('/orders', {
        id: `tienda-${String(i).padStart(4, '0')}`,
        kind: i % 5 === 0 ? 'cotizacion' : 'pedido',
        customerKey: target.customerKey,
        lines: [
          { articleKey: target.articleKeys[0], quantity: bad ? 0 : 1 + (i % 3), unitPrice: priceBase + i },
          { articleKey: target.articleKeys[1], quantity: 2, unitPrice: 5.5, notes: 'Envío a Querétaro' },
        ],
        freight: i % 4 === 0 ? 150 : 0,
      });
    }
  };
  const identity = async () =>
    storeKeyOf(await new WopenClient({ url: sb.url, user: USER, password: PASSWORD }).identify());
  const switching = o.switch! > 0;
  const firstCount = switching ? Math.ceil(o.orders! / 2) : o.orders!;
  const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
  try {
    const firstStore = await identity();
    const script = bundleChild();
    const args = [
      '--url',
      sb.url,
      '--user',
      USER,
      '--password',
      PASSWORD,
      '--settings',
      files.settings,
      '--settings_json',
      JSON.stringify(target.settings),
      '--pause-ms',
      String(o['pause-ms']),
      ...target.childArgs,
    ];

    let trials = 0;
    let killedWithWorkLeft = 0;
    let killsWithProgress = 0;
    const window = { leftReceived: 0, leftWritten: 0, healedFromErp: 0 };
    const tally = (out: string) => {
      for (const line of out.split('\n')) {
        const m = /^OPEN (\d+) (\d+)$/.exec(line);
        if (m) {
          window.leftReceived += Number(m[1]);
          window.leftWritten += Number(m[2]);
        }
        if (line.startsWith('HEALED ')) window.healedFromErp++;
      }
    };
    const settled = async () =>
      (await control<{ orders: SandboxOrder[] }>('/orders')).orders.filter((x) => x.status !== 'pending').length;

    const reused = switching ? Math.floor(firstCount / 3) : 0;
    const secondIds = switching ? [...range(1, reused), ...range(firstCount + 1, firstCount + o.orders! - reused)] : [];
    const half = switching ? Math.floor(o.kills! / 2) : o.kills!;
    // Orders keep arriving while the importer is being killed (a few before every life), so kills land mid-work.
    const perLife = (n: number, kills: number) => Math.max(1, Math.ceil(n / Math.max(1, kills)));
    let queue = range(1, firstCount);
    let priceBase = 10;
    let chunk = perLife(queue.length, half);
    let created = 0;
    const arrive = async (n: number) => {
      const ids = queue.splice(0, n);
      await createOrders(ids, priceBase);
      created += ids.length;
    };
    let switchedAt: number | null = null;
    const switchStore = async () => {
      // The company's store is replaced while orders of the first one are still being imported.
      await control('/reset', {});
      queue = [...secondIds];
      priceBase = 1000;
      chunk = perLife(queue.length, o.kills! - half);
      created = 0;
      switchedAt = trials;
    };
    let lives = 0;
    // A life that finished before its kill shows how long the work takes: later kills are drawn within that.
    let maxKillMs = o['max-kill-ms']! >= 0 ? o['max-kill-ms']! : target.maxKillMs;
    const adaptive = o['max-kill-ms']! < 0;
    while (trials < o.kills!) {
      if (switching && switchedAt === null && trials >= half) await switchStore();
      if (queue.length > 0) await arrive(chunk);
      const before = await settled();
      const life = await live(script, args, Math.random() * maxKillMs);
      lives++;
      tally(life.out);
      if (adaptive && life.workMs !== null) maxKillMs = Math.max(20, Math.min(maxKillMs, life.workMs * 0.9));
      if (life.killed) {
        trials++;
        if (before < created) killedWithWorkLeft++;
        if ((await settled()) > before) killsWithProgress++;
      }
      if (lives > o.kills! * 4) break;
    }
    if (switching && switchedAt === null) await switchStore();
    if (queue.length > 0) await arrive(queue.length);
    const final = await live(script, args, null);
    lives++;
    tally(final.out);
    const finalResult = JSON.parse(
      final.out
        .split('\n')
        .find((l) => l.startsWith('RESULT '))!
        .slice(7),
    ) as Record<string, number>;

    const storeOrders = (await control<{ orders: SandboxOrder[] }>('/orders')).orders;
    const store = await identity();
    // Only documents that carry a marker of this store (the fixture has documents of its own; the first store's
    // are counted apart).
    const markerOf = (key: string, id: string) => erpMarker('order', key, id);
    const idOfMarker = new Map(storeOrders.map((x) => [markerOf(store, x.id), x.id]));
    const allDocs = await target.documents();
    const docs = allDocs
      .filter((d) => idOfMarker.has(d.marker))
      .map((d) => ({ ...d, storeOrderId: idOfMarker.get(d.marker)! }));
    const firstStoreIds = range(1, firstCount).map((i) => `tienda-${String(i).padStart(4, '0')}`);
    const firstMarkers = new Set(switching ? firstStoreIds.map((id) => markerOf(firstStore, id)) : []);
    const firstDocs = allDocs.filter((d) => firstMarkers.has(d.marker));
    const firstDuplicates = firstDocs.length - new Set(firstDocs.map((d) => d.marker)).size;
    if (process.env.CRASH_TEST_DEBUG)
      process.stderr.write(
        `${JSON.stringify({ sampleDoc: docs[0], sampleAck: storeOrders[0], other: allDocs.length - docs.length })}\n`,
      );
    const byStoreId = new Map<string, (ErpDocument & { storeOrderId: string })[]>();
    for (const d of docs) byStoreId.set(d.storeOrderId, [...(byStoreId.get(d.storeOrderId) ?? []), d]);
    const duplicates = [...byStoreId.values()].filter((v) => v.length > 1).length;
    const acked = storeOrders.filter((x) => x.status === 'acked');
    const rejected = storeOrders.filter((x) => x.status === 'rejected');
    const lost =
      storeOrders.filter((x) => x.status === 'pending').length +
      acked.filter((x) => !byStoreId.has(x.id)).length +
      docs.filter((d) => !acked.some((x) => x.id === d.storeOrderId)).length;
    const folioMismatches = acked.filter((x) => {
      const d = byStoreId.get(x.id)?.[0];
      return !d || d.folio !== x.erpFolio || d.documentId !== x.erpDocumentId;
    }).length;
    const inbox = new OrderInboxRepo(openSettingsDatabase(files.settings));
    const inboxOpen = inbox.openCount({ connectionId: 1, companyId: '1', storeKey: store });
    const firstDocIds = new Set(firstDocs.map((d) => d.documentId));
    const crossStoreAcks = acked.filter((x) => x.erpDocumentId !== null && firstDocIds.has(x.erpDocumentId)).length;
    const result = {
      trials,
      orders: storeOrders.length,
      erp_documents: docs.length,
      duplicates,
      lost,
      acked: acked.length,
      rejected: rejected.length,
      folio_mismatches: folioMismatches,
      partial_documents: docs.filter((d) => d.lines < 2).length,
      inbox_open: inboxOpen,
      kills_with_work_left: killedWithWorkLeft,
      kills_after_progress: killsWithProgress,
      process_starts: lives,
      // Kills that landed after the inbox said received (ERP write may or may not have committed), after the
      // inbox said written (ack not sent or not recorded), and ERP documents found instead of written again.
      left_received: window.leftReceived,
      left_written: window.leftWritten,
      healed_from_erp: window.healedFromErp,
      final_run: finalResult,
      erp: target.label,
      // The store replaced mid-import: when, how many of its orders reused an id of the first store, documents
      // written for the first store (each at most once) and acks of the second store pointing at them (must be 0).
      store_switched_after_kills: switchedAt,
      reused_ids: switching ? Math.floor(firstCount / 3) : 0,
      first_store_documents: firstDocs.length,
      first_store_duplicates: firstDuplicates,
      cross_store_acks: crossStoreAcks,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const ok =
      duplicates === 0 &&
      lost === 0 &&
      folioMismatches === 0 &&
      result.partial_documents === 0 &&
      inboxOpen === 0 &&
      trials >= o.kills! &&
      firstDuplicates === 0 &&
      crossStoreAcks === 0 &&
      (!switching || (switchedAt !== null && storeOrders.length === secondIds.length));
    if (!ok) process.exitCode = 1;
  } finally {
    await sb.close();
    await target.cleanup().catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
