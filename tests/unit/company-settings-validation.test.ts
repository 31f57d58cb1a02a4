import { describe, expect, it } from 'vitest';
import { parsePeriod, validateCompanySettings, type CompanySettingsInput } from '../../shared/company-settings';
import { checkStoreUrl, normalizeStoreUrl } from '../../shared/store-url';

const base: CompanySettingsInput = {
  companyId: '1',
  sync: true,
  period: '30',
  orders: true,
  invoices: false,
  branchId: null,
  autoStamp: false,
  claveProdServ: '',
  claveUnidad: '',
  url: 'https://tienda.wopen.com.mx',
  user: 'integracion',
  newPassword: 'secreto',
};

describe('Periodo de sincronización', () => {
  it.each([
    ['5', 5],
    ['1440', 1440],
    [' 30 ', 30],
    [60, 60],
  ])('accepts %j', (raw, expected) => expect(parsePeriod(raw)).toBe(expected));

  it.each(['4', '1441', '0', '-5', '30.5', '1e2', '', 'treinta', '0x10', 12.5])('refuses %j', (raw) =>
    expect(parsePeriod(raw)).toBeNull(),
  );

  it('names 5 and 1440 in the message', () => {
    const r = validateCompanySettings({ ...base, period: '4' }, false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.field).toBe('period');
    expect(r.errors[0]?.message).toMatch(/\b5\b.*\b1440\b/);
  });
});

describe('company settings', () => {
  it('normalizes a valid company', () => {
    const r = validateCompanySettings(
      { ...base, claveProdServ: ' 01010101 ', claveUnidad: 'h87', branchId: ' 3 ' },
      false,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        companyId: '1',
        sync: true,
        period: 30,
        orders: true,
        invoices: false,
        branchId: '3',
        autoStamp: false,
        claveProdServ: '01010101',
        claveUnidad: 'H87',
        url: 'https://tienda.wopen.com.mx',
        user: 'integracion',
        syncNames: true,
        syncDescriptions: true,
        hoursWindow: null,
        negativeStockAsZero: true,
        safetyStock: 0,
      },
    });
  });

  it('takes the sellable-stock fields: whole units 0..1,000,000, empty = 0', () => {
    const ok = validateCompanySettings({ ...base, negativeStockAsZero: false, safetyStock: ' 12 ' }, false);
    expect(ok.ok && ok.value).toMatchObject({ negativeStockAsZero: false, safetyStock: 12 });
    const empty = validateCompanySettings({ ...base, safetyStock: '' }, false);
    expect(empty.ok && empty.value.safetyStock).toBe(0);
    for (const bad of ['2.5', '-3', '1000001', 'diez', 7.5]) {
      const r = validateCompanySettings({ ...base, safetyStock: bad }, false);
      expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['safetyStock']);
    }
  });

  it('accepts an hours window, normalized, and refuses malformed ones', () => {
    const ok = validateCompanySettings({ ...base, hoursWindow: ' 7:00 - 21:30 ', syncNames: false }, false);
    expect(ok.ok && ok.value).toMatchObject({ hoursWindow: '07:00-21:30', syncNames: false, syncDescriptions: true });
    for (const bad of ['7-21', '25:00-10:00', '08:00-08:00', 'todo el día']) {
      const r = validateCompanySettings({ ...base, hoursWindow: bad }, false);
      expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['hoursWindow']);
    }
  });

  it.each(['1234567', '123456789', '0101010A'])('refuses Clave Prod/Serv %j', (clave) => {
    const r = validateCompanySettings({ ...base, claveProdServ: clave }, false);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['claveProdServ']);
  });

  it.each(['H', 'H877', 'H-7', 'ñ1'])('refuses Clave Unidad %j', (clave) => {
    const r = validateCompanySettings({ ...base, claveUnidad: clave }, false);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['claveUnidad']);
  });

  it('requires URL, Usuario and Contraseña only when Sincronizar is ticked', () => {
    const empty = { ...base, url: '', user: '', newPassword: undefined };
    const r = validateCompanySettings(empty, false);
    expect(r.ok ? [] : r.errors.map((e) => e.field).sort()).toEqual(['password', 'url', 'user']);
    expect(validateCompanySettings({ ...empty, sync: false }, false).ok).toBe(true);
  });

  it('keeps a saved password when none is typed, and refuses removing it while syncing', () => {
    expect(validateCompanySettings({ ...base, newPassword: undefined }, true).ok).toBe(true);
    const removed = validateCompanySettings({ ...base, newPassword: null }, true);
    expect(removed.ok ? [] : removed.errors.map((e) => e.field)).toEqual(['password']);
  });

  it('reports every bad field at once', () => {
    const r = validateCompanySettings({ ...base, period: '2000', claveProdServ: '1', url: 'ftp://x' }, true);
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['period', 'claveProdServ', 'url']);
  });
});

describe('store URL', () => {
  it('accepts https and http only for this machine', () => {
    expect(checkStoreUrl('https://tienda.wopen.com.mx').ok).toBe(true);
    expect(checkStoreUrl('http://localhost:8080').ok).toBe(true);
    expect(checkStoreUrl('http://127.0.0.1:9/x').ok).toBe(true);
    const http = checkStoreUrl('http://tienda.wopen.com.mx');
    expect(http.ok ? '' : http.message).toMatch(/https/);
    expect(checkStoreUrl('tienda.wopen.com.mx').ok).toBe(false);
    expect(checkStoreUrl('https://user:pw@tienda.wopen.com.mx').ok).toBe(false);
  });

  it('normalizes so the same store typed differently compares equal', () => {
    const key = normalizeStoreUrl('https://tienda.wopen.com.mx');
    for (const variant of [
      'HTTPS://Tienda.Wopen.COM.MX./',
      'https://www.tienda.wopen.com.mx',
      'https://tienda.wopen.com.mx:443//',
      ' https://tienda.wopen.com.mx/?a=1#x ',
    ]) {
      expect(normalizeStoreUrl(variant)).toBe(key);
    }
    expect(normalizeStoreUrl('https://otra.wopen.com.mx')).not.toBe(key);
    expect(normalizeStoreUrl('https://tienda.wopen.com.mx:8443')).not.toBe(key);
    expect(normalizeStoreUrl('http://tienda.wopen.com.mx')).toBeNull();
  });
});
