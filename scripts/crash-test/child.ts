import { setTimeout as sleep } from 'node:timers/promises';
import { importOrders } from '../../electron/engine/phases/orders/order-import';
import { OrderInboxRepo } from '../../electron/engine/phases/orders/order-inbox-repo';
import { ImportLock } from '../../electron/engine/phases/inbox/import-lock';
import { storeKeyOf } from '../../electron/engine/store-identity';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import type { OrderSettings, OrderWriter } from '../../electron/erp/order-writer';
import type { MicrosipConfig } from '../../shared/erp-connection';
import { openSettingsDatabase } from '../../electron/settings/database';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { SqliteOrderErp } from './sqlite-order-erp';

/**
 * One life of the order importer for the crash test: the console's settings database (the inbox), the real
 * Wopen client against the sandbox, the durable ERP double. Prints READY once open (the parent kills it at a
 * random moment after that) and RESULT with the counts when a pass ends with nothing left.
 */
function args(): Record<string, string> {
  const argv = process.argv.slice(2).filter((x) => x !== '--');
  const out: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i]!.replace(/^--/, '')] = argv[i + 1] ?? '';
  return out;
}

async function main(): Promise<void> {
  const a = args();
  const maxPause = Number(a['pause-ms'] ?? '4');
  const pause = () => sleep(Math.random() * maxPause);
  const db = openSettingsDatabase(a.settings!);
  const settings = JSON.parse(a.settings_json!) as OrderSettings;
  let erp: OrderWriter;
  let connector: MicrosipConnector | null = null;
  if (a['erp-kind'] === 'microsip') {
    connector = new MicrosipConnector(JSON.parse(a['fb-config']!) as MicrosipConfig, a['fb-password']!);
    erp = await connector.openOrders(a.company!);
  } else {
    erp = new SqliteOrderErp(a.erp!, pause);
  }
  const store = new WopenClient(
    { url: a.url!, user: a.user!, password: a.password! },
    { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 } },
  );
  const inbox = new OrderInboxRepo(db);
  // A killed life leaves its lock behind: its pid is gone, so the next life takes it over at once.
  const lock = new ImportLock(db);
  // The store this life talks to (the parent may have switched it to another store meanwhile).
  const scope = { connectionId: 1, companyId: '1', storeKey: storeKeyOf(await store.identify()) };
  // What this life found left open by the previous one, and ERP documents found for orders the inbox had
  // only as received (the kill came between the ERP commit and the inbox update): the parent tallies them.
  const open = inbox.open(scope);
  process.stdout.write(
    `OPEN ${open.filter((r) => r.state === 'received').length} ${open.filter((r) => r.state === 'written').length}\n`,
  );
  const find = erp.findDocument.bind(erp);
  erp.findDocument = async (id) => {
    const doc = await find(id);
    if (doc) process.stdout.write(`HEALED ${id}\n`);
    return doc;
  };
  // Warm up (first fetch, authentication) so the parent's random kill lands in the import, not in start-up.
  await store.pendingOrders({ limit: 1 });
  process.stdout.write('READY\n');
  const total = { imported: 0, rejected: 0, pending: 0 };
  for (let pass = 0; pass < 20; pass++) {
    const r = await importOrders({ scope, writer: erp, store, inbox, lock, settings, pageSize: 10, afterStep: pause });
    total.imported += r.imported;
    total.rejected += r.rejected;
    total.pending = r.pending;
    if (r.problem === null && r.pending === 0 && (await store.pendingOrders({ limit: 1 })).items.length === 0) break;
    if (r.problem !== null) {
      process.stderr.write(`pass ${pass}: ${r.problem}\n`);
      await sleep(200); // e.g. Firebird still cleaning up the killed attachment's transaction
    }
  }
  await erp.close();
  await connector?.close();
  db.close();
  process.stdout.write(`RESULT ${JSON.stringify(total)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
