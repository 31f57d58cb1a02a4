import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import { IdentityBlockedError } from '../../electron/engine/identity-guard';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import { Scheduler } from '../../electron/engine/scheduler';
import { SAMPLE_WAREHOUSES, updateFixtureRows, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { encodeMicrosipText } from '../../electron/erp/microsip/win1252-text';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { tempDir } from '../helpers/temp-dir';

/**
 * The company identity guard on the real Microsip adapter (Firebird) and the real sandbox: the RFC row of the
 * company changes, or another company's .FDB is copied over the configured one → the next run pushes nothing,
 * the company stays blocked (engine and scheduler) with an event and an alert, until confirmed.
 */

const COMPANIES: FixtureCompany[] = [
  { id: 21, shortName: 'IDENTIDAD', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
  { id: 22, shortName: 'OTRA COPIA', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const STORE = { user: 'integracion', password: 'Contraseña-€' };
const microsip = useMicrosipFixture('identity-guard', COMPANIES);
const { env, folder } = microsip;

interface Rig {
  c: OpenedConsole;
  sandbox: RunningSandbox;
  scope: { connectionId: number; companyId: string };
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.c.close();
    await r.sandbox.close();
  }
});

async function rig(): Promise<Rig> {
  const sandbox = await startSandbox({ dataFile: ':memory:', ...STORE });
  const c = openConsole({ databasePath: path.join(tempDir(), 'wopen-sync.sqlite'), version: 'test' });
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: env.host, port: env.port, folder, user: env.user },
    newPassword: env.password,
  });
  await c.service.listCompanies(id);
  const saved = await c.service.saveSettings(id, [
    {
      companyId: '21',
      sync: true,
      period: '5',
      orders: false,
      invoices: false,
      branchId: null,
      autoStamp: false,
      claveProdServ: '',
      claveUnidad: '',
      url: sandbox.url,
      user: STORE.user,
      newPassword: STORE.password,
    },
  ]);
  expect(saved.ok).toBe(true);
  const r = { c, sandbox, scope: { connectionId: id, companyId: '21' } };
  rigs.push(r);
  return r;
}

const sync = (r: Rig) => r.c.engine.run(r.scope, { trigger: 'manual' });
const article = async (r: Rig, key: string) =>
  (
    (await (await fetch(`${r.sandbox.controlUrl}/records?catalog=articles`)).json()) as {
      records: { key: string; data: Record<string, unknown> }[];
    }
  ).records.find((a) => a.key === key)?.data;
const events = (r: Rig, like: string) =>
  r.c.db
    .prepare(
      "SELECT Level, Message, Details FROM events WHERE Category <> 'Alertas' AND Message LIKE ? ORDER BY EventID",
    )
    .all(`%${like}%`) as { Level: string; Message: string; Details: string | null }[];
const openAlert = (r: Rig) =>
  r.c.db.prepare("SELECT Message FROM alert_problems WHERE Kind = 'identity'").get() as { Message: string } | undefined;

const setRegistryRfc = (rfc: string) =>
  microsip.companyDb(0, (db) =>
    updateFixtureRows(db, 'REGISTRY', { VALOR: encodeMicrosipText(rfc) }, { ELEMENTO_ID: 7 }),
  );

