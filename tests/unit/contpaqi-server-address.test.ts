import { describe, expect, it } from 'vitest';
import { parseServerAddress } from '../../electron/erp/contpaqi/server-address';
import { buildMssqlConfig, parseWindowsAccount } from '../../electron/erp/contpaqi/mssql-config';
import { ErpError } from '../../electron/erp/port';
import type { ContpaqiConfig } from '../../shared/erp-connection';

describe('parseServerAddress', () => {
  it.each([
    ['SERVIDOR', { host: 'SERVIDOR' }],
    ['SERVIDOR\\COMPAC', { host: 'SERVIDOR', instanceName: 'COMPAC' }],
    [' 192.168.1.10 \\ compac ', { host: '192.168.1.10', instanceName: 'compac' }],
    ['SERVIDOR,1433', { host: 'SERVIDOR', port: 1433 }],
    ['tcp:SERVIDOR,50123', { host: 'SERVIDOR', port: 50123 }],
    ['SERVIDOR\\COMPAC,1500', { host: 'SERVIDOR', port: 1500 }], // port wins, as in SSMS
    ['.\\COMPAC', { host: 'localhost', instanceName: 'COMPAC' }],
    ['(local)', { host: 'localhost' }],
    ['servidor.empresa.local', { host: 'servidor.empresa.local' }],
    ['[::1],1433', { host: '::1', port: 1433 }],
  ])('%s', (raw, expected) => {
    expect(parseServerAddress(raw)).toEqual(expected);
  });

  it.each([
    '',
    '   ',
    'SERVIDOR,',
    'SERVIDOR,abc',
    'SERVIDOR,70000',
    'SERVIDOR\\',
    'SERVIDOR\\COM PAC',
    '\\COMPAC',
    'np:\\\\.\\pipe\\sql',
  ])('rejects %j with a Spanish explanation', (raw) => {
    let error: unknown;
    try {
      parseServerAddress(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ErpError);
    expect((error as ErpError).message).toMatch(/no tiene un formato válido/);
    expect((error as ErpError).hints.join(' ')).toContain('COMPAC');
  });
});

const base: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};

describe('buildMssqlConfig', () => {
  it('uses the instance name (SQL Browser) when there is no port, with timeouts', () => {
    const c = buildMssqlConfig(base, 'pw', { connectMs: 1000, requestMs: 2000 });
    expect(c).toMatchObject({
      server: 'SERVIDOR',
      database: 'ComercialSP',
      user: 'sa',
      password: 'pw',
      connectionTimeout: 1000,
      requestTimeout: 2000,
      options: { instanceName: 'COMPAC', encrypt: false, trustServerCertificate: true },
    });
    expect(c.port).toBeUndefined();
  });

  it('uses the port and no instance for host,port (tedious forbids both)', () => {
    const c = buildMssqlConfig({ ...base, server: 'SERVIDOR,1433' }, 'pw');
    expect(c.port).toBe(1433);
    expect(c.options?.instanceName).toBeUndefined();
  });

  it('uses NTLM with the domain split from DOMINIO\\usuario', () => {
    const c = buildMssqlConfig(
      { ...base, authentication: 'windows', user: 'EMPRESA\\jperez' },
      'pw',
      undefined,
      'master',
    );
    expect(c.database).toBe('master');
    expect(c.user).toBeUndefined();
    expect(c.authentication).toEqual({
      type: 'ntlm',
      options: { domain: 'EMPRESA', userName: 'jperez', password: 'pw' },
    });
  });

  it('parses Windows accounts and asks for the domain when missing', () => {
    expect(parseWindowsAccount('jperez@empresa.local')).toEqual({ domain: 'empresa.local', userName: 'jperez' });
    expect(() => parseWindowsAccount('jperez')).toThrow(/debe incluir el dominio/);
  });
});
