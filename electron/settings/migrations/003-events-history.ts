import type { Migration } from './types';

/**
 * Visor de eventos, Historial. Events gain structured columns (run, catalog, record key, trigger)
 * and indexes for the viewer's queries: newest first (At DESC, EventID DESC) with the company / level
 * filters as index prefixes, so a filtered page over a million events walks only matching rows.
 * `app_settings` is a small key-value table for console-wide settings (retention of the event log).
 */
export const migration003: Migration = {
  version: 3,
  name: 'events-history',
  sql: `
    ALTER TABLE events ADD COLUMN RunID INTEGER;
    ALTER TABLE events ADD COLUMN Catalog TEXT;
    ALTER TABLE events ADD COLUMN RecordKey TEXT;
    ALTER TABLE events ADD COLUMN Trigger TEXT CHECK (Trigger IS NULL OR Trigger IN ('manual', 'automatic'));

    DROP INDEX IF EXISTS events_by_company_time;
    CREATE INDEX events_by_company_time ON events (CompanyID, At);
    CREATE INDEX events_by_company_level_time ON events (CompanyID, Level, At);
    CREATE INDEX events_by_level_time ON events (Level, At);
    CREATE INDEX events_by_run ON events (RunID) WHERE RunID IS NOT NULL;

    CREATE INDEX sync_runs_by_start ON sync_runs (StartedAt);

    CREATE TABLE app_settings (
      Key        TEXT PRIMARY KEY,
      Value      TEXT NOT NULL,
      UpdatedOn  TEXT NOT NULL
    ) WITHOUT ROWID;
  `,
};
