import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { migrate } from '../../electron/settings/migrate';
import { MIGRATIONS } from '../../electron/settings/migrations';
import { ConnectionsRepo } from '../../electron/settings/connections-repo';
import { DestinationRepo } from '../../electron/engine/destination-repo';
import { OrderInboxRepo } from '../../electron/engine/orders/order-inbox-repo';
import { erpMarker, MAX_MARKER_CHARS, requestIdOfInvoiceMarker } from '../../electron/erp/document-marker';
import { storeKeyOf } from '../../electron/engine/store-identity';
import { checkStoreUrl, normalizeStoreUrl, storeOrigin } from '../../shared/store-url';
import { tempDir } from '../helpers/temp-dir';

const STORE_A = storeKeyOf({ origin: 'https://a.wopen.com.mx', storeId: 'uno' });
const STORE_B = storeKeyOf({ origin: 'https://a.wopen.com.mx', storeId: 'dos' });

describe('ERP markers carry the store identity', () => {
  it('readable while the id fits, hashed when not, never longer than ORDEN_COMPRA', () => {
    const short = erpMarker('W', STORE_A, 'T-1001');
    expect(short).toMatch(/^W[A-Z2-7]{6}-T-1001$/);
    expect(erpMarker('W', STORE_B, 'T-1001')).not.toBe(short);
    expect(erpMarker('W', STORE_A, 'T-1001')).toBe(short);
    const uuid = '3f2c9a4e-8d1b-4c6e-9f0a-2b7d5e1c8a90';
    const long = erpMarker('W', STORE_A, uuid);
    expect(long).toMatch(/^W[A-Z2-7]{6}#[A-Z2-7]{24}$/);
    expect(long.length).toBeLessThanOrEqual(MAX_MARKER_CHARS);
    // Non-ASCII ids are hashed too: the marker is plain ASCII in any code page.
    expect(erpMarker('W', STORE_A, 'PEDIDO-ÑANDÚ')).toMatch(/^W[A-Z2-7]{6}#/);
    const invoice = erpMarker('WF', STORE_A, 'F-77');
    expect(invoice).toMatch(/^WF[A-Z2-7]{6}-F-77$/);
    expect(requestIdOfInvoiceMarker(invoice)).toBe('F-77');
    expect(requestIdOfInvoiceMarker('WOPEN-F-OLD-1')).toBe('OLD-1');
    expect(requestIdOfInvoiceMarker(erpMarker('WF', STORE_A, uuid))).toBeNull();
  });
});

describe('store URLs: one origin however it is typed', () => {
  it.each([
    ['https://Tienda.Wopen.COM.MX./', 'https://tienda.wopen.com.mx'],
    ['https://tienda.wopen.com.mx:443/ruta?x=1#y', 'https://tienda.wopen.com.mx'],
    ['https://xn--aand-zsa.wopen.com.mx', 'https://xn--aand-zsa.wopen.com.mx'],
    ['https://ñandú.wopen.com.mx', 'https://xn--and-6ma2c.wopen.com.mx'],
    ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
  ])('%s → %s', (typed, origin) => {
    expect(storeOrigin(typed)).toBe(origin);
  });

  it('trailing dots and malformed percent-encoding never break the one-URL-per-company key', () => {
    expect(normalizeStoreUrl('https://tienda.wopen.com.mx.')).toBe(normalizeStoreUrl('https://tienda.wopen.com.mx'));
    expect(normalizeStoreUrl('https://shop.example.com/%E0%A4%A')).toBe('https://shop.example.com/%e0%a4%a');
    expect(checkStoreUrl('https://usuario:clave@tienda.wopen.com.mx')).toMatchObject({ ok: false });
  });
});

function legacyDatabase(file: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.filter((m) => m.version <= 7));
  const now = '2026-11-01T00:00:00Z';
  const add = db.prepare("INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip', ?, '{}', ?, 'u', ?, 'u')");
  add.run('uno', now, now);
  add.run('dos', now, now);
  const order = db.prepare(
    "INSERT INTO order_inbox (ConnectionID, CompanyID, StoreOrderID, Kind, Payload, State, ErpDocumentID, ErpFolio, ReceivedAt, UpdatedAt) VALUES (?, '1', ?, 'pedido', ?, ?, ?, ?, ?, ?)",
  );
  order.run(1, 'A1', JSON.stringify({ id: 'A1', kind: 'pedido', lines: [] }), 'acked', '55', 'P00000003', now, now);
  order.run(2, 'B1', JSON.stringify({ id: 'B1', kind: 'pedido', lines: [] }), 'received', null, null, now, now);
  // A row of a connection deleted before (no cascade then): it must not be inherited by a new connection.
  order.run(9, 'HUERFANO', JSON.stringify({ id: 'HUERFANO', kind: 'pedido', lines: [] }), 'acked', '1', 'P1', now, now);
  db.prepare(
    "INSERT INTO invoice_inbox (ConnectionID, CompanyID, RequestID, Payload, State, ReceivedAt, UpdatedAt) VALUES (1, '1', 'F1', '{}', 'received', ?, ?)",
  ).run(now, now);
  return db;
}

describe('migration 008: store identities, content hashes, ids never reused', () => {
  it('keeps every row of a pre-identity database, adopts them for the first store, drops orphans', () => {
    const file = path.join(tempDir(), 'legacy.sqlite');
    legacyDatabase(file).close();
    const db = openSettingsDatabase(file);
    const rows = db.prepare('SELECT ConnectionID, StoreKey, StoreOrderID, ErpMarker, State, ErpFolio FROM order_inbox ORDER BY rowid').all();
    expect(rows).toEqual([
      { ConnectionID: 1, StoreKey: '', StoreOrderID: 'A1', ErpMarker: 'WOPEN-A1', State: 'acked', ErpFolio: 'P00000003' },
      { ConnectionID: 2, StoreKey: '', StoreOrderID: 'B1', ErpMarker: 'WOPEN-B1', State: 'received', ErpFolio: null },
    ]);
    expect(db.prepare('SELECT ErpMarker FROM invoice_inbox').get()).toEqual({ ErpMarker: 'WOPEN-F-F1' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    // The first run binds the company to its store: the old rows are that store's.
    const destinations = new DestinationRepo(db);
    expect(destinations.bind({ connectionId: 1, companyId: '1' }, { origin: 'https://a.wopen.com.mx', storeId: 'uno', name: null })).toEqual({ kind: 'adopted', storeKey: STORE_A });
    const inbox = new OrderInboxRepo(db);
    expect(inbox.get({ connectionId: 1, companyId: '1', storeKey: STORE_A }, 'A1')).toMatchObject({ state: 'acked', marker: 'WOPEN-A1', contentHash: null });
    expect(inbox.get({ connectionId: 2, companyId: '1', storeKey: STORE_A }, 'B1')).toBeUndefined();
  });

  it('a deleted connection id is never given to a new connection, and its inbox goes with it', () => {
    const db = openSettingsDatabase(':memory:');
    const repo = new ConnectionsRepo(db);
    const config = { kind: 'microsip' as const, host: 'h', port: 3050, folder: 'C:\\Microsip datos\\', user: 'SYSDBA' };
    const first = repo.insert({ name: 'uno', config, passwordSecretId: null }, 'u', 't');
    const inbox = new OrderInboxRepo(db);
    const scope = { connectionId: first, companyId: '1', storeKey: STORE_A };
    inbox.receive(scope, { id: 'A1', kind: 'pedido', paymentStatus: 'paid', createdAt: 't', customerKey: 'C', currency: 'MXN', lines: [], freight: 0 }, 'h1', 'WX-A1');
    expect(repo.delete(first)).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM order_inbox').get()).toEqual({ n: 0 });
    const second = repo.insert({ name: 'dos', config, passwordSecretId: null }, 'u', 't');
    expect(second).toBeGreaterThan(first);
  });

});

describe('a company remembers which store its sync state belongs to', () => {
  it('same store: nothing changes; another storeId or origin: the state is dropped', () => {
    const db = openSettingsDatabase(':memory:');
    const repo = new ConnectionsRepo(db);
    const id = repo.insert({ name: 'x', config: { kind: 'microsip', host: 'h', port: 3050, folder: 'C:\\M\\', user: 'SYSDBA' }, passwordSecretId: null }, 'u', 't');
    const s = { connectionId: id, companyId: '1' };
    db.prepare("INSERT INTO sync_records (ConnectionID, CompanyID, Catalog, RecordKey, Block, Hash) VALUES (?, '1', 'articles', 'A1', 0, 'h')").run(id);
    const d = new DestinationRepo(db);
    const a = { origin: 'https://a.wopen.com.mx', storeId: 'uno', name: null };
    expect(d.bind(s, a).kind).toBe('adopted');
    expect(d.bind(s, a).kind).toBe('same');
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_records').get()).toEqual({ n: 1 });
    expect(d.bind(s, { ...a, storeId: 'dos' })).toEqual({ kind: 'changed', storeKey: STORE_B, previous: STORE_A });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_records').get()).toEqual({ n: 0 });
    expect(d.bind(s, { ...a, origin: 'https://b.wopen.com.mx', storeId: 'dos' }).kind).toBe('changed');
  });
});
