import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSettingsDatabase, type SettingsDb } from '../../electron/settings/database';
import { migrate } from '../../electron/settings/migrate';
import { MIGRATIONS } from '../../electron/settings/migrations';
import { ImportLock } from '../../electron/engine/phases/inbox/import-lock';
import { importOrders } from '../../electron/engine/phases/orders/order-import';
import { OrderInboxRepo } from '../../electron/engine/phases/orders/order-inbox-repo';
import { DEFAULT_ORDER_SETTINGS } from '../../electron/engine/phases/orders/order-settings-repo';
import { importInvoices } from '../../electron/engine/phases/invoices/invoice-import';
import { InvoiceInboxRepo } from '../../electron/engine/phases/invoices/invoice-inbox-repo';
import type { StoreOrder } from '../../electron/erp/order-writer';
import type { InvoiceRequest } from '../../electron/erp/invoice-writer';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { MemoryInvoiceWriter } from '../helpers/memory-invoice-writer';
import { tempDir } from '../helpers/temp-dir';

const scope = { connectionId: 1, companyId: '1', storeKey: 'https://prueba.wopen.com.mx#tienda-1' };

const order = (id: string): StoreOrder => ({
  id,
  kind: 'pedido',
  paymentStatus: 'paid',
  createdAt: '2026-11-20T10:00:00.000Z',
  customerKey: 'C1',
  currency: 'MXN',
  lines: [{ articleKey: 'A1', quantity: 1, unitPrice: 100 }],
  freight: 0,
});

const request = (id: string): InvoiceRequest => ({
  id,
  orderId: null,
  customerKey: 'C1',
  rfc: 'EKU9003173C9',
  usoCfdi: 'G03',
  currency: 'MXN',
  lines: [{ articleKey: 'A1', quantity: 1, unitPrice: 100, description: 'Martillo' }],
});

