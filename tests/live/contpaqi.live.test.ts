import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { buildMssqlConfig } from '../../electron/erp/contpaqi/mssql-config';
import { MssqlExecutor } from '../../electron/erp/contpaqi/mssql-executor';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { expectStartProContract } from '../helpers/contpaqi-contract';

/**
 * Runs the Start/Pro contract against a real SQL Server. Collected only by vitest.live.config.ts (npm run test:live).
 * WOPEN_TEST_MSSQL = {"server":"HOST\\COMPAC","database":"master","user":"sa","password":"…","authentication":"sql",
 *                     "encrypt":false,"trustServerCertificate":true}
 * `database` is only where the test connects to create and drop a scratch database (needs CREATE DATABASE).
 */
const raw = process.env.WOPEN_TEST_MSSQL;
if (!raw) throw new Error('Defina WOPEN_TEST_MSSQL (JSON con server, database, user, password) para las pruebas en vivo.');
const env = JSON.parse(raw) as {
  server: string; database?: string; user: string; password: string;
  authentication?: 'sql' | 'windows'; encrypt?: boolean; trustServerCertificate?: boolean;
};
const scratch = `WopenFixture_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
const configFor = (database: string): ContpaqiConfig => ({
  kind: 'contpaqi',
  server: env.server,
  database,
  authentication: env.authentication ?? 'sql',
  user: env.user,
  encrypt: env.encrypt ?? false,
  trustServerCertificate: env.trustServerCertificate ?? true,
});
const executorFor = (database: string) => new MssqlExecutor(buildMssqlConfig(configFor(database), env.password), env.password);

describe(`CONTPAQi Start/Pro adapter on a real SQL Server (${env.server}, scratch ${scratch})`, () => {
  const admin = executorFor(env.database ?? 'master');
  const connectors: ContpaqiConnector[] = [];
  const connector = (database: string, password = env.password) => {
    const c = new ContpaqiConnector(configFor(database), password);
    connectors.push(c);
    return c;
  };

  beforeAll(async () => {
    // The name is a parameter; QUOTENAME builds the identifier inside SQL Server.
    await admin.query("DECLARE @s NVARCHAR(400) = CONCAT('CREATE DATABASE ', QUOTENAME(@name)); EXEC sp_executesql @s;", { name: scratch });
    const fixture = executorFor(scratch);
    try {
      await loadStartProFixture(fixture);
    } finally {
      await fixture.close();
    }
  });

  afterAll(async () => {
    for (const c of connectors) await c.close();
    await admin.query(
      `IF DB_ID(@name) IS NOT NULL BEGIN
         DECLARE @s NVARCHAR(600) = CONCAT('ALTER DATABASE ', QUOTENAME(@name), ' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ', QUOTENAME(@name));
         EXEC sp_executesql @s;
       END`,
      { name: scratch },
    );
    await admin.close();
  });

  it('passes the same contract as the SQLite fixture (real NVARCHAR, BIT, BIGINT)', async () => {
    await expectStartProContract(connector(scratch), scratch);
  });

  it('discovers the scratch database with the BROS probe and skips master', async () => {
    const found = await connector(scratch).discoverDatabases();
    expect(found).toContain(scratch);
    expect(found).not.toContain('master');
  });

  it('explains a database that is not Start/Pro', async () => {
    const result = await connector('master').testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no parece de CONTPAQi Comercial Start/Pro');
  });

  it('explains a database that does not exist (error 4060 captured at login)', async () => {
    const result = await connector(`${scratch}_no_existe`).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('no existe en el servidor');
  });

  it('explains a wrong password without echoing it', async () => {
    const wrong = `${env.password}-incorrecta`;
    const result = await connector(scratch, wrong).testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toContain('rechazó el inicio de sesión');
    expect(JSON.stringify(result)).not.toContain(wrong);
  });
});
