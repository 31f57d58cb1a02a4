import type { Migration } from './types';

/**
 * Held deactivations: a run that would deactivate too much of a catalog (or a catalog that read empty) keeps those
 * keys here instead of sending them, until a person applies (the next run sends them) or discards them. The run then ends `review`
 * (*Requiere revisión*), a state SQLite's CHECK on `sync_runs` must be rebuilt to accept; the rows keep their ids,
 * so the catalogs, errors and phases that reference them stay attached. `alert_problems` learns the conditions
 * a person must act on (held deactivations, another company's identity, a pause left on, a stalled run).
 */
export const migration011: Migration = {
  version: 11,
  name: 'held-deactivations',
  foreignKeysOff: true,
  sql: `
    CREATE TABLE sync_runs_new (
      RunID         INTEGER PRIMARY KEY,
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      Trigger       TEXT NOT NULL CHECK (Trigger IN ('manual', 'automatic')),
      DryRun        INTEGER NOT NULL DEFAULT 0 CHECK (DryRun IN (0, 1)),
      State         TEXT NOT NULL CHECK (State IN ('running', 'success', 'partial', 'failed', 'review')),
      StartedAt     TEXT NOT NULL,
      HeartbeatAt   TEXT NOT NULL,
      EndedAt       TEXT,
      Message       TEXT
    );
    INSERT INTO sync_runs_new SELECT RunID, ConnectionID, CompanyID, Trigger, DryRun, State, StartedAt, HeartbeatAt, EndedAt, Message
      FROM sync_runs ORDER BY RunID;
    DROP TABLE sync_runs;
    ALTER TABLE sync_runs_new RENAME TO sync_runs;
    CREATE INDEX sync_runs_by_company ON sync_runs (ConnectionID, CompanyID, StartedAt);

    ALTER TABLE sync_run_catalogs ADD COLUMN Held INTEGER NOT NULL DEFAULT 0;

    CREATE TABLE alert_problems_new (
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      Kind          TEXT NOT NULL CHECK (Kind IN ('failing', 'stale', 'review', 'identity', 'paused', 'watchdog')),
      OpenedAt      TEXT NOT NULL,
      LastAlertAt   TEXT NOT NULL,
      Occurrences   INTEGER NOT NULL DEFAULT 1,
      LastRunID     INTEGER,
      Message       TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID, Kind)
    ) WITHOUT ROWID;
    INSERT INTO alert_problems_new SELECT ConnectionID, CompanyID, Kind, OpenedAt, LastAlertAt, Occurrences, LastRunID, Message
      FROM alert_problems;
    DROP TABLE alert_problems;
    ALTER TABLE alert_problems_new RENAME TO alert_problems;

    -- One held set per company and catalog: the latest run's verdict replaces the previous one.
    CREATE TABLE held_catalogs (
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      Catalog       TEXT NOT NULL,
      RunID         INTEGER NOT NULL,
      Reason        TEXT NOT NULL CHECK (Reason IN ('threshold', 'emptied')),
      Held          INTEGER NOT NULL,
      StoreHolds    INTEGER NOT NULL,
      ErpCount      INTEGER NOT NULL,
      HeldAt        TEXT NOT NULL,
      -- *Aplicar*: the next run of the company, in whichever process holds the engine, sends these keys.
      ApprovedAt    TEXT,
      ApprovedBy    TEXT,
      PRIMARY KEY (ConnectionID, CompanyID, Catalog)
    ) WITHOUT ROWID;
    CREATE TABLE held_deactivations (
      ConnectionID  INTEGER NOT NULL,
      CompanyID     TEXT NOT NULL,
      Catalog       TEXT NOT NULL,
      RecordKey     TEXT NOT NULL,
      Block         INTEGER NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID, Catalog, RecordKey),
      FOREIGN KEY (ConnectionID, CompanyID, Catalog) REFERENCES held_catalogs (ConnectionID, CompanyID, Catalog) ON DELETE CASCADE
    ) WITHOUT ROWID;
  `,
};
