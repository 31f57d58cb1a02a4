import type { Migration } from './types';

/**
 * Bounded run history: a run keeps its first per-record errors and only counts the rest (`ErrorsOmitted`), so a
 * catalog that rejects the same thousands of records every five minutes cannot grow `sync_run_errors` without end.
 * The index serves the daily purge of old runs (by age, like the events); 011's rebuild of `sync_runs` dropped
 * the one 003 made.
 */
export const migration015: Migration = {
  version: 15,
  name: 'run-errors-cap',
  sql: `
    ALTER TABLE sync_runs ADD COLUMN ErrorsOmitted INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX IF NOT EXISTS sync_runs_by_start ON sync_runs (StartedAt);
  `,
};
