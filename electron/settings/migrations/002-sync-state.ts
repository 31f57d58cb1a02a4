import type { Migration } from './types';

/**
 * Sync engine state. `sync_records` is the ERP key → last pushed content hash map (per connection, company
 * and catalog); `sync_blocks` the block checksums read from the ERP at the last complete pass of each block.
 * Both only advance after the store accepted the records. `sync_runs` / `sync_run_catalogs` /
 * `sync_run_errors` are the history (Historial de sincronización).
 */
export const migration002: Migration = {
  version: 2,
  name: 'sync-state',
  sql: `
    CREATE TABLE sync_records (
      ConnectionID  INTEGER NOT NULL,
      CompanyID     TEXT NOT NULL,
      Catalog       TEXT NOT NULL,
      RecordKey     TEXT NOT NULL,
      Block         INTEGER NOT NULL,
      Hash          TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID, Catalog, RecordKey),
      FOREIGN KEY (ConnectionID) REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE
    ) WITHOUT ROWID;
    CREATE INDEX sync_records_by_block ON sync_records (ConnectionID, CompanyID, Catalog, Block);

    CREATE TABLE sync_blocks (
      ConnectionID  INTEGER NOT NULL,
      CompanyID     TEXT NOT NULL,
      Catalog       TEXT NOT NULL,
      Block         INTEGER NOT NULL,
      Checksum      TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID, Catalog, Block),
      FOREIGN KEY (ConnectionID) REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE
    ) WITHOUT ROWID;

    -- Which fields were sent per catalog (field toggles): a change forces every block to be compared again.
    CREATE TABLE sync_catalogs (
      ConnectionID  INTEGER NOT NULL,
      CompanyID     TEXT NOT NULL,
      Catalog       TEXT NOT NULL,
      Projection    TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID, Catalog),
      FOREIGN KEY (ConnectionID) REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE
    ) WITHOUT ROWID;

    CREATE TABLE sync_runs (
      RunID         INTEGER PRIMARY KEY,
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      Trigger       TEXT NOT NULL CHECK (Trigger IN ('manual', 'automatic')),
      DryRun        INTEGER NOT NULL DEFAULT 0 CHECK (DryRun IN (0, 1)),
      State         TEXT NOT NULL CHECK (State IN ('running', 'success', 'partial', 'failed')),
      StartedAt     TEXT NOT NULL,
      HeartbeatAt   TEXT NOT NULL,
      EndedAt       TEXT,
      Message       TEXT
    );
    CREATE INDEX sync_runs_by_company ON sync_runs (ConnectionID, CompanyID, StartedAt);

    CREATE TABLE sync_run_catalogs (
      RunID       INTEGER NOT NULL REFERENCES sync_runs (RunID) ON DELETE CASCADE,
      Catalog     TEXT NOT NULL,
      State       TEXT NOT NULL CHECK (State IN ('running', 'success', 'partial', 'failed', 'skipped', 'unavailable')),
      StartedAt   TEXT NOT NULL,
      EndedAt     TEXT,
      Read        INTEGER NOT NULL DEFAULT 0,
      Pushed      INTEGER NOT NULL DEFAULT 0,
      Unchanged   INTEGER NOT NULL DEFAULT 0,
      Deleted     INTEGER NOT NULL DEFAULT 0,
      Failed      INTEGER NOT NULL DEFAULT 0,
      Message     TEXT,
      PRIMARY KEY (RunID, Catalog)
    );

    CREATE TABLE sync_run_errors (
      ErrorID     INTEGER PRIMARY KEY,
      RunID       INTEGER NOT NULL REFERENCES sync_runs (RunID) ON DELETE CASCADE,
      Catalog     TEXT NOT NULL,
      RecordKey   TEXT,
      Phase       TEXT NOT NULL CHECK (Phase IN ('read', 'push', 'state')),
      Message     TEXT NOT NULL,
      At          TEXT NOT NULL
    );
    CREATE INDEX sync_run_errors_by_run ON sync_run_errors (RunID);
  `,
};
