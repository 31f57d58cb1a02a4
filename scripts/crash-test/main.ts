import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { bundleScript } from '../lib/bundle-script';
import { startSandbox } from '../sandbox/start-sandbox';
import { OrderInboxRepo } from '../../electron/engine/orders/order-inbox-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import { microsipTarget, sqliteTarget, type ErpDocument, type ErpTarget } from './erp-targets';

/**
 * `npm run crash-test -- [--erp microsip|sqlite] [--orders 60] [--kills 50] [--max-kill-ms 60] [--pause-ms 4] [--seed-bad 0]`
 *
 * Exactly-once proof for store orders (issue 5): the sandbox store gets N orders; the importer runs in a
 * child process that is `kill -9`ed at a random moment after it opened its files, again and again, then is
 * allowed to finish. Store acknowledgements are then compared with the ERP's documents.
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
  const out: Record<string, number> = { orders: 60, kills: 50, 'max-kill-ms': -1, 'pause-ms': 4, 'seed-bad': 0 };
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i]!.replace(/^--/, '');
    if (key === 'erp') {
      if (argv[i + 1] !== 'microsip' && argv[i + 1] !== 'sqlite') throw new Error('--erp debe ser microsip o sqlite');
      erpKind = argv[i + 1] as 'microsip' | 'sqlite';
      continue;
    }
    const value = Number(argv[i + 1]);
    if (!(key in out) || !Number.isFinite(value) || value < 0) throw new Error(`Opción inválida: ${argv[i]} ${argv[i + 1]}`);
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
}

/** Starts the importer; with `killAfterMs`, SIGKILLs it that long after it printed READY. */
function live(script: string, args: string[], killAfterMs: number | null): Promise<Life> {
  const child = spawn(process.execPath, [script, '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let killed = false;
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    if (killAfterMs !== null && out.includes('READY\n') && !killed) {
      killed = true;
      setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    }
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const wasKilled = signal === 'SIGKILL';
      if (!wasKilled && code !== 0) reject(new Error(`El importador terminó con código ${code}:\n${err}`));
      else resolve({ killed: wasKilled, code, out });
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
    const res = await fetch(`${sb.controlUrl}${route}`, { method: body === undefined ? 'GET' : 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status}`);
    return (await res.json()) as T;
  };
  try {
    for (let i = 1; i <= o.orders!; i++) {
      const bad = i <= o['seed-bad']!;
      await control('/orders', {
        id: `tienda-${String(i).padStart(4, '0')}`,
        kind: i % 5 === 0 ? 'cotizacion' : 'pedido',
        customerKey: target.customerKey,
        lines: [
          { articleKey: target.articleKeys[0], quantity: bad ? 0 : 1 + (i % 3), unitPrice: 10 + i },
          { articleKey: target.articleKeys[1], quantity: 2, unitPrice: 5.5, notes: 'Envío a Querétaro' },
        ],
        freight: i % 4 === 0 ? 150 : 0,
      });
    }
    const script = bundleChild();
    const args = ['--url', sb.url, '--user', USER, '--password', PASSWORD, '--settings', files.settings, '--settings_json', JSON.stringify(target.settings), '--pause-ms', String(o['pause-ms']), ...target.childArgs];

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
    const settled = async () => (await control<{ orders: SandboxOrder[] }>('/orders')).orders.filter((x) => x.status !== 'pending').length;
    let lives = 0;
    while (trials < o.kills!) {
      const before = await settled();
      const life = await live(script, args, Math.random() * (o['max-kill-ms']! >= 0 ? o['max-kill-ms']! : target.maxKillMs));
      lives++;
      tally(life.out);
      if (life.killed) {
        trials++;
        if (before < o.orders!) killedWithWorkLeft++;
        if ((await settled()) > before) killsWithProgress++;
      }
      if (lives > o.kills! * 4) break;
    }
    const final = await live(script, args, null);
    lives++;
    tally(final.out);
    const finalResult = JSON.parse(final.out.split('\n').find((l) => l.startsWith('RESULT '))!.slice(7)) as Record<string, number>;

    const storeOrders = (await control<{ orders: SandboxOrder[] }>('/orders')).orders;
    // Only documents that carry a store order id of this run (the fixture has documents of its own).
    const storeIds = new Set(storeOrders.map((x) => x.id));
    const allDocs = await target.documents();
    const docs = allDocs.filter((d) => storeIds.has(d.storeOrderId));
    if (process.env.CRASH_TEST_DEBUG) process.stderr.write(`${JSON.stringify({ sampleDoc: docs[0], sampleAck: storeOrders[0], other: allDocs.length - docs.length })}\n`);
    const byStoreId = new Map<string, ErpDocument[]>();
    for (const d of docs) byStoreId.set(d.storeOrderId, [...(byStoreId.get(d.storeOrderId) ?? []), d]);
    const duplicates = [...byStoreId.values()].filter((v) => v.length > 1).length;
    const acked = storeOrders.filter((x) => x.status === 'acked');
    const rejected = storeOrders.filter((x) => x.status === 'rejected');
    const lost =
      storeOrders.filter((x) => x.status === 'pending').length + acked.filter((x) => !byStoreId.has(x.id)).length + docs.filter((d) => !acked.some((x) => x.id === d.storeOrderId)).length;
    const folioMismatches = acked.filter((x) => {
      const d = byStoreId.get(x.id)?.[0];
      return !d || d.folio !== x.erpFolio || d.documentId !== x.erpDocumentId;
    }).length;
    const inbox = new OrderInboxRepo(openSettingsDatabase(files.settings));
    const inboxOpen = inbox.openCount({ connectionId: 1, companyId: '1' });
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
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    const ok = duplicates === 0 && lost === 0 && folioMismatches === 0 && result.partial_documents === 0 && inboxOpen === 0 && trials >= o.kills!;
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
