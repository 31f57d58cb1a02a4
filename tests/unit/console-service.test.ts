import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CompanySettingsInput } from '../../shared/company-settings';
import { serviceWithFakeErp, storeThatOnlyTests } from '../helpers/service';

const microsip = {
  kind: 'microsip' as const,
  host: '127.0.0.1',
  port: 3050,
  folder: 'C:\\Microsip datos\\',
  user: 'SYSDBA',
};

const input = (companyId: string, over: Partial<CompanySettingsInput> = {}): CompanySettingsInput => ({
  companyId,
  sync: true,
  period: '30',
  orders: true,
  invoices: false,
  // Company 1 of the fake ERP has one branch: Sincronización Pedidos needs it.
  branchId: companyId === '1' ? '10' : null,
  autoStamp: false,
  claveProdServ: '',
  claveUnidad: '',
  url: `https://empresa${companyId}.wopen.com.mx`,
  user: 'integracion',
  newPassword: `pw-secreta-${companyId}`,
  ...over,
});

async function ready() {
  const t = serviceWithFakeErp();
  const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'masterkey-ÑANDÚ' });
  await t.service.listCompanies(id);
  return { ...t, connectionId: id };
}

describe('ConsoleService', () => {
  it('Sincronización Pedidos needs the Sucursal when the ERP keeps branches; nothing is saved without it', async () => {
    const t = await ready();
    const refused = await t.service.saveSettings(t.connectionId, [input('1', { branchId: null }), input('2')]);
    expect(refused).toEqual({
      ok: false,
      errors: [
        {
          companyId: '1',
          field: 'branchId',
          message:
            'Elija la Sucursal de «ÑANDÚ €URO»: su base de datos guarda la sucursal de cada pedido y Sincronización Pedidos la necesita.',
        },
      ],
    });
    expect(t.service.getCompanySettings(t.connectionId, '2').updatedAt).toBeNull();
    // Without Sincronización Pedidos, or for a company without branches, no Sucursal is needed.
    expect(
      await t.service.saveSettings(t.connectionId, [input('1', { branchId: null, orders: false }), input('2')]),
    ).toEqual({ ok: true, saved: 2 });
  });

  it('lists the ERP companies with their Sincronizar flag and caches them for when the ERP is down', async () => {
    const t = await ready();
    expect(t.erp.passwordsSeen.at(-1)).toBe('masterkey-ÑANDÚ');
    await t.service.saveSettings(t.connectionId, [input('1')]);
    t.erp.down = true;
    const list = await t.service.listCompanies(t.connectionId);
    expect(list.warning).toMatch(/última lista leída/);
    expect(list.companies).toEqual([
      { companyId: '1', name: 'ÑANDÚ €URO', sync: true, configured: true, missing: false, health: 'never' },
      { companyId: '2', name: '“LA GÜERA” S.A.', sync: false, configured: false, missing: false, health: 'never' },
    ]);
    expect(
      t.journal.listEvents({ days: 7 }).some((e) => e.level === 'error' && /lista de empresas/.test(e.message)),
    ).toBe(true);
  });

  it('keeps a company that disappeared from the ERP, flagged missing, with its settings', async () => {
    const t = await ready();
    await t.service.saveSettings(t.connectionId, [input('2')]);
    t.erp.companies = t.erp.companies.filter((c) => c.id !== '2');
    const list = await t.service.listCompanies(t.connectionId);
    expect(list.companies.find((c) => c.companyId === '2')).toMatchObject({ missing: true, sync: true });
  });

  it('saves, and reopening shows what was saved without the password', async () => {
    const t = await ready();
    const res = await t.service.saveSettings(t.connectionId, [
      input('1', { claveProdServ: '01010101', claveUnidad: 'h87', branchId: '10' }),
    ]);
    expect(res).toEqual({ ok: true, saved: 1 });
    const view = t.service.getCompanySettings(t.connectionId, '1');
    expect(view).toMatchObject({
      companyName: 'ÑANDÚ €URO',
      sync: true,
      period: 30,
      orders: true,
      claveProdServ: '01010101',
      claveUnidad: 'H87',
      branchId: '10',
      hasPassword: true,
      updatedBy: 'contador',
    });
    expect(JSON.stringify(view)).not.toContain('pw-secreta');
    // A save without a new password keeps the old one.
    await t.service.saveSettings(t.connectionId, [input('1', { period: '45', newPassword: undefined })]);
    expect(t.service.getCompanySettings(t.connectionId, '1')).toMatchObject({ period: 45, hasPassword: true });
  });

  it('saves nothing when any company in the batch is invalid', async () => {
    const t = await ready();
    const res = await t.service.saveSettings(t.connectionId, [input('1'), input('2', { period: '4' })]);
    expect(res.ok).toBe(false);
    if (!res.ok)
      expect(res.errors).toEqual([
        expect.objectContaining({ companyId: '2', field: 'period', message: expect.stringMatching(/5.*1440/) }),
      ]);
    expect(t.service.getCompanySettings(t.connectionId, '1').hasPassword).toBe(false);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM orgWOpen').get()).toEqual({ n: 0 });
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 1 }); // only the ERP password
  });

  it('refuses a store URL already used by another company, however it is typed', async () => {
    const t = await ready();
    await t.service.saveSettings(t.connectionId, [input('1', { url: 'https://tienda.wopen.com.mx' })]);
    const res = await t.service.saveSettings(t.connectionId, [input('2', { url: 'HTTPS://WWW.Tienda.wopen.com.mx/' })]);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.errors[0]?.message).toContain('«ÑANDÚ €URO»');
    // Same URL twice inside one batch is refused too.
    const both = await t.service.saveSettings(t.connectionId, [
      input('1', { url: 'https://nueva.wopen.com.mx' }),
      input('2', { url: 'https://nueva.wopen.com.mx/' }),
    ]);
    expect(both.ok).toBe(false);
    // Swapping URLs between two companies in one batch is allowed.
    await t.service.saveSettings(t.connectionId, [input('2', { url: 'https://otra.wopen.com.mx' })]);
    const swap = await t.service.saveSettings(t.connectionId, [
      input('1', { url: 'https://otra.wopen.com.mx' }),
      input('2', { url: 'https://tienda.wopen.com.mx' }),
    ]);
    expect(swap).toEqual({ ok: true, saved: 2 });
  });

  it('refuses the same URL on a company of another ERP connection', async () => {
    const t = await ready();
    await t.service.saveSettings(t.connectionId, [input('1', { url: 'https://tienda.wopen.com.mx' })]);
    const { id: other } = await t.service.saveConnection({ config: { ...microsip, host: 'otro' }, newPassword: 'x' });
    await t.service.listCompanies(other);
    const res = await t.service.saveSettings(other, [input('1', { url: 'https://tienda.wopen.com.mx' })]);
    expect(res.ok).toBe(false);
  });

  it('refuses companies that the ERP does not have', async () => {
    const t = await ready();
    const res = await t.service.saveSettings(t.connectionId, [input('99')]);
    expect(res.ok ? '' : res.errors[0]?.message).toMatch(/no existe/);
  });

  it('writes an event for every save and never a password, in events or the database file', async () => {
    const t = await ready();
    await t.service.saveSettings(t.connectionId, [input('1'), input('2')]);
    await t.service.testStoreConnection({
      connectionId: t.connectionId,
      companyId: '1',
      url: 'https://empresa1.wopen.com.mx',
      user: 'u',
    });
    const events = t.journal.listEvents({ days: 7 });
    expect(
      events
        .filter((e) => /Configuración guardada/.test(e.message))
        .map((e) => e.companyName)
        .sort(),
    ).toEqual(['ÑANDÚ €URO', '“LA GÜERA” S.A.']);
    expect(events.some((e) => e.category === 'Conexión Wopen')).toBe(true);
    t.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.readFileSync(t.databasePath);
    for (const secret of ['pw-secreta-1', 'pw-secreta-2', 'masterkey-ÑANDÚ']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(JSON.stringify(events)).not.toContain(secret);
    }
  });

  it('tests the store with the saved password when none is typed', async () => {
    const seen: string[] = [];
    const t = serviceWithFakeErp((c) => storeThatOnlyTests(() => seen.push(c.password)));
    const { id } = await t.service.saveConnection({ config: microsip, newPassword: 'x' });
    await t.service.listCompanies(id);
    await t.service.saveSettings(id, [input('1')]);
    const r = await t.service.testStoreConnection({
      connectionId: id,
      companyId: '1',
      url: 'https://empresa1.wopen.com.mx',
      user: 'u',
    });
    expect(r.ok).toBe(true);
    expect(seen).toEqual(['pw-secreta-1']);
    const bad = await t.service.testStoreConnection({
      connectionId: id,
      companyId: '1',
      url: 'http://empresa1.wopen.com.mx',
      user: 'u',
    });
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/https/) });
  });

  it('never writes a password typed into the URL to the event log (the URL is logged without its userinfo)', async () => {
    const t = await ready();
    for (const url of [
      'https://:Sup3rSecreto@tienda.mx',
      'https://integracion:Mi/Clave@tienda.mx',
      'https://u:X@Clave2024@tienda.mx/api?x=1',
    ]) {
      const r = await t.service.testStoreConnection({ connectionId: t.connectionId, companyId: '1', url, user: 'u' });
      expect(r.ok).toBe(false);
    }
    const logged = t.journal
      .listEvents({ days: 7 })
      .filter((e) => e.category === 'Conexión Wopen')
      .map((e) => e.message);
    expect(logged).toHaveLength(3);
    expect(logged.join('\n')).not.toMatch(/Sup3rSecreto|Clave|Mi\//);
    expect(logged).toContain(
      'Probar conexión con Wopen (https://tienda.mx): La URL de Wopen no debe incluir usuario ni contraseña; captúrelos en sus campos.',
    );
  });

  it('removes a password on request', async () => {
    const t = await ready();
    await t.service.saveSettings(t.connectionId, [input('1', { sync: false })]);
    await t.service.saveSettings(t.connectionId, [input('1', { sync: false, newPassword: null })]);
    expect(t.service.getCompanySettings(t.connectionId, '1').hasPassword).toBe(false);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM secrets').get()).toEqual({ n: 1 });
  });
});
