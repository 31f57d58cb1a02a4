export interface Migration {
  /** Strictly increasing, never reused. */
  version: number;
  name: string;
  sql: string;
  /**
   * Runs with foreign keys off (checked with foreign_key_check before commit): needed to rebuild a table that
   * others reference, which SQLite's DROP TABLE would otherwise cascade into.
   */
  foreignKeysOff?: boolean;
}
