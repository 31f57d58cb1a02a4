import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import { decodeMicrosipText } from '../../electron/erp/microsip/win1252-text';
import { erpMarker } from '../../electron/erp/document-marker';
import { storeKeyOf } from '../../electron/engine/store-identity';
import { phaseOf } from '../../electron/engine/run-report';
import { WopenClient } from '../../electron/store/wopen/wopen-client';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { startSandbox, type RunningSandbox } from '../../scripts/sandbox/start-sandbox';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { tempDir } from '../helpers/temp-dir';

/**
 * The inbound path as a real store may feed it: the whole engine (console bootstrap, real Wopen client) against
 * the real Microsip order writer on Firebird and the sandbox over HTTP. In every case the good orders of the same
 * page are imported exactly once, the bad one is rejected alone with a Spanish reason (store and Visor), and
 * nothing is written to the ERP for it.
 */

const COMPANIES: FixtureCompany[] = [
  {
    id: 1,
    shortName: 'HOSTIL ÑANDÚ',
    warehouses: SAMPLE_WAREHOUSES,
    catalogs: { schema: 'full', data: 'sample' },
    orders: true,
  },
];
const STORE = { user: 'integracion', password: 'Contraseña-€' };
const microsip = useMicrosipFixture('orders-hostile', COMPANIES);

interface Rig {
  c: OpenedConsole;
  sb: RunningSandbox;
  scope: { connectionId: number; companyId: string };
}
const rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) {
    r.c.close();
    await r.sb.close();
  }
});

async function rig(): Promise<Rig> {
  const sb = await startSandbox({ dataFile: ':memory:', ...STORE });
  const c = openConsole({
    databasePath: path.join(tempDir(), 'wopen-sync.sqlite'),
    version: 'test',
    storeFactory: (cred) =>
      new WopenClient(cred, { batchTimeoutMs: 5000, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 20 } }),
  });
  const { env, folder } = microsip;
  const { id } = await c.service.saveConnection({
    config: { kind: 'microsip', host: env.host, port: env.port, folder, user: env.user },
    newPassword: env.password,
  });
  await c.service.listCompanies(id);
  const saved = await c.service.saveSettings(id, [
    {
      companyId: '1',
      sync: true,
      period: '30',
      orders: true,
      invoices: false,
      branchId: '225490',
      autoStamp: false,
      claveProdServ: '',
      claveUnidad: '',
      url: sb.url,
      user: STORE.user,
      newPassword: STORE.password,
    },
  ]);
  expect(saved.ok).toBe(true);
  const r = { c, sb, scope: { connectionId: id, companyId: '1' } };
  rigs.push(r);
  return r;
}

