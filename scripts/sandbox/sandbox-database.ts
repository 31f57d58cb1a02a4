import { randomUUID } from 'node:crypto';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * The sandbox's SQLite file. WAL + synchronous=NORMAL: durable enough for a test store that must survive a
 * restart, and fast enough for the benchmark's ~700k records.
 */
export function openSandboxDatabase(file: string, initialStoreId?: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  // The store gets its identity when its file is born; a file that already has one keeps it.
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('storeId', ?)").run(initialStoreId ?? randomUUID());
  return db;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS records (
  catalog    TEXT NOT NULL,
  key        TEXT NOT NULL,
  data       TEXT NOT NULL,
  active     INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  version    INTEGER NOT NULL,
  PRIMARY KEY (catalog, key)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS idempotency (
  key        TEXT PRIMARY KEY,
  body_hash  TEXT NOT NULL,
  status     INTEGER NOT NULL,
  response   TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS tokens (
  token      TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS orders (
  seq             INTEGER PRIMARY KEY AUTOINCREMENT,
  id              TEXT NOT NULL UNIQUE,
  created_at      TEXT NOT NULL,
  payload         TEXT NOT NULL,
  status          TEXT NOT NULL,
  erp_folio       TEXT,
  erp_document_id TEXT,
  reject_reason   TEXT,
  updated_at      TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS invoice_requests (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  payload    TEXT NOT NULL,
  status     TEXT NOT NULL,
  result     TEXT,
  updated_at TEXT NOT NULL
);
`;

/** The store's identity (`storeId` of /ping): what tells a client it is talking to the same store's data. */
export function readStoreId(db: Database): string {
  return (db.prepare("SELECT value FROM meta WHERE key = 'storeId'").get() as { value: string }).value;
}

export function writeStoreId(db: Database, storeId: string): void {
  db.prepare(
    "INSERT INTO meta (key, value) VALUES ('storeId', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(storeId);
}

/** The contract's bounds of a storeId (docs/wopen-api.md, "Ping"): the sandbox only ever reports valid ones. */
export function isStoreId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= 128;
}
export const STORE_ID_RULE = 'storeId must be a string of 1 to 128 characters';

/** Everything goes, and the store is born again: a reset store is a new store, so it reports a new storeId. */
export function wipeSandboxDatabase(db: Database): void {
  db.transaction(() => {
    db.exec(
      'DELETE FROM records; DELETE FROM idempotency; DELETE FROM tokens; DELETE FROM orders; DELETE FROM invoice_requests;',
    );
    writeStoreId(db, randomUUID());
  })();
}
