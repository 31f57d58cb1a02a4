import type { Migration } from './types';

/**
 * One table for what each phase of a run did (orders, invoices, and any later inbound flow), counts as JSON,
 * so a new phase needs no table of its own. The rows of `sync_run_orders` and `sync_run_invoices` move here;
 * their State is NULL, as those tables did not keep it.
 */
export const migration009: Migration = {
  version: 9,
  name: 'run-phases',
  sql: `
    CREATE TABLE sync_run_phases (
      RunID   INTEGER NOT NULL REFERENCES sync_runs (RunID) ON DELETE CASCADE,
      Phase   TEXT NOT NULL,
      State   TEXT CHECK (State IN ('success', 'failed', 'skipped')),
      Counts  TEXT NOT NULL,
      Message TEXT,
      PRIMARY KEY (RunID, Phase)
    );
    INSERT INTO sync_run_phases (RunID, Phase, State, Counts, Message)
      SELECT RunID, 'orders', NULL, json_object('imported', Imported, 'rejected', Rejected, 'pending', Pending), Message
      FROM sync_run_orders ORDER BY RunID;
    INSERT INTO sync_run_phases (RunID, Phase, State, Counts, Message)
      SELECT RunID, 'invoices', NULL, json_object('created', Created, 'stamped', Stamped, 'unstamped', Unstamped, 'rejected', Rejected), Message
      FROM sync_run_invoices ORDER BY RunID;
    DROP TABLE sync_run_orders;
    DROP TABLE sync_run_invoices;
  `,
};
