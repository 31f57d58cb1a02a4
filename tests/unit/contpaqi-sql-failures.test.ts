import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { describeSqlFailure, type FailureContext } from '../../electron/erp/contpaqi/sql-failure-messages';
import { SqlFailure } from '../../electron/erp/contpaqi/sql-executor';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import type { ContpaqiConfig } from '../../shared/erp-connection';

const ctx: FailureContext = { server: 'SERVIDOR\\COMPAC', database: 'ComercialSP', user: 'sa', authentication: 'sql' };
const describeOf = (f: SqlFailure, c: FailureContext = ctx) => describeSqlFailure(f, c);

describe('describeSqlFailure (tedious/mssql codes → Spanish)', () => {
  it('EINSTLOOKUP → instance not found, SQL Browser / COMPAC / UDP 1434', () => {
    const e = describeOf(new SqlFailure('Port for COMPAC not found in SERVIDOR', 'connect', 'EINSTLOOKUP'));
    expect(e.message).toBe('No se encontró la instancia de SQL Server «COMPAC» en «SERVIDOR».');
    const hints = e.hints.join(' ');
    expect(hints).toContain('SQL Server Browser');
    expect(hints).toContain('COMPAC');
    expect(hints).toContain('1434');
    expect(e.causeText).toContain('Port for COMPAC');
  });

  it('ELOGIN 18456 → login rejected, mixed mode hint; Windows variant', () => {
    const f = new SqlFailure("Login failed for user 'sa'.", 'connect', 'ELOGIN', [18456]);
    expect(describeOf(f).message).toBe('SQL Server rechazó el inicio de sesión de «sa».');
    expect(describeOf(f).hints.join(' ')).toContain('modo mixto');
    const w = describeOf(f, { ...ctx, authentication: 'windows', user: 'EMPRESA\\jperez' });
    expect(w.hints.join(' ')).toContain('DOMINIO\\usuario');
  });

  it('ELOGIN with 4060 before 18456 → database missing (tedious alone keeps only the last message)', () => {
    const f = new SqlFailure("Login failed for user 'sa'.", 'connect', 'ELOGIN', [4060, 18456]);
    expect(describeOf(f).message).toBe(
      'La base de datos «ComercialSP» no existe en el servidor o el usuario no tiene acceso a ella.',
    );
    const byText = new SqlFailure(
      'Cannot open database "X" requested by the login. The login failed.',
      'connect',
      'ELOGIN',
    );
    expect(describeOf(byText).message).toContain('no existe');
  });

  it.each([
    [18452, 'no acepta el usuario de Windows'],
    [18470, 'está deshabilitado'],
    [18488, 'expiró o debe cambiarse'],
  ])('ELOGIN %i → %s', (n, text) => {
    expect(describeOf(new SqlFailure('Login failed.', 'connect', 'ELOGIN', [n])).message).toContain(text);
  });

  it('ESOCKET: DNS failure vs refused connection (TCP/IP, firewall 1433)', () => {
    const dns = describeOf(
      new SqlFailure('Failed to connect to X - getaddrinfo ENOTFOUND X', 'connect', 'ESOCKET', [], 'ENOTFOUND'),
    );
    expect(dns.message).toBe('No se encontró el servidor «SERVIDOR» en la red.');
    const refused = describeOf(
      new SqlFailure('Failed to connect to X:1433 - connect ECONNREFUSED', 'connect', 'ESOCKET', [], 'ECONNREFUSED'),
    );
    expect(refused.message).toContain('No se pudo abrir la conexión');
    expect(refused.hints.join(' ')).toMatch(/TCP\/IP.*1433/s);
  });

  it('TLS problems: EENCRYPT and certificate errors', () => {
    expect(
      describeOf(
        new SqlFailure("Server requires encryption, set 'encrypt' config option to true.", 'connect', 'EENCRYPT'),
      ).message,
    ).toContain('TLS');
    const cert = describeOf(
      new SqlFailure(
        'Failed to connect - self-signed certificate',
        'connect',
        'ESOCKET',
        [],
        'DEPTH_ZERO_SELF_SIGNED_CERT',
      ),
    );
    expect(cert.message).toContain('TLS');
    expect(cert.hints.join(' ')).toContain('Confiar en el certificado');
  });

  it('ETIMEOUT distinguishes connecting from a slow query', () => {
    expect(describeOf(new SqlFailure('Failed to connect in 15000ms', 'connect', 'ETIMEOUT')).message).toContain(
      'no respondió a tiempo',
    );
    expect(
      describeOf(new SqlFailure('Timeout: Request failed to complete in 30000ms', 'query', 'ETIMEOUT')).message,
    ).toContain('tardó demasiado');
  });

  it('EREQUEST 208 → not Start/Pro; 229 → permission', () => {
    expect(
      describeOf(new SqlFailure("Invalid object name 'dbo.orgDepot'.", 'query', 'EREQUEST', [208])).message,
    ).toContain('no parece de CONTPAQi');
    expect(
      describeOf(new SqlFailure('The SELECT permission was denied', 'query', 'EREQUEST', [229])).hints[0],
    ).toContain('db_datareader');
  });

  it('229 for a write names the denied permission and the table, not «leer»', () => {
    const f = new SqlFailure(
      "The INSERT permission was denied on the object 'docDocument', database 'ComercialSP', schema 'dbo'.",
      'query',
      'EREQUEST',
      [229],
    );
    const e = describeOf(f);
    expect(e.message).toMatch(/no tiene permiso INSERT en la tabla «docDocument» de la base de datos/);
    expect(e.message).not.toContain('leer');
    expect(e.hints[0]).toMatch(/^Pida al administrador de SQL Server GRANT INSERT ON dbo\.docDocument TO \[/);
  });

  it('EREQUEST 207 / 208 on an object outside the core tables names what this database lacks', () => {
    const column = describeOf(
      new SqlFailure("Invalid column name 'OwnedBusinessEntityID'.", 'query', 'EREQUEST', [207]),
    );
    expect(column).toMatchObject({
      message: 'Esta base de CONTPAQi Comercial no tiene la columna OwnedBusinessEntityID.',
      missingObject: 'OwnedBusinessEntityID',
    });
    const view = describeOf(
      new SqlFailure("Invalid object name 'dbo.vwLBSProductQuantityList'.", 'query', 'EREQUEST', [208]),
    );
    expect(view).toMatchObject({
      message: 'Esta base de CONTPAQi Comercial no tiene la tabla o vista dbo.vwLBSProductQuantityList.',
      missingObject: 'dbo.vwLBSProductQuantityList',
    });
  });

  it('unknown errors keep the technical text only as causeText', () => {
    const e = describeSqlFailure(new Error('boom'), ctx);
    expect(e.message).toContain('error inesperado');
    expect(e.causeText).toBe('boom');
  });
});

/** Real mssql/tedious failures on this machine (no SQL Server here), checking the executor's normalisation. */
describe('real driver failures through ContpaqiConnector', () => {
  const servers: net.Server[] = [];
  afterAll(() => servers.forEach((s) => s.close()));
  const cfg = (server: string): ContpaqiConfig => ({
    kind: 'contpaqi',
    server,
    database: 'ComercialSP',
    authentication: 'sql',
    user: 'sa',
    encrypt: false,
    trustServerCertificate: true,
  });
  const run = (server: string, connectMs = 1500) =>
    new ContpaqiConnector(cfg(server), 'ContraseñaSecreta9', {
      timeouts: { connectMs, requestMs: 2000 },
    }).testConnection();

  async function freePort(): Promise<number> {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }

  it('refused TCP port → ESOCKET explanation', async () => {
    const result = await run(`127.0.0.1,${await freePort()}`);
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'No se pudo abrir la conexión con SQL Server en «127.0.0.1,' + result.message.split(',')[1],
    );
    expect(JSON.stringify(result)).not.toContain('ContraseñaSecreta9');
  });

  it('a server that accepts TCP but never answers → connect timeout', async () => {
    const silent = net.createServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const result = await run(`127.0.0.1,${(silent.address() as net.AddressInfo).port}`, 800);
    expect(result.message).toBe(
      'El servidor «127.0.0.1,' + (silent.address() as net.AddressInfo).port + '» no respondió a tiempo.',
    );
  });

  // Real tedious behaviour: with no Browser answering, the UDP lookup retries until the connect timer fires,
  // so the user sees ETIMEOUT (not EINSTLOOKUP); the hints must then start with SQL Server Browser.
  it('named instance without SQL Browser → timeout with Browser/UDP 1434 hints first', async () => {
    const result = await run('127.0.0.1\\COMPAC', 1500);
    expect(result.ok).toBe(false);
    expect(result.message).toBe('El servidor «127.0.0.1\\COMPAC» no respondió a tiempo.');
    expect(result.hints[0]).toContain('SQL Server Browser');
    expect(result.hints[0]).toContain('UDP 1434');
  });

  it('invalid server text fails before any network access', async () => {
    const result = await run('SERVIDOR,puerto');
    expect(result.message).toContain('no tiene un formato válido');
  });
});
