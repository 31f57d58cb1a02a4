import { describe, expect, it } from 'vitest';
import { serviceWithFakeErp } from '../helpers/service';

/** Issue 12: what deleting a connection takes with it, as the console's confirmation says. */

const microsip = {
  kind: 'microsip' as const,
  host: '127.0.0.1',
  port: 3050,
  folder: 'C:\\Microsip datos\\',
  user: 'SYSDBA',
};

const count = (t: ReturnType<typeof serviceWithFakeErp>, table: string, connectionId: number): number =>
  (t.db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ConnectionID = ?`).get(connectionId) as { n: number }).n;

describe('ConsoleService.deleteConnection', () => {
  it('deletes settings, order settings, sync state, history, inboxes and every password; the events stay', async () => {
    const t = serviceWithFakeErp();
    const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'masterkey' });
    const other = (await t.service.saveConnection({ name: 'Otra', config: microsip, newPassword: 'otra' })).id;
    await t.service.listCompanies(id);
    await t.service.listCompanies(other);
    const base = {
      sync: true,
      period: '30',
      orders: false,
      invoices: false,
      branchId: null,
      autoStamp: false,
      claveProdServ: '',
      claveUnidad: '',
      user: 'u',
      newPassword: 'wopen-pw',
    };
    expect(
      await t.service.saveSettings(id, [{ ...base, companyId: '1', url: 'https://una.wopen.com.mx' }]),
    ).toMatchObject({ ok: true });
    expect(
      await t.service.saveSettings(other, [{ ...base, companyId: '1', url: 'https://otra.wopen.com.mx' }]),
    ).toMatchObject({ ok: true });
    expect(
      t.orders.save({
        connectionId: id,
        companyId: '1',
        seriesPedidos: 'P',
        seriesCotizaciones: null,
        freightArticleId: null,
        warehouseId: null,
        requireRfc: false,
      }),
    ).toEqual({ ok: true });
    const scope = { connectionId: id, companyId: '1' };
    t.engine.state.resetProjection(scope, 'articles', 'p1');
    t.engine.state.commitBlocks(scope, 'articles', new Map([[0, 'x']]), []);
    const run = t.engine.history.start(scope, 'manual');
    t.engine.history.finish(run, 'success', null);
    const inStore = { ...scope, storeKey: 'https://una.wopen.com.mx#t1' };
    t.engine.inbox.receive(
      inStore,
      {
        id: 'W-1',
        kind: 'pedido',
        paymentStatus: 'paid',
        createdAt: '2026-01-01T00:00:00Z',
        customerKey: 'C',
        currency: 'MXN',
        lines: [],
        freight: 0,
      },
      'h',
      'm',
    );
    const secretsBefore = (t.db.prepare('SELECT COUNT(*) AS n FROM secrets').get() as { n: number }).n;
    const eventsBefore = (
      t.db.prepare('SELECT COUNT(*) AS n FROM events WHERE ConnectionID = ?').get(id) as { n: number }
    ).n;
    expect(eventsBefore).toBeGreaterThan(0);

    expect(t.service.deleteConnection(id)).toEqual({ deleted: true });

    for (const table of [
      'erp_connections',
      'erp_companies',
      'orgWOpen',
      'order_settings',
      'sync_blocks',
      'sync_catalogs',
      'sync_runs',
      'order_inbox',
    ]) {
      expect([table, count(t, table, id)]).toEqual([table, 0]);
    }
    // Its ERP password and its company's Wopen password; the other connection keeps its two.
    expect((t.db.prepare('SELECT COUNT(*) AS n FROM secrets').get() as { n: number }).n).toBe(secretsBefore - 2);
    expect(t.service.listConnections().map((c) => c.id)).toEqual([other]);
    expect(t.service.getCompanySettings(other, '1')).toMatchObject({ sync: true, hasPassword: true });
    expect((t.db.prepare('SELECT COUNT(*) AS n FROM events WHERE ConnectionID = ?').get(id) as { n: number }).n).toBe(
      eventsBefore,
    );
    expect(
      t.journal
        .listEvents({ days: 1 })
        .some((e) => e.level === 'warning' && /Se eliminó la conexión al ERP/.test(e.message)),
    ).toBe(true);
  });

  it('is refused while one of its companies is syncing in this process, and allowed once the run ends', async () => {
    const t = serviceWithFakeErp();
    const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'masterkey' });
    await t.service.listCompanies(id);
    let release!: () => void;
    t.erp.readGate = new Promise((r) => (release = r));
    const running = t.engine.run({ connectionId: id, companyId: '2' }, { trigger: 'manual', dryRun: true });
    expect(() => t.service.deleteConnection(id)).toThrow(
      /No se eliminó la conexión «.*»: «“LA GÜERA” S\.A\.» se está sincronizando/,
    );
    expect(t.service.listConnections()).toHaveLength(1);
    release();
    await running;
    expect(t.service.deleteConnection(id)).toEqual({ deleted: true });
  });
});
