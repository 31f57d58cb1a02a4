import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsole } from '../../electron/hosting/compose';
import { openSettingsDatabase } from '../../electron/settings/database';
import { importOrders } from '../../electron/engine/phases/orders/order-import';
import { OrderInboxRepo } from '../../electron/engine/phases/orders/order-inbox-repo';
import { ImportLock } from '../../electron/engine/phases/inbox/import-lock';
import { DEFAULT_ORDER_SETTINGS } from '../../electron/engine/phases/orders/order-settings-repo';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { StoreError } from '../../electron/store/port';
import { summaryJson } from '../../electron/cli/commands-sync';
import { FakeErp } from '../helpers/fake-erp';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { tempDir } from '../helpers/temp-dir';
import { PASSWORD, USER, control, fault, sandbox } from './sandbox-fixture';
import { phaseOf } from '../../electron/engine/run-report';

interface SandboxOrder {
  id: string;
  status: 'pending' | 'acked' | 'rejected';
  erpFolio: string | null;
  erpDocumentId: string | null;
  rejectReason: string | null;
}

const scope = { connectionId: 1, companyId: '1', storeKey: 'https://prueba.wopen.com.mx#tienda-1' };
const line = (articleKey: string, quantity = 1) => ({ articleKey, quantity, unitPrice: 99.5 });
const orders = async (sb: Awaited<ReturnType<typeof sandbox>>) =>
  (await control<{ orders: SandboxOrder[] }>(sb, '/orders')).orders;

function client(url: string) {
  return new WopenClient(
    { url, user: USER, password: PASSWORD },
    { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 } },
  );
}

