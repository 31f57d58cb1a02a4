import { describe, expect, it } from 'vitest';
import type { StoreOrder } from '../../electron/erp/order-writer';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { serviceWithFakeErp } from '../helpers/service';

const microsip = {
  kind: 'microsip' as const,
  host: '127.0.0.1',
  port: 3050,
  folder: 'C:\\Microsip datos\\',
  user: 'SYSDBA',
};

async function ready(withOrders = true) {
  const t = serviceWithFakeErp();
  if (withOrders) t.erp.orderWriter = new MemoryOrderWriter();
  const src = t.erp.source('1');
  src.set('articles', 1, { code: 'A1', name: 'Tornillo ÑANDÚ' });
  src.set('articles', 2, { code: 'FLETE', name: 'Fletes y envíos' });
  const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'masterkey' });
  await t.service.listCompanies(id);
  return { ...t, scope: { connectionId: id, companyId: '1' } };
}

const values = {
  seriesPedidos: 'P',
  seriesCotizaciones: 'C',
  freightArticleId: '2',
  warehouseId: null,
  requireRfc: true,
};

describe('OrderSettingsService', () => {
  it('offers the series, articles and warehouses read from the ERP, with the saved settings', async () => {
    const t = await ready();
    const v = await t.orders.get(t.scope);
    expect(v.settings).toEqual({
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: null,
      warehouseId: null,
      requireRfc: false,
    });
    expect(v.choices.seriesPedidos).toEqual([{ id: 'P', label: 'P' }]);
    expect(v.choices.seriesCotizaciones).toEqual([{ id: 'C', label: 'C' }]);
    expect(v.choices.articles).toEqual([
      { id: '1', label: 'A1 · Tornillo ÑANDÚ' },
      { id: '2', label: 'FLETE · Fletes y envíos' },
    ]);
    expect(v.choices.warehouses).toEqual([]); // this ERP double has no warehouses catalog
    expect(v.warnings).toEqual([]);
    expect((await t.orders.get(t.scope, 'flete')).choices.articles).toEqual([
      { id: '2', label: 'FLETE · Fletes y envíos' },
    ]);
  });

  it('an ERP that cannot take orders gives empty series and a Spanish warning; a down ERP warns too', async () => {
    const t = await ready(false);
    const v = await t.orders.get(t.scope);
    expect(v.choices.seriesPedidos).toEqual([]);
    expect(v.warnings).toEqual([expect.stringMatching(/todavía no puede recibir pedidos/)]);
    t.erp.down = true;
    const down = await t.orders.get(t.scope);
    expect(down.warnings.join(' ')).toMatch(/No se pudieron leer los artículos/);
  });

  it('saves valid settings and refuses bad ones with Spanish messages', async () => {
    const t = await ready();
    expect(t.orders.save({ ...t.scope, ...values, warehouseId: '' })).toEqual({ ok: true });
    expect(t.engine.orderSettings.get(t.scope)).toEqual(values);
    const bad = t.orders.save({ ...t.scope, ...values, seriesPedidos: 'SERIE-DEMASIADO-LARGA-X' });
    expect(bad).toEqual({
      ok: false,
      errors: [{ field: 'seriesPedidos', message: 'La serie no puede tener más de 20 caracteres.' }],
    });
    expect(t.engine.orderSettings.get(t.scope)).toEqual(values);
    expect(() => t.orders.save({ ...t.scope, companyId: '99', ...values })).toThrow(/no existe en esta conexión/);
  });

  it('a new freight article makes the next run compare every article block again (old one republished)', async () => {
    const t = await ready();
    t.engine.state.resetProjection(t.scope, 'articles', 'p1');
    t.engine.state.commitBlocks(t.scope, 'articles', new Map([[0, '2:x']]), []);
    t.orders.save({ ...t.scope, ...values, freightArticleId: null });
    expect(t.engine.state.blockChecksums(t.scope, 'articles').size).toBe(1); // unchanged freight article: kept
    t.orders.save({ ...t.scope, ...values });
    expect(t.engine.state.blockChecksums(t.scope, 'articles').size).toBe(0);
    expect(t.engine.state.projection(t.scope, 'articles')).toBe('p1');
  });

  it('lists rejected orders with their reason; Reintentar puts one back to received and starts a run', async () => {
    const t = await ready();
    const order: StoreOrder = {
      id: 'W-1',
      kind: 'cotizacion',
      paymentStatus: 'paid',
      createdAt: '2026-01-01T00:00:00Z',
      customerKey: 'X',
      currency: 'MXN',
      lines: [],
      freight: 0,
    };
    const inStore = { ...t.scope, storeKey: 'https://tienda.wopen.com.mx#t1' };
    t.engine.inbox.receive(inStore, order, 'hash-w1', 'WPRUEBA-W-1');
    t.engine.inbox.rejectedWith(inStore, 'W-1', 'El cliente «X» no existe en el ERP.');
    // A malformed one is listed too, but cannot be retried here: the store must send it corrected.
    t.engine.inbox.receiveMalformed(
      inStore,
      'W-2',
      'La partida 1 no tiene precio unitario numérico.',
      '{"id":"W-2"}',
      'WPRUEBA-W-2',
    );
    expect(t.orders.listFailed(t.scope)).toEqual(
      expect.arrayContaining([
        {
          storeOrderId: 'W-1',
          kind: 'cotizacion',
          kindLabel: 'Cotización',
          createdAt: order.createdAt,
          customerKey: 'X',
          lines: 0,
          reason: 'El cliente «X» no existe en el ERP.',
          retryable: true,
        },
        {
          storeOrderId: 'W-2',
          kind: null,
          kindLabel: 'Mal formado',
          createdAt: null,
          customerKey: '',
          lines: 0,
          reason: 'La partida 1 no tiene precio unitario numérico.',
          retryable: false,
        },
      ]),
    );
    expect(() => t.orders.retry(t.scope, 'W-2')).toThrow(/corríjalo en la tienda/);
    const calls: unknown[] = [];
    (t.orders as unknown as { deps: { syncNow: (s: unknown) => unknown } }).deps.syncNow = (s) => {
      calls.push(s);
      return { started: true, message: 'ok' };
    };
    expect(t.orders.retry(t.scope, 'W-1')).toMatchObject({ started: true });
    expect(calls).toEqual([t.scope]);
    expect(t.engine.inbox.get(inStore, 'W-1')?.state).toBe('received');
    expect(t.orders.listFailed(t.scope).map((f) => f.storeOrderId)).toEqual(['W-2']);
    expect(() => t.orders.retry(t.scope, 'W-1')).toThrow(/no está en la lista/);
  });
});
