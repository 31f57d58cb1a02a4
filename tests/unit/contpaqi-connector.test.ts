import { describe, expect, it } from 'vitest';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { ErpError } from '../../electron/erp/port';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProFixture, STARTPRO_MARKER_TABLES } from '../helpers/contpaqi-fixture';
import { expectStartProContract } from '../helpers/contpaqi-contract';

const PASSWORD = 'S3creta!Ñ';
const config = (database = 'ComercialSP'): ContpaqiConfig => ({
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database,
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
});

async function fixtureConnector(database = 'ComercialSP') {
  const exec = new SqliteSqlExecutor(database);
  await loadStartProFixture(exec);
  const connector = new ContpaqiConnector(config(database), PASSWORD, { executorFor: () => exec });
  return { exec, connector };
}

describe('ContpaqiConnector against the SQLite Start/Pro fixture', () => {
  it('passes the shared contract (companies, Unicode names, branches, deleted and non-owned rows)', async () => {
    const { connector } = await fixtureConnector();
    await expectStartProContract(connector, 'ComercialSP');
    expect(connector.kind).toBe('contpaqi');
  });

  it('says which tables are missing when the database is not Start/Pro, never leaking the password', async () => {
    const exec = new SqliteSqlExecutor('Contabilidad');
    await exec.query('CREATE TABLE dbo.orgDepot (DepotID BIGINT NOT NULL PRIMARY KEY)');
    const connector = new ContpaqiConnector(config('Contabilidad'), PASSWORD, { executorFor: () => exec });
    const result = await connector.testConnection();
    expect(result.ok).toBe(false);
    expect(result.message).toBe(
      'La base de datos «Contabilidad» no parece de CONTPAQi Comercial Start/Pro. Faltan las tablas docDocument, orgBusinessEntity.',
    );
    expect(result.hints.join(' ')).toContain('Buscar bases de datos');
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
  });

  it('recognises a Comercial Premium database and says so', async () => {
    const exec = new SqliteSqlExecutor('adEMPRESA');
    await exec.query('CREATE TABLE dbo.admDocumentos (CIDDOCUMENTO INT NOT NULL PRIMARY KEY)');
    const result = await new ContpaqiConnector(config('adEMPRESA'), PASSWORD, {
      executorFor: () => exec,
    }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.hints[0]).toContain('Comercial Premium');
  });

  it('fails the test when the database has no owned company', async () => {
    const { exec, connector } = await fixtureConnector();
    await exec.query('UPDATE dbo.orgBusinessEntity SET IsOwned = 0');
    const result = await connector.testConnection();
    expect(result).toMatchObject({ ok: false });
    expect(result.message).toContain('no tiene empresas registradas');
  });

  it('maps a missing table during a listing to the Start/Pro explanation (SQL Server error 208)', async () => {
    const { exec, connector } = await fixtureConnector();
    await exec.query('DROP TABLE dbo.orgDepot');
    await expect(connector.listBranches('1')).rejects.toMatchObject({
      name: 'ErpError',
      message: expect.stringContaining('no parece de CONTPAQi Comercial Start/Pro'),
    });
  });

  it('rejects company ids that are not positive integers before querying', async () => {
    const { connector } = await fixtureConnector();
    for (const bad of ['', 'abc', '1; DROP TABLE orgDepot', '-1', '0', '1.5', '99999999999999999999']) {
      await expect(connector.listBranches(bad)).rejects.toBeInstanceOf(ErpError);
    }
    expect(await connector.listBranches(' 1 ')).toHaveLength(2);
  });

  it('close() is safe twice and releases the executor once', async () => {
    const { exec, connector } = await fixtureConnector();
    await connector.listCompanies();
    await connector.close();
    await connector.close();
    expect(exec.closed).toBe(1);
  });
});

describe('ContpaqiConnector.discoverDatabases (BROS probe over emulated sys.databases / OBJECT_ID)', () => {
  it('keeps online, accessible user databases that have the four marker tables', async () => {
    const { exec, connector } = await fixtureConnector('ComercialSP');
    const sp = [...STARTPRO_MARKER_TABLES, 'orgBusinessEntity'];
    exec.addServerDatabase('BASENUEVA', sp);
    exec.addServerDatabase('Ñandú “2024”', sp); // Unicode and curly quotes in a database name
    exec.addServerDatabase("Rara]]base'; DROP TABLE x--", sp); // brackets and quotes survive QUOTENAME
    exec.addServerDatabase('adCOMERCIAL_PREMIUM', ['admDocumentos']);
    exec.addServerDatabase('CasiStartPro', ['engModule', 'docDocument']); // no ribbon tables
    exec.addServerDatabase('Apagada', sp, { state: 6 }); // OFFLINE
    exec.addServerDatabase('SinPermiso', sp, { access: false });
    exec.addServerDatabase('ComercialSP_snapshot', sp, { snapshotOf: 5 });
    exec.addServerDatabase('msdb_copy_low_id', sp, { databaseId: 4 }); // ids 1-4 are system databases

    const used: string[] = [];
    const discovering = new ContpaqiConnector(config(), PASSWORD, {
      executorFor: (db) => {
        used.push(db);
        return exec;
      },
    });
    expect(await discovering.discoverDatabases()).toEqual([
      'BASENUEVA',
      'ComercialSP',
      'Ñandú “2024”',
      "Rara]]base'; DROP TABLE x--",
    ]);
    expect(used).toEqual(['master']); // discovery does not depend on the configured database existing
    await connector.close();
  });
});