async function control<T>(r: Rig, route: string, body?: unknown): Promise<T> {
  const res = await fetch(`${r.sb.controlUrl}${route}`, {
    method: body === undefined ? 'GET' : 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface StoreOrderView {
  id?: unknown;
  status: 'pending' | 'acked' | 'rejected';
  erpFolio: string | null;
  erpDocumentId: string | null;
  rejectReason: string | null;
}
const storeOrders = async (r: Rig) => (await control<{ orders: StoreOrderView[] }>(r, '/orders')).orders;
const storeOrder = async (r: Rig, id: string) => (await storeOrders(r)).find((o) => o.id === id);

/** Every Microsip document carrying a marker, as ORDEN_COMPRA → count. */
const erpMarkers = () =>
  microsip.companyDb(0, async (db) => {
    const rows = await db.query<{ OC: unknown; N: number }>(
      "SELECT CAST(ORDEN_COMPRA AS VARCHAR(35) CHARACTER SET OCTETS) AS OC, COUNT(*) AS N FROM DOCTOS_VE WHERE ORDEN_COMPRA STARTING WITH 'W' GROUP BY 1",
    );
    return new Map(rows.map((x) => [(decodeMicrosipText(x.OC) ?? '').trim(), Number(x.N)]));
  });

const storeKey = async (r: Rig) => storeKeyOf(await new WopenClient({ url: r.sb.url, ...STORE }).identify());

/** The documents of this rig's store only (the Firebird company is shared by the tests of this file). */
const ourMarkers = async (r: Rig) => {
  const head = erpMarker('order', await storeKey(r), 'x').slice(0, 'WOPEN-'.length + 6);
  return new Map([...(await erpMarkers())].filter(([m]) => m.startsWith(head)));
};

const good = (id: string, over: Record<string, unknown> = {}) => ({
  id,
  kind: 'pedido',
  paymentStatus: 'paid',
  createdAt: '2026-11-20T10:00:00Z',
  customerKey: '3001',
  currency: 'MXN',
  lines: [
    { articleKey: '1001', quantity: 2, unitPrice: 189.5, notes: 'Mango “ergonómico” — ñ €' },
    { articleKey: '1003', quantity: 1, unitPrice: 100 },
  ],
  freight: 0,
  notes: 'Entregar en Mérida',
  ...over,
});
const line = (patch: Record<string, unknown>) => ({ articleKey: '1001', quantity: 1, unitPrice: 10, ...patch });

const events = (r: Rig) =>
  r.c.db.prepare("SELECT Level, Message, RecordKey FROM events WHERE Catalog = 'orders' ORDER BY EventID").all() as {
    Level: string;
    Message: string;
    RecordKey: string | null;
  }[];

const hostile: [string, Record<string, unknown>, RegExp][] = [
  ['a null line', good('MAL', { lines: [null] }), /La partida 1 no es un objeto/],
  [
    'a line without unitPrice',
    good('MAL', { lines: [{ articleKey: '1001', quantity: 1 }] }),
    /La partida 1 no tiene precio unitario numérico/,
  ],
  [
    'a line without articleKey',
    good('MAL', { lines: [{ quantity: 1, unitPrice: 1 }] }),
    /La partida 1 no tiene clave de artículo/,
  ],
  [
    'an empty-string price',
    good('MAL', { lines: [line({ unitPrice: '' })] }),
    /La partida 1 no tiene precio unitario numérico/,
  ],
  ['a string quantity', good('MAL', { lines: [line({ quantity: '5' })] }), /La partida 1 no tiene cantidad numérica/],
  ['a boolean quantity', good('MAL', { lines: [line({ quantity: true })] }), /La partida 1 no tiene cantidad numérica/],
  [
    'a null price',
    good('MAL', { lines: [line({ unitPrice: null })] }),
    /La partida 1 no tiene precio unitario numérico/,
  ],
  [
    'a negative quantity',
    good('MAL', { lines: [line({ quantity: -3 })] }),
    /La partida 1 tiene una cantidad que no es mayor que cero/,
  ],
  [
    'a huge price',
    good('MAL', { lines: [line({ unitPrice: 1e15 })] }),
    /La partida 1 tiene un precio unitario mayor que 1,000,000,000/,
  ],
  ['an unknown kind', good('MAL', { kind: 'factura' }), /tiene un tipo que no es «pedido» ni «cotizacion»/],
  [
    'more lines than the limit',
    good('MAL', { lines: Array.from({ length: 1001 }, () => line({})) }),
    /tiene más de 1,000 partidas/,
  ],
  ['no payment status', good('MAL', { paymentStatus: undefined }), /no tiene estado de pago/],
];

describe('orders as a real store may send them (Firebird + sandbox over HTTP)', () => {
  it.each(hostile)(
    '%s: rejected alone with its reason; the good orders of the page land once',
    async (_name, bad, reason) => {
      const r = await rig();
      await control(r, '/orders?raw=1', [good('BUENO-1'), bad, good('BUENO-2')]);
      const run = await r.c.engine.run(r.scope, { trigger: 'manual' });
      expect(phaseOf(run, 'orders')).toMatchObject({
        state: 'success',
        counts: { imported: 2, rejected: 1, pending: 0 },
      });

      const key = await storeKey(r);
      const markers = await erpMarkers();
      expect(markers.get(erpMarker('order', key, 'BUENO-1'))).toBe(1);
      expect(markers.get(erpMarker('order', key, 'BUENO-2'))).toBe(1);
      expect(markers.has(erpMarker('order', key, 'MAL'))).toBe(false);
      expect(await storeOrder(r, 'BUENO-1')).toMatchObject({ status: 'acked', erpFolio: expect.stringMatching(/\S/) });
      expect(await storeOrder(r, 'BUENO-2')).toMatchObject({ status: 'acked' });
      const rejected = await storeOrder(r, 'MAL');
      expect(rejected?.status).toBe('rejected');
      expect(rejected?.rejectReason).toMatch(reason);
      expect(events(r)).toContainEqual({ Level: 'error', RecordKey: 'MAL', Message: expect.stringMatching(reason) });

      // Next run: nothing again, nothing twice.
      const again = await r.c.engine.run(r.scope, { trigger: 'manual' });
      expect(phaseOf(again, 'orders')).toMatchObject({ counts: { imported: 0, rejected: 0, pending: 0 } });
      expect((await erpMarkers()).get(erpMarker('order', key, 'BUENO-1'))).toBe(1);
    },
  );

  it('an element without a usable id is reported, cannot be rejected, and blocks nothing', async () => {
    const r = await rig();
    await control(r, '/orders?raw=1', [null, 7, { ...good('x'), id: 42 }, good('BUENO-1')]);
    const run = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(run, 'orders')).toMatchObject({ state: 'success', counts: { imported: 1 } });
    expect(events(r).filter((e) => /sin identificador válido/.test(e.Message)).length).toBeGreaterThanOrEqual(1);
  });

  it('an oversized page and a page that is not JSON end the pass with a message; nothing from them is imported; the next run imports once', async () => {
    const r = await rig();
    await control(r, '/orders?raw=1', [good('BUENO-1'), good('BUENO-2')]);
    await control(r, '/faults', { kind: 'oversize', path: '/orders/pending', bytes: 20 * 1024 * 1024 });
    const big = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(big, 'orders')?.state).toBe('failed');
    expect(phaseOf(big, 'orders')?.message).toMatch(
      /más de 16 MiB, el máximo acordado; se rechazó la respuesta completa/,
    );
    expect(big.state).toBe('partial');
    expect((await storeOrders(r)).every((o) => o.status === 'pending')).toBe(true);

    await control(r, '/faults', { kind: 'bad-json', path: '/orders/pending', count: 2 });
    const garbled = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(garbled, 'orders')?.message).toMatch(/la respuesta de la tienda no es JSON/);
    expect((await storeOrders(r)).every((o) => o.status === 'pending')).toBe(true);
    expect((await ourMarkers(r)).size).toBe(0);

    const ok = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(ok, 'orders')).toMatchObject({ state: 'success', counts: { imported: 2 } });
    expect([...(await ourMarkers(r)).values()]).toEqual([1, 1]);
  });

  it('only paid orders: a pending one waits untouched («esperando pago») and lands once it is paid', async () => {
    const r = await rig();
    await control(r, '/orders?raw=1', [good('SIN-PAGAR', { paymentStatus: 'pending' }), good('PAGADO')]);
    const first = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(first, 'orders')).toMatchObject({ counts: { imported: 1, awaitingPayment: 1 } });
    expect(first.message).toContain('1 esperando pago');
    expect(await storeOrder(r, 'SIN-PAGAR')).toMatchObject({ status: 'pending', erpFolio: null });
    await control(r, '/orders/SIN-PAGAR/pay', {});
    const second = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(second, 'orders')).toMatchObject({ counts: { imported: 1, awaitingPayment: 0 } });
    expect(await storeOrder(r, 'SIN-PAGAR')).toMatchObject({ status: 'acked' });
  });

  it('paging: 120 orders with 30 awaiting payment at the head of the list are all imported (the cursor skips the unpaid ones)', async () => {
    const r = await rig();
    const unpaid = Array.from({ length: 30 }, (_, i) =>
      good(`SP-${i}`, { paymentStatus: 'pending', lines: [line({})] }),
    );
    const paid = Array.from({ length: 90 }, (_, i) => good(`P-${i}`, { lines: [line({ quantity: 1 + (i % 3) })] }));
    await control(r, '/orders?raw=1', [...unpaid, ...paid]);
    const run = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(run, 'orders')).toMatchObject({ counts: { imported: 90, awaitingPayment: 30, pending: 0 } });
    const ours = await ourMarkers(r);
    expect(ours.size).toBe(90);
    expect([...ours.values()].every((n) => n === 1)).toBe(true);
  }, 120_000);

  it('a reused id with other content after a store reset is never acknowledged against the old document', async () => {
    const r = await rig();
    await control(r, '/orders?raw=1', [good('A1', { lines: [line({ quantity: 2, unitPrice: 100 })] })]);
    await r.c.engine.run(r.scope, { trigger: 'manual' });
    const first = await storeOrder(r, 'A1');
    expect(first?.status).toBe('acked');
    const key = await storeKey(r);
    const { storeId } = await control<{ storeId: string }>(r, '/store');

    // A store whose data was reset but that keeps its storeId (the worst case): same id, other content.
    await control(r, '/reset', {});
    await control(r, '/store-id', { storeId });
    await control(r, '/orders?raw=1', [good('A1', { lines: [line({ quantity: 9, unitPrice: 555 })] }), good('A2')]);
    const reused = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(reused, 'orders')).toMatchObject({ counts: { imported: 1, rejected: 1 } });
    const again = await storeOrder(r, 'A1');
    expect(again).toMatchObject({ status: 'rejected', erpFolio: null });
    expect(again?.rejectReason).toMatch(
      /La tienda envió otra vez el pedido A1 con otro contenido; ese identificador ya es el documento \S+ del ERP/,
    );
    expect((await erpMarkers()).get(erpMarker('order', key, 'A1'))).toBe(1);
    expect(events(r)).toContainEqual({
      Level: 'error',
      RecordKey: 'A1',
      Message: expect.stringMatching(/otro contenido/),
    });

    // A genuinely new store (new storeId at the same URL): its A1 is a new order, written as a new document.
    await control(r, '/reset', {});
    await control(r, '/orders?raw=1', [good('A1', { lines: [line({ quantity: 4, unitPrice: 50 })] })]);
    const fresh = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(fresh, 'orders')).toMatchObject({ counts: { imported: 1, rejected: 0 } });
    expect(fresh.message).toMatch(/La tienda de destino es otra/);
    const newKey = await storeKey(r);
    expect(newKey).not.toBe(key);
    const markers = await erpMarkers();
    expect(markers.get(erpMarker('order', newKey, 'A1'))).toBe(1);
    expect(markers.get(erpMarker('order', key, 'A1'))).toBe(1);
    expect((await storeOrder(r, 'A1'))?.erpDocumentId).not.toBe(first?.erpDocumentId);
  });
});

