import type { Migration } from './types';

/**
 * One engine per settings database. `engine_lease` is a single row held by the process that runs
 * the engine (the console's main process, `wopen-sync run`, or a one-shot `wopen-sync sync`), renewed by a heartbeat; an expired heartbeat
 * or a dead pid on the same host frees it. `sync_requests` is how a console that only monitors asks the
 * holder for *Sincronizar ahora*. `engine_progress` is the holder's latest progress per company, so the
 * monitor can draw the same progress bar.
 */
export const migration006: Migration = {
  version: 6,
  name: 'engine-lease',
  sql: `
    CREATE TABLE engine_lease (
      LeaseID      INTEGER PRIMARY KEY CHECK (LeaseID = 1),
      Owner        TEXT NOT NULL,
      Kind         TEXT NOT NULL CHECK (Kind IN ('console', 'service', 'cli')),
      Pid          INTEGER NOT NULL,
      Host         TEXT NOT NULL,
      Version      TEXT NOT NULL,
      AcquiredAt   TEXT NOT NULL,
      HeartbeatAt  TEXT NOT NULL,
      ExpiresAt    TEXT NOT NULL
    );

    CREATE TABLE sync_requests (
      RequestID     INTEGER PRIMARY KEY,
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      RequestedAt   TEXT NOT NULL,
      RequestedBy   TEXT NOT NULL,
      HandledAt     TEXT,
      Result        TEXT
    );
    CREATE INDEX sync_requests_open ON sync_requests (RequestID) WHERE HandledAt IS NULL;

    CREATE TABLE engine_progress (
      ConnectionID  INTEGER NOT NULL,
      CompanyID     TEXT NOT NULL,
      Payload       TEXT NOT NULL,
      UpdatedAt     TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID)
    ) WITHOUT ROWID;
  `,
};