function setup(db: SettingsDb = openSettingsDatabase(path.join(tempDir(), 'w.sqlite'))) {
  const store = new RecordingStore();
  const orders = new MemoryOrderWriter();
  const invoices = new MemoryInvoiceWriter();
  const importOrdersNow = (over: { afterStep?: (step: string) => void | Promise<void> } = {}) =>
    importOrders({
      scope,
      writer: orders,
      store,
      inbox: new OrderInboxRepo(db),
      lock: new ImportLock(db),
      settings: DEFAULT_ORDER_SETTINGS,
      pageSize: 2,
      ...over,
    });
  const importInvoicesNow = (over: { afterStep?: (step: string) => void | Promise<void> } = {}) =>
    importInvoices({
      scope,
      writer: invoices,
      openStamper: null,
      store,
      inbox: new InvoiceInboxRepo(db),
      lock: new ImportLock(db),
      settings: { series: null, defaultClaveProdServ: '31162800', defaultClaveUnidad: 'H87' },
      orderDocumentOf: () => null,
      ...over,
    });
  const locks = () => db.prepare('SELECT Owner, Pid FROM import_locks').all() as { Owner: string; Pid: number }[];
  return { db, store, orders, invoices, importOrdersNow, importInvoicesNow, locks };
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** Another process holding the company's import lock, as a running pass of it would (its own pid, a live lease). */
function holderProcess(file: string): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.prepare("INSERT INTO import_locks (ConnectionID, CompanyID, Owner, Pid, Until) VALUES (1, '1', 'other-process', ?, ?)")
      .run(process.pid, new Date(Date.now() + 600000).toISOString());
    process.stdout.write('READY\\n');
    setInterval(() => undefined, 1000);`;
  const child = spawn(process.execPath, ['-e', script, file], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('READY')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`holder exited (${code}): ${err}`)));
  });
}

describe('one inbound pass per company at a time (import_locks)', () => {
  it('a second process cannot import orders or invoices while it holds the lock; once it is killed, the next pass takes over', async () => {
    const file = path.join(tempDir(), 'w.sqlite');
    const t = setup(openSettingsDatabase(file));
    t.store.addOrder(order('o1'));
    t.store.addInvoiceRequest(request('F-1'));
    const holder = await holderProcess(file);

    const orders = await t.importOrdersNow();
    expect(orders).toMatchObject({ imported: 0, pending: 0 });
    expect(orders.problem).toMatch(/Otro proceso está importando los pedidos/);
    const invoices = await t.importInvoicesNow();
    expect(invoices).toMatchObject({ created: 0, stamped: 0 });
    expect(invoices.problem).toMatch(/Otro proceso está procesando las solicitudes de factura/);
    expect(t.orders.writes + t.invoices.writes).toBe(0);

    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    expect(await t.importOrdersNow()).toMatchObject({ imported: 1, problem: null });
    expect(await t.importInvoicesNow()).toMatchObject({ created: 1, problem: null });
    expect(t.locks()).toEqual([]);
  }, 30_000);

  it('two passes of one company started together in one process: only one imports, each order once', async () => {
    const t = setup();
    for (const id of ['a', 'b', 'c']) t.store.addOrder(order(id));
    const [first, second] = await Promise.all([t.importOrdersNow(), t.importOrdersNow()]);
    expect(first).toMatchObject({ imported: 3, problem: null });
    expect(second).toMatchObject({ imported: 0 });
    expect(second.problem).toMatch(/Otro proceso está importando/);
    expect(t.orders.writes).toBe(3);
  });

  it('orders and invoices share the rule: an invoices pass waits while an orders pass of the company runs', async () => {
    const t = setup();
    t.store.addOrder(order('o1'));
    t.store.addInvoiceRequest(request('F-1'));
    let during: Awaited<ReturnType<typeof t.importInvoicesNow>> | null = null;
    const orders = await t.importOrdersNow({
      afterStep: async () => {
        during ??= await t.importInvoicesNow();
      },
    });
    expect(orders).toMatchObject({ imported: 1, problem: null });
    expect(during!.problem).toMatch(/Otro proceso está procesando las solicitudes de factura/);
    expect(t.invoices.writes).toBe(0);
    // Another company is not held up.
    expect(new ImportLock(t.db).hold({ connectionId: 1, companyId: '2' })).not.toBeNull();
    expect(await t.importInvoicesNow()).toMatchObject({ created: 1, problem: null });
  });

  it('a pass that lost the lock (stalled past its lease, another took it) stops before its next write', async () => {
    const t = setup();
    t.store.addInvoiceRequest(request('F-1'));
    t.store.addInvoiceRequest(request('F-2'));
    const steal = () =>
      t.db
        .prepare("UPDATE import_locks SET Owner = 'other-process', Until = ?")
        .run(new Date(Date.now() + 600_000).toISOString());
    const r = await t.importInvoicesNow({ afterStep: (step) => void (step === 'told' && steal()) });
    expect(r.problem).toMatch(/Otro proceso tomó las solicitudes de factura/);
    expect(t.invoices.writes).toBe(1);
    // The thief's lock is not released by the pass that lost it.
    expect(t.locks()).toMatchObject([{ Owner: 'other-process' }]);

    t.store.addOrder(order('o1'));
    t.store.addOrder(order('o2'));
    t.db.prepare('DELETE FROM import_locks').run();
    const o = await t.importOrdersNow({ afterStep: (step) => void (step === 'acked' && steal()) });
    expect(o.problem).toMatch(/Otro proceso tomó la importación de pedidos/);
    expect(t.orders.writes).toBe(1);
  });

  it('a live holder whose lease ran out loses the lock', async () => {
    const t = setup();
    t.store.addOrder(order('o1'));
    t.db
      .prepare("INSERT INTO import_locks (ConnectionID, CompanyID, Owner, Pid, Until) VALUES (1, '1', 'stalled', ?, ?)")
      .run(process.pid, new Date(Date.now() - 1000).toISOString());
    expect(await t.importOrdersNow()).toMatchObject({ imported: 1, problem: null });
  });

  it('migration 010 renames order_import_locks to import_locks and keeps the lock a pass holds', () => {
    const db = new BetterSqlite3(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 9),
    );
    db.prepare(
      "INSERT INTO order_import_locks (ConnectionID, CompanyID, Owner, Pid, Until) VALUES (1, '1', 'running-pass', 42, '2099-01-01T00:00:00.000Z')",
    ).run();
    migrate(db, MIGRATIONS);
    expect(db.prepare('SELECT * FROM import_locks').all()).toEqual([
      { ConnectionID: 1, CompanyID: '1', Owner: 'running-pass', Pid: 42, Until: '2099-01-01T00:00:00.000Z' },
    ]);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'order_import_locks'").all()).toEqual([]);
    db.close();
  });
});