describe('the same store under another URL', () => {
  it('an order written but not acknowledged is acknowledged with its document after the URL changes, never written twice', async () => {
    const r = await rig();
    await control(r, '/orders?raw=1', [good('X-1')]);
    // The ERP commit happens, then every ack fails: the order stays written in the inbox.
    await control(r, '/faults', { kind: 'status', status: 503, method: 'POST', path: '/orders/X-1/ack', count: 50 });
    const first = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(phaseOf(first, 'orders')).toMatchObject({ state: 'failed', counts: { imported: 0, pending: 1 } });
    await fetch(`${r.sb.controlUrl}/faults`, { method: 'DELETE' });
    const before = await ourMarkers(r);
    expect([...before.values()]).toEqual([1]);

    // The same sandbox (same storeId) reached as localhost instead of 127.0.0.1: another origin, the same store.
    const sameStore = r.sb.url.replace('127.0.0.1', 'localhost');
    const saved = await r.c.service.saveSettings(r.scope.connectionId, [
      {
        companyId: '1',
        sync: true,
        period: '30',
        orders: true,
        invoices: false,
        branchId: '225490',
        autoStamp: false,
        claveProdServ: '',
        claveUnidad: '',
        url: sameStore,
        user: STORE.user,
        newPassword: STORE.password,
      },
    ]);
    expect(saved.ok).toBe(true);
    const second = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(second.message).toMatch(/La tienda de destino es otra \(http:\/\/localhost/);
    expect(phaseOf(second, 'orders')).toMatchObject({ state: 'success', counts: { imported: 1, pending: 0 } });
    expect(await ourMarkers(r)).toEqual(before);
    expect(await storeOrder(r, 'X-1')).toMatchObject({ status: 'acked' });
  });
});

describe('the sync state belongs to the store', () => {
  const catalogCount = async (sb: RunningSandbox) =>
    ((await (await fetch(`${sb.controlUrl}/counts`)).json()) as { catalogs: Record<string, { active: number }> })
      .catalogs;
  const total = (counts: Record<string, { active: number }>) => Object.values(counts).reduce((n, c) => n + c.active, 0);

  it('a URL changed to another (empty) store gets the whole catalog in one run; sync --full re-sends everything', async () => {
    const r = await rig();
    const first = await r.c.engine.run(r.scope, { trigger: 'manual' });
    expect(first.state).toBe('success');
    const sent = total(await catalogCount(r.sb));
    expect(sent).toBeGreaterThan(20);

    const other = await startSandbox({ dataFile: ':memory:', ...STORE });
    try {
      const saved = await r.c.service.saveSettings(r.scope.connectionId, [
        {
          companyId: '1',
          sync: true,
          period: '30',
          orders: true,
          invoices: false,
          branchId: '225490',
          autoStamp: false,
          claveProdServ: '',
          claveUnidad: '',
          url: other.url,
          user: STORE.user,
          newPassword: STORE.password,
        },
      ]);
      expect(saved.ok).toBe(true);
      const moved = await r.c.engine.run(r.scope, { trigger: 'manual' });
      expect(moved.state).toBe('success');
      expect(moved.message).toMatch(
        /La tienda de destino es otra \(http:\/\/127\.0\.0\.1:\d+, tienda [\w-]+\): se envían todos los catálogos completos/,
      );
      expect(total(await catalogCount(other))).toBe(sent);

      const noop = await r.c.engine.run(r.scope, { trigger: 'manual' });
      expect(noop.catalogs.reduce((n, c) => n + c.pushed, 0)).toBe(0);
      const full = await r.c.engine.run(r.scope, { trigger: 'manual', full: true });
      expect(full.message).toMatch(/Reenvío completo solicitado/);
      expect(full.catalogs.reduce((n, c) => n + c.pushed, 0)).toBe(sent);
    } finally {
      await other.close();
    }
  });
});
