import type { Migration } from './types';

/**
 * *Pausar sincronización*: one row per paused company, or one row for every company (ConnectionID and CompanyID
 * NULL). Both the service and the console read it at run time, so a pause saved by either stops the other's next
 * run. `Until` NULL means until someone resumes; a row past its `Until` no longer pauses anything.
 */
export const migration012: Migration = {
  version: 12,
  name: 'sync-pauses',
  sql: `
    CREATE TABLE sync_pauses (
      PauseID       INTEGER PRIMARY KEY,
      ConnectionID  INTEGER REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT,
      PausedAt      TEXT NOT NULL,
      PausedBy      TEXT NOT NULL,
      Until         TEXT,
      CHECK ((ConnectionID IS NULL) = (CompanyID IS NULL))
    );
    CREATE UNIQUE INDEX sync_pauses_by_target ON sync_pauses (IFNULL(ConnectionID, 0), IFNULL(CompanyID, ''));
  `,
};
