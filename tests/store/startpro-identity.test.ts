import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { compareIdentity, IdentityBlockedError } from '../../electron/engine/identity-guard';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { tempDir } from '../helpers/temp-dir';
import { PASSWORD, USER, sandbox } from './sandbox-fixture';

/**
 * The identity guard on CONTPAQi Comercial Start/Pro: the real connector on the SQLite emulation of Comercial's
 * schema, the engine, and the sandbox store over HTTP.
 */
const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};

const consoles: OpenedConsole[] = [];
afterEach(() => {
  for (const c of consoles.splice(0)) c.close();
});

async function rig() {
  const exec = new SqliteSqlExecutor('ComercialSP');
  await loadStartProFixture(exec);
  const sb = await sandbox();
  const c = openConsole({
    databasePath: path.join(tempDir(), 'w.sqlite'),
    version: 't',
    erpFactory: (cfg, pw) => new ContpaqiConnector(cfg as ContpaqiConfig, pw, { executorFor: () => exec.handle() }),
  });
  consoles.push(c);
  const { id } = await c.service.saveConnection({ config, newPassword: 'sa-pw' });
  await c.service.listCompanies(id);
  const saved = await c.service.saveSettings(id, [
    {
      companyId: '1',
      sync: true,
      period: '5',
      orders: false,
      invoices: false,
      branchId: null,
      autoStamp: false,
      claveProdServ: '',
      claveUnidad: '',
      url: sb.url,
      user: USER,
      newPassword: PASSWORD,
    },
  ]);
  expect(saved.ok).toBe(true);
  const scope = { connectionId: id, companyId: '1' };
  const run = () => c.engine.run(scope, { trigger: 'manual' });
  const events = (like: string) =>
    c.db.prepare('SELECT Level, Message FROM events WHERE Message LIKE ? ORDER BY EventID').all(`%${like}%`) as {
      Level: string;
      Message: string;
    }[];
  return { exec, c, scope, run, events, sb };
}

