import { describe, expect, it } from 'vitest';
import type { CompanySettingsInput } from '../../shared/company-settings';
import { MemoryOrderWriter } from '../helpers/memory-order-writer';
import { serviceWithFakeErp } from '../helpers/service';

/** Issue 12: one *Aceptar* saves the company settings and *Pedidos y cotizaciones* together, or nothing. */

const microsip = {
  kind: 'microsip' as const,
  host: '127.0.0.1',
  port: 3050,
  folder: 'C:\\Microsip datos\\',
  user: 'SYSDBA',
};

const company = (companyId: string, over: Partial<CompanySettingsInput> = {}): CompanySettingsInput => ({
  companyId,
  sync: false,
  period: '45',
  orders: true,
  invoices: false,
  branchId: companyId === '1' ? '10' : null,
  autoStamp: false,
  claveProdServ: '',
  claveUnidad: '',
  url: '',
  user: '',
  ...over,
});

async function ready() {
  const t = serviceWithFakeErp();
  t.erp.orderWriter = new MemoryOrderWriter();
  const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'masterkey' });
  await t.service.listCompanies(id);
  const order = (companyId: string, over: Record<string, unknown> = {}) => ({
    connectionId: id,
    companyId,
    seriesPedidos: 'WEB',
    seriesCotizaciones: null,
    freightArticleId: null,
    warehouseId: null,
    requireRfc: true,
    ...over,
  });
  const defaults = {
    seriesPedidos: null,
    seriesCotizaciones: null,
    freightArticleId: null,
    warehouseId: null,
    requireRfc: false,
  };
  return { ...t, connectionId: id, order, defaults };
}

describe('Aceptar with Pedidos y cotizaciones', () => {
  it('saves both in one call, with one event each', async () => {
    const t = await ready();
    const r = await t.service.saveSettings(
      t.connectionId,
      [company('1')],
      t.orders.prepare(t.connectionId, [t.order('1'), t.order('2', { seriesPedidos: 'P' })]),
    );
    expect(r).toEqual({ ok: true, saved: 2 });
    expect(t.service.getCompanySettings(t.connectionId, '1').period).toBe(45);
    expect(t.orders.current({ connectionId: t.connectionId, companyId: '1' })).toMatchObject({
      seriesPedidos: 'WEB',
      requireRfc: true,
    });
    expect(t.orders.current({ connectionId: t.connectionId, companyId: '2' })).toMatchObject({ seriesPedidos: 'P' });
    const messages = t.journal.listEvents({ days: 1 }).map((e) => e.message);
    expect(messages.filter((m) => m === 'Configuración de pedidos y cotizaciones guardada.')).toHaveLength(2);
    expect(messages.filter((m) => m.startsWith('Configuración guardada.'))).toHaveLength(1);
  });

  it('an order setting that cannot be saved keeps the company settings unsaved too', async () => {
    const t = await ready();
    const r = await t.service.saveSettings(
      t.connectionId,
      [company('1')],
      t.orders.prepare(t.connectionId, [t.order('1', { seriesPedidos: 'SERIE-DEMASIADO-LARGA-X' })]),
    );
    expect(r).toEqual({
      ok: false,
      errors: [],
      orderErrors: [
        { companyId: '1', field: 'seriesPedidos', message: 'La serie no puede tener más de 20 caracteres.' },
      ],
    });
    expect(t.service.getCompanySettings(t.connectionId, '1').updatedAt).toBeNull();
    expect(t.orders.current({ connectionId: t.connectionId, companyId: '1' })).toEqual(t.defaults);
    const refused = t.journal.listEvents({ days: 1 }).find((e) => e.message.startsWith('No se guardó'));
    expect(refused?.message).toContain('La serie no puede tener más de 20 caracteres.');
  });

  it('a company setting that cannot be saved keeps the order settings unsaved too', async () => {
    const t = await ready();
    const r = await t.service.saveSettings(
      t.connectionId,
      [company('1', { period: '4' })],
      t.orders.prepare(t.connectionId, [t.order('1'), t.order('2')]),
    );
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.errors.map((e) => e.field)).toEqual(['period']);
    for (const id of ['1', '2'])
      expect(t.orders.current({ connectionId: t.connectionId, companyId: id })).toEqual(t.defaults);
    // The Sucursal rule refuses too, and nothing of the batch is written.
    const noBranch = await t.service.saveSettings(
      t.connectionId,
      [company('1', { branchId: null })],
      t.orders.prepare(t.connectionId, [t.order('2')]),
    );
    expect(noBranch.ok === false && noBranch.errors.map((e) => e.field)).toEqual(['branchId']);
    expect(t.orders.current({ connectionId: t.connectionId, companyId: '2' })).toEqual(t.defaults);
  });

  it('order settings alone are saved; unknown, repeated or other-connection companies are refused before writing', async () => {
    const t = await ready();
    expect(await t.service.saveSettings(t.connectionId, [], t.orders.prepare(t.connectionId, [t.order('2')]))).toEqual({
      ok: true,
      saved: 1,
    });
    expect(t.service.getCompanySettings(t.connectionId, '2').updatedAt).toBeNull();
    const prepared = t.orders.prepare(t.connectionId, [
      t.order('1'),
      t.order('1'),
      t.order('99'),
      { ...t.order('2'), connectionId: t.connectionId + 1 },
    ]);
    expect(prepared.errors.map((e) => [e.companyId, e.message])).toEqual([
      ['1', 'La configuración de pedidos de la empresa 1 viene dos veces.'],
      ['99', 'La empresa 99 no existe en esta conexión. Actualice la lista de empresas.'],
      ['2', 'La configuración de pedidos de la empresa 2 es de otra conexión.'],
    ]);
    const r = await t.service.saveSettings(t.connectionId, [], prepared);
    expect(r.ok).toBe(false);
    expect(t.orders.current({ connectionId: t.connectionId, companyId: '1' })).toEqual(t.defaults);
  });
});