describe('orders over HTTP with the sandbox', () => {
  it('imports the batch, rejects the bad order in the store with its Spanish reason, and never duplicates', async () => {
    const sb = await sandbox();
    for (let i = 1; i <= 7; i++) {
      await control(sb, '/orders', {
        id: `web-${i}`,
        customerKey: 'C1',
        lines: [line('A1', 2), line('A2')],
        freight: 120,
        notes: 'Entrega en Mérida',
      });
    }
    await control(sb, '/orders', { id: 'web-bad', customerKey: 'NADIE', lines: [line('A1')] });
    await control(sb, '/orders', { id: 'web-cot', kind: 'cotizacion', customerKey: 'C2', lines: [line('A2', 3)] });

    const db = openSettingsDatabase(path.join(tempDir(), 'w.sqlite'));
    const writer = new MemoryOrderWriter();
    const run = () =>
      importOrders({
        scope,
        writer,
        store: client(sb.url),
        inbox: new OrderInboxRepo(db),
        lock: new ImportLock(db),
        settings: DEFAULT_ORDER_SETTINGS,
        pageSize: 3,
      });

    expect(await run()).toEqual({ imported: 8, rejected: 1, pending: 0, awaitingPayment: 0, problem: null });
    const after = await orders(sb);
    expect(after.find((o) => o.id === 'web-bad')).toMatchObject({
      status: 'rejected',
      rejectReason: 'El cliente «NADIE» no existe en el ERP.',
    });
    expect(after.find((o) => o.id === 'web-cot')).toMatchObject({ status: 'acked', erpFolio: 'C00000008' });
    for (const o of after.filter((x) => x.id !== 'web-bad')) {
      expect(o.status).toBe('acked');
      expect(writer.countFor(o.id)).toBe(1);
      expect(o.erpFolio).toBe(writer.documents.find((d) => d.storeOrderId === o.id)!.folio);
    }
    expect(writer.documents[0]!.order).toMatchObject({
      freight: 120,
      notes: 'Entrega en Mérida',
      lines: [line('A1', 2), line('A2')],
    });

    expect(await run()).toEqual({ imported: 0, rejected: 0, pending: 0, awaitingPayment: 0, problem: null });
    expect(writer.documents).toHaveLength(8);
  });

  it('a crash after the ERP commit, then a lost ack response: one document and one acknowledgement', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', { id: 'k1', customerKey: 'C1', lines: [line('A1')] });
    await control(sb, '/orders', { id: 'k2', customerKey: 'C1', lines: [line('A2')] });
    const file = path.join(tempDir(), 'w.sqlite');
    const writer = new MemoryOrderWriter();
    writer.crashAfterCommit = 1;
    const run = () => {
      const db = openSettingsDatabase(file);
      return importOrders({
        scope,
        writer,
        store: client(sb.url),
        inbox: new OrderInboxRepo(db),
        lock: new ImportLock(db),
        settings: DEFAULT_ORDER_SETTINGS,
      });
    };

    expect(await run()).toMatchObject({ imported: 0, pending: 1 });
    expect((await orders(sb)).map((o) => o.status)).toEqual(['pending', 'pending']);

    // The next ack is applied by the store but its response is lost: the client's retry is answered 200 (same folio).
    await fault(sb, { kind: 'reset', apply: true, method: 'POST', path: '/orders/k1/ack' });
    expect(await run()).toEqual({ imported: 2, rejected: 0, pending: 0, awaitingPayment: 0, problem: null });
    expect(writer.countFor('k1')).toBe(1);
    expect(writer.countFor('k2')).toBe(1);
    const final = await orders(sb);
    expect(final).toMatchObject([
      { id: 'k1', status: 'acked', erpFolio: 'P00000001', erpDocumentId: '1001' },
      { id: 'k2', status: 'acked', erpFolio: 'P00000002' },
    ]);
  });

  it('the engine imports orders after the catalogs when Sincronización Pedidos is on; sync --json shows the counts', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', { id: 'e-1', customerKey: 'C1', lines: [line('A1')] });
    await control(sb, '/orders', { id: 'e-2', customerKey: 'C1', lines: [line('ZZ')] });
    const erp = new FakeErp();
    const writer = new MemoryOrderWriter();
    erp.orderWriter = writer;
    erp.source('1').set('articles', 1, { code: 'A1', name: 'Artículo' });
    const c = openConsole({
      databasePath: path.join(tempDir(), 'w.sqlite'),
      version: 't',
      erpFactory: erp.factory,
      storeFactory: (cred) => client(cred.url),
    });
    const { id } = await c.service.saveConnection({
      config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
      newPassword: 'pw',
    });
    await c.service.listCompanies(id);
    const save = (orders: boolean) =>
      c.service.saveSettings(id, [
        {
          companyId: '1',
          sync: true,
          period: '5',
          orders,
          invoices: false,
          branchId: '10',
          autoStamp: false,
          claveProdServ: '',
          claveUnidad: '',
          url: sb.url,
          user: USER,
          newPassword: PASSWORD,
        },
      ]);
    await save(false);
    const off = await c.engine.run({ connectionId: id, companyId: '1' }, { trigger: 'manual' });
    expect(phaseOf(off, 'orders')).toBeUndefined();
    expect(writer.documents).toHaveLength(0);

    await save(true);
    const s = await c.engine.run({ connectionId: id, companyId: '1' }, { trigger: 'manual' });
    expect(s.state).toBe('success');
    expect(phaseOf(s, 'orders')).toMatchObject({ state: 'success', counts: { imported: 1, rejected: 1, pending: 0 } });
    expect(s.message).toMatch(/Pedidos: 1 importados, 1 rechazados, 0 pendientes\.$/);
    expect((summaryJson(s) as Record<string, unknown>).orders).toEqual({
      state: 'success',
      imported: 1,
      rejected: 1,
      pending: 0,
      awaitingPayment: 0,
      message: 'Pedidos: 1 importados, 1 rechazados, 0 pendientes.',
    });
    expect(c.engine.history.phasesOf(s.runId!)).toEqual([
      {
        phase: 'orders',
        state: 'success',
        counts: { imported: 1, rejected: 1, pending: 0, awaitingPayment: 0 },
        message: 'Pedidos: 1 importados, 1 rechazados, 0 pendientes.',
      },
    ]);
    const events = (c.db.prepare('SELECT Message FROM events ORDER BY EventID').all() as { Message: string }[]).map(
      (e) => e.Message,
    );
    expect(events).toContain('El pedido e-2 de la tienda no se importó: El artículo «ZZ» no existe en el ERP.');
    expect((await orders(sb)).map((o) => o.status)).toEqual(['acked', 'rejected']);
  });

  it('WopenClient order calls: retry 503, re-authenticate after 401, 409 and 404 are final', async () => {
    const sb = await sandbox();
    await control(sb, '/orders', { id: 'r1', customerKey: 'C1', lines: [line('A1')], freight: 10 });
    const store = client(sb.url);
    await fault(sb, { kind: 'status', status: 503, method: 'GET', path: '/orders/pending' });
    expect(await store.pendingOrders()).toMatchObject({
      items: [
        {
          ok: true,
          value: {
            id: 'r1',
            kind: 'pedido',
            paymentStatus: 'paid',
            customerKey: 'C1',
            currency: 'MXN',
            freight: 10,
            lines: [line('A1')],
          },
        },
      ],
      nextCursor: null,
    });
    await control(sb, '/tokens/expire', {});
    await store.ackOrder('r1', { erpFolio: 'P1', erpDocumentId: '7' });
    await store.ackOrder('r1', { erpFolio: 'P1', erpDocumentId: '7' }); // idempotent
    const conflict = await store.ackOrder('r1', { erpFolio: 'P2', erpDocumentId: '8' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(StoreError);
    expect(conflict).toMatchObject({ status: 409, retryable: false });
    const rejectAcked = await store.rejectOrder('r1', 'no').catch((e: unknown) => e);
    expect(rejectAcked).toMatchObject({ status: 409, retryable: false });
    expect(await store.rejectOrder('nope', 'x').catch((e: unknown) => e)).toMatchObject({ status: 404 });
    expect(await store.pendingOrders()).toEqual({ items: [], nextCursor: null });
  });
});
