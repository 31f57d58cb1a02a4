import type { Migration } from './types';

/**
 * The company identity guard (docs/identity-guard.md): per company, the identity first seen (or last confirmed)
 * and, while a run found another one, the identity seen and why it stopped. BlockedAt not null = the company's
 * sync is paused until a person confirms; independent of any other pause.
 */
export const migration013: Migration = {
  version: 13,
  name: 'company-identity',
  sql: `
    CREATE TABLE company_identities (
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      -- CompanyIdentity as JSON (rfc, name, database, databaseKind, stamp, sources)
      Identity      TEXT NOT NULL,
      RecordedAt    TEXT NOT NULL,
      ConfirmedAt   TEXT,
      ConfirmedBy   TEXT,
      BlockedAt     TEXT,
      Seen          TEXT,
      Reasons       TEXT,
      PRIMARY KEY (ConnectionID, CompanyID),
      CHECK ((BlockedAt IS NULL) = (Seen IS NULL))
    ) WITHOUT ROWID;
  `,
};
