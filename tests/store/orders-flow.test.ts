import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { importOrders, type OrderEvent } from '../../electron/engine/phases/orders/order-import';
import { OrderInboxRepo } from '../../electron/engine/phases/orders/order-inbox-repo';
import { ImportLock } from '../../electron/engine/phases/inbox/import-lock';
import { DEFAULT_ORDER_SETTINGS } from '../../electron/engine/phases/orders/order-settings-repo';
import type { StoreOrder } from '../../electron/erp/order-writer';
import { RecordingStore } from '../helpers/memory-catalog-source';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { tempDir } from '../helpers/temp-dir';

const scope = { connectionId: 1, companyId: '1', storeKey: 'https://prueba.wopen.com.mx#tienda-1' };

function order(id: string, over: Partial<StoreOrder> = {}): StoreOrder {
  return {
    id,
    kind: 'pedido',
    paymentStatus: 'paid',
    createdAt: '2026-11-20T10:00:00.000Z',
    customerKey: 'C1',
    currency: 'MXN',
    lines: [{ articleKey: 'A1', quantity: 2, unitPrice: 100 }],
    freight: 50,
    ...over,
  };
}

function setup() {
  const file = path.join(tempDir(), 'w.sqlite');
  const db = openSettingsDatabase(file);
  const store = new RecordingStore();
  const writer = new MemoryOrderWriter();
  const events: OrderEvent[] = [];
  const run = (inbox = new OrderInboxRepo(db)) =>
    importOrders({
      scope,
      writer,
      store,
      inbox,
      lock: new ImportLock(db),
      settings: DEFAULT_ORDER_SETTINGS,
      onEvent: (e) => events.push(e),
      pageSize: 2,
    });
  return { db, file, store, writer, events, run };
}

describe('importOrders (in-memory ERP and store)', () => {
  it('imports a batch, rejects the bad order alone with a Spanish reason, and the rest goes on', async () => {
    const t = setup();
    t.store.addOrder(order('o1'));
    t.store.addOrder(order('bad', { lines: [{ articleKey: 'NO-EXISTE', quantity: 1, unitPrice: 10 }] }));
    t.store.addOrder(order('o3', { kind: 'cotizacion' }));
    t.store.addOrder(order('neg', { lines: [{ articleKey: 'A1', quantity: -1, unitPrice: 10 }] }));
    t.store.addOrder(order('o5'));

    const counts = await t.run();
    expect(counts).toEqual({ imported: 3, rejected: 2, pending: 0, awaitingPayment: 0, problem: null });
    expect(t.writer.documents.map((d) => d.storeOrderId)).toEqual(['o1', 'o3', 'o5']);
    expect(t.store.orders.get('bad')).toMatchObject({
      status: 'rejected',
      reason: 'El artículo «NO-EXISTE» no existe en el ERP.',
    });
    expect(t.store.orders.get('neg')).toMatchObject({
      status: 'rejected',
      reason: 'La partida 1 tiene una cantidad que no es mayor que cero.',
    });
    expect(t.store.orders.get('o3')).toMatchObject({ status: 'acked', erpFolio: 'C00000002' });
    expect(t.events).toContainEqual({
      level: 'error',
      storeOrderId: 'bad',
      message: 'El pedido bad de la tienda no se importó: El artículo «NO-EXISTE» no existe en el ERP.',
    });
    const inbox = new OrderInboxRepo(t.db);
    expect(inbox.get(scope, 'o1')).toMatchObject({
      state: 'acked',
      document: { documentId: '1001', folio: 'P00000001' },
    });
    expect(inbox.get(scope, 'bad')).toMatchObject({
      state: 'rejected',
      rejectReason: 'El artículo «NO-EXISTE» no existe en el ERP.',
    });
    expect(
      inbox
        .rejected(scope, scope.storeKey)
        .map((r) => r.storeOrderId)
        .sort(),
    ).toEqual(['bad', 'neg']);
  });

  it('two runs never duplicate, even when the store lists an acknowledged order again', async () => {
    const t = setup();
    for (const id of ['a', 'b', 'c']) t.store.addOrder(order(id));
    expect(await t.run()).toMatchObject({ imported: 3 });
    // The store "forgets" an ack (lost response): the order is pending again, the inbox says acked.
    t.store.orders.get('b')!.status = 'pending';
    expect(await t.run()).toMatchObject({ imported: 0, rejected: 0, pending: 0 });
    expect(t.writer.documents).toHaveLength(3);
    expect(t.store.orders.get('b')).toMatchObject({ status: 'acked', erpFolio: 'P00000002' });
    expect(t.writer.writes).toBe(3);
  });

  it('a crash between the ERP commit and the ack heals on the next run: one document, one ack', async () => {
    const t = setup();
    t.store.addOrder(order('x'));
    t.store.addOrder(order('y'));
    t.writer.crashAfterCommit = 1;
    const first = await t.run();
    expect(first.imported).toBe(0);
    expect(first.pending).toBe(1);
    expect(first.problem).toMatch(/se interrumpió/);
    expect(new OrderInboxRepo(t.db).get(scope, 'x')).toMatchObject({ state: 'received', attempts: 1 });

    // "Restart": a new database handle on the same file, a new run.
    const db2 = openSettingsDatabase(t.file);
    const second = await t.run(new OrderInboxRepo(db2));
    expect(second).toEqual({ imported: 2, rejected: 0, pending: 0, awaitingPayment: 0, problem: null });
    expect(t.writer.countFor('x')).toBe(1);
    expect(t.writer.countFor('y')).toBe(1);
    expect(t.store.acks.filter((a) => a.id === 'x')).toEqual([{ id: 'x', erpFolio: 'P00000001' }]);
  });

  it('the store down after the ERP commit: the order stays written and is acknowledged next run', async () => {
    const t = setup();
    t.store.addOrder(order('w'));
    t.store.addOrder(order('z'));
    t.store.failAcks = 1;
    const first = await t.run();
    expect(first).toMatchObject({ imported: 0, pending: 1 });
    expect(new OrderInboxRepo(t.db).get(scope, 'w')).toMatchObject({
      state: 'written',
      document: { folio: 'P00000001' },
    });
    expect(t.writer.documents).toHaveLength(1); // the pass stopped: 'z' was not touched
    const second = await t.run();
    expect(second).toEqual({ imported: 2, rejected: 0, pending: 0, awaitingPayment: 0, problem: null });
    expect(t.writer.documents.map((d) => d.storeOrderId)).toEqual(['w', 'z']);
    expect(t.writer.writes).toBe(2);
  });

  it('the ERP down: nothing is written, orders stay received, the next run imports them', async () => {
    const t = setup();
    t.store.addOrder(order('e1'));
    t.writer.down = true;
    expect(await t.run()).toMatchObject({ imported: 0, pending: 1 });
    expect(t.store.orders.get('e1')!.status).toBe('pending');
    t.writer.down = false;
    expect(await t.run()).toMatchObject({ imported: 1, pending: 0 });
    expect(t.writer.countFor('e1')).toBe(1);
  });
});
