import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { migrate } from '../../electron/settings/migrate';
import { MIGRATIONS } from '../../electron/settings/migrations';
import { ConnectionsRepo } from '../../electron/settings/connections-repo';
import { DestinationRepo } from '../../electron/engine/destination-repo';
import { OrderInboxRepo } from '../../electron/engine/phases/orders/order-inbox-repo';
import { erpMarker, MAX_MARKER_CHARS, requestIdOfInvoiceMarker } from '../../electron/erp/document-marker';
import { storeKeyOf } from '../../electron/engine/store-identity';
import { checkStoreUrl, normalizeStoreUrl, storeOrigin } from '../../shared/store-url';
import { tempDir } from '../helpers/temp-dir';
import { documentHash, ORDER_HASH_IGNORES } from '../../electron/store/document-hash';

const STORE_A = storeKeyOf({ origin: 'https://a.wopen.com.mx', storeId: 'uno' });
const STORE_B = storeKeyOf({ origin: 'https://a.wopen.com.mx', storeId: 'dos' });

describe('ERP markers carry the store identity', () => {
  it('readable while the id fits, hashed when not, never longer than ORDEN_COMPRA', () => {
    const short = erpMarker('order', STORE_A, 'T-1001');
    expect(short).toMatch(/^WOPEN-[A-Z2-7]{6}-T-1001$/);
    expect(erpMarker('order', STORE_B, 'T-1001')).not.toBe(short);
    expect(erpMarker('order', STORE_A, 'T-1001')).toBe(short);
    // The tag comes from the storeId: the same store reached by another URL keeps its markers.
    expect(erpMarker('order', storeKeyOf({ origin: 'https://www.a.wopen.com.mx', storeId: 'uno' }), 'T-1001')).toBe(
      short,
    );
    const uuid = '3f2c9a4e-8d1b-4c6e-9f0a-2b7d5e1c8a90';
    const long = erpMarker('order', STORE_A, uuid);
    expect(long).toMatch(/^WOPEN-[A-Z2-7]{6}#[A-Z2-7]{22}$/);
    expect(long).toHaveLength(MAX_MARKER_CHARS);
    // Non-ASCII ids, and ids with spaces at an end (ERP comparisons ignore them), are hashed: ASCII, distinct.
    expect(erpMarker('order', STORE_A, 'PEDIDO-ÑANDÚ')).toMatch(/^WOPEN-[A-Z2-7]{6}#/);
    expect(erpMarker('order', STORE_A, 'A ')).not.toBe(erpMarker('order', STORE_A, 'A'));
    const invoice = erpMarker('invoice', STORE_A, 'F-77');
    expect(invoice).toMatch(/^WOPEN-F-[A-Z2-7]{6}-F-77$/);
    expect(erpMarker('invoice', STORE_A, uuid)).toHaveLength(MAX_MARKER_CHARS);
    expect(requestIdOfInvoiceMarker(invoice)).toBe('F-77');
    expect(requestIdOfInvoiceMarker('WOPEN-F-OLD-1')).toBe('OLD-1');
    expect(requestIdOfInvoiceMarker(erpMarker('invoice', STORE_A, uuid))).toBeNull();
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
  migrate(
    db,
    MIGRATIONS.filter((m) => m.version <= 7),
  );
  const now = '2026-11-01T00:00:00Z';
  const add = db.prepare(
    "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip', ?, '{}', ?, 'u', ?, 'u')",
  );
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
    const rows = db
      .prepare(
        'SELECT ConnectionID, StoreKey, StoreOrderID, ErpMarker, State, ErpFolio FROM order_inbox ORDER BY rowid',
      )
      .all();
    expect(rows).toEqual([
      {
        ConnectionID: 1,
        StoreKey: '',
        StoreOrderID: 'A1',
        ErpMarker: 'WOPEN-A1',
        State: 'acked',
        ErpFolio: 'P00000003',
      },
      { ConnectionID: 2, StoreKey: '', StoreOrderID: 'B1', ErpMarker: 'WOPEN-B1', State: 'received', ErpFolio: null },
    ]);
    expect(db.prepare('SELECT ErpMarker FROM invoice_inbox').get()).toEqual({ ErpMarker: 'WOPEN-F-F1' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    // The first run binds the company to its store: the old rows are that store's.
    const destinations = new DestinationRepo(db);
    expect(
      destinations.bind(
        { connectionId: 1, companyId: '1' },
        { origin: 'https://a.wopen.com.mx', storeId: 'uno', name: null },
      ),
    ).toEqual({ kind: 'adopted', storeKey: STORE_A });
    const inbox = new OrderInboxRepo(db);
    expect(inbox.get({ connectionId: 1, companyId: '1', storeKey: STORE_A }, 'A1')).toMatchObject({
      state: 'acked',
      marker: 'WOPEN-A1',
      contentHash: null,
    });
    expect(inbox.get({ connectionId: 2, companyId: '1', storeKey: STORE_A }, 'B1')).toBeUndefined();
    // Connection 9 was deleted before the upgrade and its rows had no cascade: a new connection gets 10.
    const next = new ConnectionsRepo(db).insert(
      {
        name: 'nueva',
        config: { kind: 'microsip', host: 'h', port: 3050, folder: 'C:\\M\\', user: 'SYSDBA' },
        passwordSecretId: null,
      },
      'u',
      't',
    );
    expect(next).toBe(10);
  });

  it('a deleted connection id is never given to a new connection, and its inbox goes with it', () => {
    const db = openSettingsDatabase(':memory:');
    const repo = new ConnectionsRepo(db);
    const config = { kind: 'microsip' as const, host: 'h', port: 3050, folder: 'C:\\Microsip datos\\', user: 'SYSDBA' };
    const first = repo.insert({ name: 'uno', config, passwordSecretId: null }, 'u', 't');
    const inbox = new OrderInboxRepo(db);
    const scope = { connectionId: first, companyId: '1', storeKey: STORE_A };
    inbox.receive(
      scope,
      {
        id: 'A1',
        kind: 'pedido',
        paymentStatus: 'paid',
        createdAt: 't',
        customerKey: 'C',
        currency: 'MXN',
        lines: [],
        freight: 0,
      },
      'h1',
      'WX-A1',
    );
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
    const id = repo.insert(
      {
        name: 'x',
        config: { kind: 'microsip', host: 'h', port: 3050, folder: 'C:\\M\\', user: 'SYSDBA' },
        passwordSecretId: null,
      },
      'u',
      't',
    );
    const s = { connectionId: id, companyId: '1' };
    db.prepare(
      "INSERT INTO sync_records (ConnectionID, CompanyID, Catalog, RecordKey, Block, Hash) VALUES (?, '1', 'articles', 'A1', 0, 'h')",
    ).run(id);
    const d = new DestinationRepo(db);
    const a = { origin: 'https://a.wopen.com.mx', storeId: 'uno', name: null };
    expect(d.bind(s, a).kind).toBe('adopted');
    expect(d.bind(s, a).kind).toBe('same');
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_records').get()).toEqual({ n: 1 });
    expect(d.bind(s, { ...a, storeId: 'dos' })).toEqual({
      kind: 'changed',
      storeKey: STORE_B,
      previous: STORE_A,
      movedInbox: 0,
      leftOpen: 0,
    });
    expect(db.prepare('SELECT COUNT(*) AS n FROM sync_records').get()).toEqual({ n: 0 });
    expect(d.bind(s, { ...a, origin: 'https://b.wopen.com.mx', storeId: 'dos' }).kind).toBe('changed');
  });

  it('the same store under another URL keeps its orders: inbox rows move with it, so nothing is written twice', () => {
    const db = openSettingsDatabase(':memory:');
    const id = new ConnectionsRepo(db).insert(
      {
        name: 'x',
        config: { kind: 'microsip', host: 'h', port: 3050, folder: 'C:\\M\\', user: 'SYSDBA' },
        passwordSecretId: null,
      },
      'u',
      't',
    );
    const s = { connectionId: id, companyId: '1' };
    const d = new DestinationRepo(db);
    const www = { origin: 'https://www.a.wopen.com.mx', storeId: 'uno', name: null };
    const keyWww = d.bind(s, www).storeKey;
    const inbox = new OrderInboxRepo(db);
    const order = {
      id: 'X',
      kind: 'pedido' as const,
      paymentStatus: 'paid' as const,
      createdAt: 't',
      customerKey: 'C',
      currency: 'MXN',
      lines: [],
      freight: 0,
    };
    const got = inbox.receive({ ...s, storeKey: keyWww }, order, 'h-x', erpMarker('order', keyWww, 'X'));
    inbox.written({ ...s, storeKey: keyWww }, 'X', { documentId: '9', folio: 'P9' }); // the ack then failed
    expect(got.kind).toBe('row');
    // The user removes "www." from the URL: same storeId, another origin.
    const moved = d.bind(s, { ...www, origin: 'https://a.wopen.com.mx' });
    expect(moved).toMatchObject({ kind: 'changed', movedInbox: 1, leftOpen: 0 });
    const row = inbox.get({ ...s, storeKey: moved.storeKey }, 'X');
    expect(row).toMatchObject({
      state: 'written',
      document: { documentId: '9' },
      marker: erpMarker('order', keyWww, 'X'),
    });
    expect(inbox.open({ ...s, storeKey: moved.storeKey })).toHaveLength(1);
    // Another store (another storeId): the open order is reported as left behind, not moved.
    const other = d.bind(s, { origin: 'https://a.wopen.com.mx', storeId: 'dos', name: null });
    expect(other).toMatchObject({ kind: 'changed', movedInbox: 0, leftOpen: 1 });
  });

  it('a pre-upgrade row is only adopted for identical content; other content is a conflict, never a re-ack', () => {
    const db = openSettingsDatabase(':memory:');
    const inbox = new OrderInboxRepo(db);
    const scope = { connectionId: 1, companyId: '1', storeKey: STORE_A };
    const legacy = {
      id: 'A1',
      kind: 'pedido',
      createdAt: '2026-11-01T00:00:00Z',
      customerKey: 'C1',
      currency: 'MXN',
      lines: [{ articleKey: 'A', quantity: 2, unitPrice: 100 }],
      freight: 0,
    };
    db.prepare(
      `INSERT INTO order_inbox (ConnectionID, CompanyID, StoreKey, StoreOrderID, Kind, Payload, ContentHash, ErpMarker, State, ErpDocumentID, ErpFolio, ReceivedAt, UpdatedAt)
       VALUES (1, '1', ?, 'A1', 'pedido', ?, NULL, 'WOPEN-A1', 'acked', '55', 'P3', 't', 't')`,
    ).run(STORE_A, JSON.stringify(legacy));
    const same = { ...legacy, paymentStatus: 'paid' as const, kind: 'pedido' as const };
    const other = { ...same, lines: [{ articleKey: 'A', quantity: 9, unitPrice: 555 }] };
    expect(inbox.receive(scope, other, documentHash(other, ORDER_HASH_IGNORES), 'm').kind).toBe('conflict');
    expect(inbox.receive(scope, same, documentHash(same, ORDER_HASH_IGNORES), 'm')).toMatchObject({
      kind: 'row',
      row: { state: 'acked', marker: 'WOPEN-A1' },
    });
  });
});
