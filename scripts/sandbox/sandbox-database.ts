import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * The sandbox's SQLite file. WAL + synchronous=NORMAL: durable enough for a test store that must survive a
 * restart, and fast enough for the benchmark's ~700k records.
 */
export function openSandboxDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  return db;
}

const SCHEMA = `
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

export function wipeSandboxDatabase(db: Database): void {
  db.exec('DELETE FROM records; DELETE FROM idempotency; DELETE FROM tokens; DELETE FROM orders; DELETE FROM invoice_requests;');
}