describe('company identity guard (Start/Pro emulation)', () => {
  it('reads RFC (OfficialNumber), name, database and, without BusinessEntityGUID, the key and alta date', async () => {
    const exec = new SqliteSqlExecutor('ComercialSP');
    await loadStartProFixture(exec);
    const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle() });
    const identity = await connector.readIdentity('1');
    expect(identity).toMatchObject({
      rfc: 'CÑA010101AB1',
      name: 'Comercializadora Ñandú, S.A. de C.V.',
      database: 'ComercialSP',
      databaseKind: 'database',
      stamp: 'empresa 1',
    });
    expect(identity.sources[2]).toBe(
      'Base de datos: DB_NAME(), orgBusinessEntity.BusinessEntityKey y CreatedOn (no hay BusinessEntityGUID)',
    );
    // A database that has the GUID column: it is what tells another company's database apart.
    await exec.query('ALTER TABLE dbo.orgBusinessEntity ADD BusinessEntityGUID NVARCHAR(50) NULL');
    await exec.query("UPDATE dbo.orgBusinessEntity SET BusinessEntityGUID = 'a1b2c3d4-0000-4000-8000-00000000000a'");
    const withGuid = await connector.readIdentity('1');
    expect(withGuid.stamp).toBe('empresa 1, GUID A1B2C3D4-0000-4000-8000-00000000000A');
    expect(withGuid.sources[2]).toBe('Base de datos: DB_NAME() y orgBusinessEntity.BusinessEntityGUID');
    await expect(connector.readIdentity('99')).rejects.toThrow('La empresa «99» no existe en «ComercialSP»');
  });

  it('another RFC behind the same company blocks the run until confirmed; only a new name does not', async () => {
    const t = await rig();
    expect((await t.run()).state).toBe('success');
    expect(t.events('Identidad de la empresa registrada')[0]?.Message).toBe(
      'Identidad de la empresa registrada: RFC CÑA010101AB1 (Comercializadora Ñandú, S.A. de C.V.), base de datos ComercialSP [empresa 1].',
    );

    // Renamed in Comercial, same RFC: remembered as it is now, a warning, no block.
    await t.exec.query(
      "UPDATE dbo.orgBusinessEntity SET OfficialName = 'Ñandú Comercial, S.A. de C.V.' WHERE BusinessEntityID = 1",
    );
    expect((await t.run()).state).toBe('success');
    expect(t.events('se actualizó')[0]).toEqual({
      Level: 'warning',
      Message:
        'La identidad de la empresa se actualizó: el nombre cambió de «Comercializadora Ñandú, S.A. de C.V.» a «Ñandú Comercial, S.A. de C.V.» (mismo RFC).',
    });

    // A restore of another company's database under the same name and id: another RFC.
    await t.exec.query(
      "UPDATE dbo.orgBusinessEntityMainInfo SET OfficialNumber = 'OTR990909ZZ1' WHERE BusinessEntityID = 1",
    );
    await t.exec.query("UPDATE dbo.orgProduct SET ProductName = 'Cambiado en la otra' WHERE ProductID = 1");
    // Found by *Sincronizar ahora* in the console: the page is told the run ended, the identity alert is the only one.
    const ended = new Promise<{ state: string; message: string | null }>((resolve) => t.c.sync.onRunFinished(resolve));
    expect(t.c.sync.syncNow(t.scope).started).toBe(true);
    expect(await ended).toMatchObject({ state: 'failed', message: expect.stringContaining('Sincronización detenida') });
    await t.c.alerts.monitor.idle();
    expect(t.c.db.prepare('SELECT Kind FROM alert_problems').all()).toEqual([{ Kind: 'identity' }]);
    // Once blocked, *Sincronizar ahora* refuses at once, with the reason.
    expect(() => t.c.sync.syncNow(t.scope)).toThrow('Sincronización detenida');
    const err = await t.run().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdentityBlockedError);
    expect((err as IdentityBlockedError).block.question).toBe(
      'La empresa Comercializadora Ñandú, S.A. de C.V. ahora es RFC OTR990909ZZ1 / base de datos ComercialSP: ¿es la misma empresa?',
    );
    const products = (await (await fetch(`${t.sb.controlUrl}/records?catalog=articles`)).json()) as {
      records: { key: string; data: { name: string } }[];
    };
    expect(products.records.find((r) => r.key === '1')?.data.name).not.toBe('Cambiado en la otra');
    await expect(t.run()).rejects.toThrow('Sincronización detenida');

    // *No, revisar* leaves it so; *Sí, es la misma* adopts the new identity and the next run goes.
    t.c.engine.identity.confirm(t.scope, 'Ñandú', 'admin');
    expect((await t.run()).state).toBe('success');
    expect(t.c.engine.identity.status(t.scope, 'Ñandú').recorded?.rfc).toBe('OTR990909ZZ1');
  });

  it('compares: another stamp or RFC is another company; a renamed file with the same stamp is not', () => {
    const base = {
      rfc: 'AAA010101AA1',
      name: 'A',
      database: '/d/A.FDB',
      databaseKind: 'file' as const,
      stamp: 'creada 1',
      sources: [],
    };
    expect(compareIdentity(base, { ...base })).toEqual({ kind: 'same' });
    expect(compareIdentity(base, { ...base, database: '/d/B.FDB' })).toEqual({
      kind: 'updated',
      notes: ['el archivo cambió de nombre: /d/A.FDB → /d/B.FDB'],
    });
    expect(compareIdentity(base, { ...base, rfc: null })).toEqual({ kind: 'same' });
    expect(compareIdentity({ ...base, rfc: null }, base)).toEqual({
      kind: 'updated',
      notes: ['se leyó el RFC AAA010101AA1'],
    });
    expect(compareIdentity({ ...base, stamp: null }, { ...base, stamp: null, database: '/d/B.FDB' })).toEqual({
      kind: 'changed',
      reasons: ['el archivo es otro: antes /d/A.FDB, ahora /d/B.FDB'],
    });
    expect(compareIdentity(base, { ...base, rfc: 'BBB', name: 'B' })).toEqual({
      kind: 'changed',
      reasons: ['el RFC cambió de AAA010101AA1 a BBB'],
    });
  });
});