describe('company identity guard (Microsip on Firebird)', () => {
  it('reads RFC from REGISTRY, the .FDB path and its creation date, and says where each came from', async () => {
    await microsip.companyDb(0, async (db) => {
      await db.query(
        'CREATE TABLE REGISTRY (ELEMENTO_ID INTEGER NOT NULL PRIMARY KEY, NOMBRE VARCHAR(50) NOT NULL, TIPO CHAR(1), PADRE_ID INTEGER, VALOR VARCHAR(200))',
      );
    });
    await microsip.companyDb(0, async (db) => {
      await db.query("INSERT INTO REGISTRY VALUES (6, 'DatosEmpresa', 'C', 0, NULL)");
      await db.query("INSERT INTO REGISTRY VALUES (7, 'Rfc', 'V', 6, 'ANO-010101-AB1')");
    });
    const connector = new MicrosipConnector(microsip.config(), env.password);
    const identity = await connector.readIdentity('21');
    expect(identity).toMatchObject({
      rfc: 'ANO010101AB1',
      name: 'IDENTIDAD',
      database: microsip.fixture.companies[0]!.databasePath,
      databaseKind: 'file',
    });
    // Firebird 3 has no MON$GUID: the creation date is what a restore or a copied file changes.
    expect(identity.stamp).toMatch(/^creada \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
    expect(identity.sources).toEqual([
      'RFC: REGISTRY.Rfc de la empresa',
      'Nombre: EMPRESAS.NOMBRE_CORTO',
      'Base de datos: MON$DATABASE.MON$CREATION_DATE',
    ]);
    // The other company has no REGISTRY: no RFC, said so, and its own creation date.
    const other = await connector.readIdentity('22');
    expect(other.rfc).toBeNull();
    expect(other.sources[0]).toBe('RFC: no se encontró en EMPRESAS (CONFIG.FDB) ni en REGISTRY de la empresa');
    expect(other.stamp).not.toBe(identity.stamp);
    await connector.close();
  });

  it('first run records the identity; an RFC change blocks the next run (nothing pushed) until confirmed', async () => {
    const r = await rig();
    const first = await sync(r);
    expect(first.state).toBe('success');
    expect(events(r, 'Identidad de la empresa registrada')[0]?.Message).toContain('RFC ANO010101AB1 (IDENTIDAD)');
    const before = await article(r, '1001');

    await setRegistryRfc('XYZ990101QQ9');
    await microsip.companyDb(0, (db) =>
      updateFixtureRows(db, 'ARTICULOS', { NOMBRE: encodeMicrosipText('Martillo cambiado') }, { ARTICULO_ID: 1001 }),
    );
    const runsBefore = r.c.engine.history.maxRunId();
    const blocked = await sync(r).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(IdentityBlockedError);
    expect((blocked as Error).message).toBe(
      `Sincronización detenida: «IDENTIDAD» parece otra empresa (el RFC cambió de ANO010101AB1 a XYZ990101QQ9). No se envió ni se importó nada. Confírmelo en Wopen Sync Console o con «wopen-sync identity confirm --connection ${r.scope.connectionId} --company 21».`,
    );
    // Nothing went to the store and no run was started.
    expect(await article(r, '1001')).toEqual(before);
    expect(r.c.engine.history.maxRunId()).toBe(runsBefore);
    const [event] = events(r, 'Sincronización detenida');
    expect(event?.Level).toBe('error');
    expect(event?.Message).toContain('Antes: RFC ANO010101AB1 (IDENTIDAD)');
    expect(event?.Message).toContain('Ahora: RFC XYZ990101QQ9 (IDENTIDAD)');
    expect(JSON.parse(event!.Details!)).toMatchObject({
      antes: { rfc: 'ANO010101AB1' },
      ahora: { rfc: 'XYZ990101QQ9' },
    });
    await r.c.alerts.monitor.idle();
    expect(openAlert(r)?.Message).toContain('La empresa IDENTIDAD ahora es RFC XYZ990101QQ9 / archivo');
    const alerts = r.c.db
      .prepare("SELECT Message FROM events WHERE Category = 'Alertas' AND Message LIKE '%parece otra empresa%'")
      .all();
    expect(alerts).toHaveLength(1); // the alert, recorded once

    // Stays blocked: the scheduler does not pick it, a manual run refuses, without reading the ERP again.
    const scheduler = new Scheduler({ db: r.c.db, engine: r.c.engine, events: r.c.events });
    expect(scheduler.due(new Date(Date.now() + 3_600_000))).toEqual([]);
    await expect(sync(r)).rejects.toBeInstanceOf(IdentityBlockedError);
    expect(events(r, 'Sincronización detenida')).toHaveLength(1);

    const view = r.c.engine.identity.status(r.scope, 'IDENTIDAD');
    expect(view.block?.question).toBe(
      `La empresa IDENTIDAD ahora es RFC XYZ990101QQ9 / archivo ${microsip.fixture.companies[0]!.databasePath}: ¿es la misma empresa?`,
    );

    r.c.engine.identity.confirm(r.scope, 'IDENTIDAD', 'contadora');
    expect(openAlert(r)).toBeUndefined();
    expect(scheduler.due(new Date(Date.now() + 3_600_000))).toEqual([r.scope]);
    const resumed = await sync(r);
    expect(resumed.state).toBe('success');
    expect((await article(r, '1001'))?.name).toBe('Martillo cambiado');
    expect(r.c.engine.identity.status(r.scope, 'IDENTIDAD')).toMatchObject({
      recorded: { rfc: 'XYZ990101QQ9' },
      confirmedBy: 'contadora',
      block: null,
    });
    await setRegistryRfc('ANO-010101-AB1');
  });

  it('another company file copied over the configured one (same short name) blocks on the database identity', async () => {
    const r = await rig();
    expect((await sync(r)).state).toBe('success');
    const [target, other] = microsip.fixture.companies;
    fs.copyFileSync(other!.databasePath, target!.databasePath);
    const blocked = await sync(r).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(IdentityBlockedError);
    const block = (blocked as IdentityBlockedError).block;
    // The copy has no REGISTRY: no RFC to compare, but the file's creation date is another one.
    expect(block.reasons).toHaveLength(1);
    expect(block.reasons[0]).toMatch(
      new RegExp(
        `^el archivo es otro aunque se llame igual \\(${target!.databasePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): antes creada .*, ahora creada `,
      ),
    );
    expect(block.seen.rfc).toBeNull();
    expect(r.c.engine.identity.isBlocked(r.scope)).toBe(true);
  });
});
