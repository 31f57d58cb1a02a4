import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import type { FirebirdSession } from '../../electron/erp/microsip/firebird-client';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import {
  deleteFixtureRows,
  insertFixtureRow,
  SAMPLE_WAREHOUSES,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { settingsInput } from '../helpers/settings-input';
import { tempDir } from '../helpers/temp-dir';

/**
 * Sellable stock and the watchdog on the real Microsip adapter (Firebird) and the real sandbox over HTTP.
 */
const COMPANIES: FixtureCompany[] = [
  { id: 7, shortName: 'EXISTENCIAS', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const STORE = { user: 'integracion', password: 'Contraseña-€' };
const microsip = useMicrosipFixture('stock-watchdog', COMPANIES);
const companyDb = <T>(work: (db: FirebirdSession) => Promise<T>) => microsip.companyDb(0, work);

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

async function rig(watchdogMs?: number): Promise<Rig> {
  const sandbox = await startSandbox({ dataFile: ':memory:', ...STORE });
  const c = openConsole({
    databasePath: path.join(tempDir(), 'wopen-sync.sqlite'),
    version: 'test',
    storeFactory: (cred) => new WopenClient(cred),
    watchdogMs,
  });
  const { id } = await c.service.saveConnection({ config: microsip.config(), newPassword: microsip.env.password });
  await c.service.listCompanies(id);
  const saved = await c.service.saveSettings(id, [
    settingsInput('7', { sync: true, url: sandbox.url, user: STORE.user, newPassword: STORE.password }),
  ]);
  expect(saved.ok).toBe(true);
  const r = { c, sandbox, scope: { connectionId: id, companyId: '7' } };
  rigs.push(r);
  return r;
}

const sync = (r: Rig) => r.c.engine.run(r.scope, { trigger: 'manual' });
const stockIn = async (r: Rig) =>
  new Map(
    (
      (await (await fetch(`${r.sandbox.controlUrl}/records?catalog=stock`)).json()) as {
        records: { key: string; data: { onHand: number; committed: number; available: number } }[];
      }
    ).records.map((x) => [x.key, x.data]),
  );

/** Article 2005 sold 6 units in the main warehouse with only 2 received: Microsip shows −4. */
const NEGATIVE_ROW = {
  ARTICULO_ID: 2005,
  ALMACEN_ID: 1,
  ANO: 2024,
  MES: 3,
  ULTIMO_DIA: new Date(2024, 2, 31),
  ENTRADAS_UNIDADES: 2,
  SALIDAS_UNIDADES: 6,
};

describe('sellable stock (Microsip on Firebird → sandbox)', () => {
  it('negative availability reaches the store as 0; the buffer and the setting change re-send stock', async () => {
    await companyDb((db) => insertFixtureRow(db, 'SALDOS_IN', NEGATIVE_ROW));
    try {
      const r = await rig();
      expect((await sync(r)).state).toBe('success');
      let stock = await stockIn(r);
      expect(stock.get('2005:1')).toEqual({
        articleKey: '2005',
        warehouseKey: '1',
        onHand: -4,
        committed: 0,
        available: 0,
      });
      expect(stock.get('1001:1')?.available).toBe(80);

      // Safety buffer of 50 units, negatives as the ERP has them: saved like Aceptar, the next run re-sends stock.
      const saved = await r.c.service.saveSettings(r.scope.connectionId, [
        settingsInput('7', {
          sync: true,
          url: r.sandbox.url,
          user: STORE.user,
          negativeStockAsZero: false,
          safetyStock: '50',
        }),
      ]);
      expect(saved.ok).toBe(true);
      const again = await sync(r);
      expect(again.state).toBe('success');
      expect(again.catalogs.find((x) => x.catalog === 'stock')?.pushed).toBe(4);
      expect(again.catalogs.find((x) => x.catalog === 'articles')?.pushed).toBe(0);
      stock = await stockIn(r);
      expect(stock.get('2005:1')?.available).toBe(-4);
      expect(stock.get('1001:1')?.available).toBe(30);
      expect(stock.get('1001:2')?.available).toBe(0); // 30 − 50, floor 0
      expect(stock.get('1002:1')?.available).toBe(330.25);
      expect(stock.get('1002:1')?.onHand).toBe(380.25);

      // Nothing changed: nothing is sent again.
      const noop = await sync(r);
      expect(noop.catalogs.find((x) => x.catalog === 'stock')?.pushed).toBe(0);
    } finally {
      await companyDb((db) =>
        deleteFixtureRows(db, 'SALDOS_IN', { ARTICULO_ID: 2005, ALMACEN_ID: 1, ANO: 2024, MES: 3 }),
      );
    }
  });
});

/**
 * A TCP port that accepts connections and never answers: a Firebird query that opens an external data source
 * there waits inside the server (no CPU), like a query stuck behind a lock or a dead link.
 */
async function blackHole(): Promise<{ port: number; release(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    release: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Attachments to the company database other than the one asking (user attachments only). */
const otherAttachments = () =>
  companyDb(async (db) => {
    const rows = await db.query<{ N: number }>(
      'SELECT COUNT(*) AS N FROM MON$ATTACHMENTS WHERE MON$ATTACHMENT_ID <> CURRENT_CONNECTION AND MON$SYSTEM_FLAG = 0',
    );
    return Number(rows[0]!.N);
  });

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return check();
}

describe('watchdog (a Firebird query that hangs)', () => {
  it('stops the run failed within the stall time, closes the attachment, alerts once; the next run works', async () => {
    const hole = await blackHole();
    const { env } = microsip;
    // ALMACENES.OCULTO (read by Almacenes and Existencias) becomes a column computed by a function that opens
    // the black hole as an external data source: the query waits in the server.
    await companyDb(async (db) => {
      await db.query(
        `CREATE FUNCTION WOPEN_STALL RETURNS CHAR(1) AS
         DECLARE R INTEGER;
         BEGIN
           EXECUTE STATEMENT 'SELECT 1 FROM RDB$DATABASE'
             ON EXTERNAL DATA SOURCE '127.0.0.1/${hole.port}:stall' AS USER '${env.user}' PASSWORD '${env.password}' INTO R;
           RETURN 'N';
         END`,
      );
      await db.query('ALTER TABLE ALMACENES DROP OCULTO');
      await db.query('ALTER TABLE ALMACENES ADD OCULTO COMPUTED BY (WOPEN_STALL())');
    });
    const restore = async () => {
      await companyDb(async (db) => {
        await db.query('ALTER TABLE ALMACENES DROP OCULTO');
        await db.query('ALTER TABLE ALMACENES ADD OCULTO CHAR(1)');
      });
      await companyDb(async (db) => {
        await db.query("UPDATE ALMACENES SET OCULTO = 'S' WHERE ALMACEN_ID = 3");
        await db.query('DROP FUNCTION WOPEN_STALL');
      });
    };
    try {
      const r = await rig(2000);
      const started = Date.now();
      const stalled = await sync(r);
      const took = Date.now() - started;
      expect(took).toBeLessThan(2000 + 5000);
      expect(took).toBeGreaterThanOrEqual(1900);
      expect(stalled.state).toBe('failed');
      expect(stalled.message).toContain('La sincronización se detuvo porque no avanzó en 2 s');
      expect(r.c.engine.isRunning(r.scope)).toBe(false);
      const row = r.c.db.prepare('SELECT State, Message FROM sync_runs WHERE RunID = ?').get(stalled.runId) as {
        State: string;
        Message: string;
      };
      expect(row).toEqual({ State: 'failed', Message: stalled.message });
      const events = r.c.db
        .prepare("SELECT Level, Message FROM events WHERE Message LIKE '%no avanzó en 2 s%' ORDER BY EventID")
        .all() as { Level: string; Message: string }[];
      expect(events[0]).toMatchObject({
        Level: 'error',
        Message: expect.stringMatching(/^EXISTENCIAS: La sincronización se detuvo/),
      });
      const problem = r.c.db.prepare("SELECT Kind, LastRunID FROM alert_problems WHERE Kind = 'watchdog'").get() as
        { Kind: string; LastRunID: number } | undefined;
      expect(problem).toEqual({ Kind: 'watchdog', LastRunID: stalled.runId });

      // The engine dropped its attachment's socket at once. The server's thread is still inside the external call
      // (Firebird notices the lost client when the call returns): once that wait ends, no attachment is left.
      expect(await otherAttachments()).toBeLessThanOrEqual(2);
      await hole.release();
      expect(await until(async () => (await otherAttachments()) === 0, 10_000)).toBe(true);

      await restore();
      const next = await sync(r);
      expect(next.state).toBe('success');
      // A successful run ends the watchdog condition (what the scheduler and the console do after every run).
      await r.c.alerts.monitor.onRunFinished(next);
      expect(r.c.db.prepare("SELECT COUNT(*) AS n FROM alert_problems WHERE Kind = 'watchdog'").get()).toEqual({
        n: 0,
      });
    } finally {
      await hole.release().catch(() => undefined);
      await restore().catch(() => undefined);
    }
  }, 60_000);
});
