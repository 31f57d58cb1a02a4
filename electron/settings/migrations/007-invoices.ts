import type { Migration } from './types';

/**
 * Invoice requests from the store into the ERP, exactly once, and their stamping.
 * `invoice_inbox` records every request before the ERP is touched: received → written (ERP invoice) →
 * stamped (UUID, and the XML/PDF until the store has them), or rejected. `Told` is what the store was last
 * told (pending / stamped / failed), so a lost answer is repeated and nothing is told twice needlessly.
 * `sync_run_invoices` keeps each run's counts for the history.
 */
export const migration007: Migration = {
  version: 7,
  name: 'invoices',
  sql: `
    CREATE TABLE invoice_inbox (
      ConnectionID    INTEGER NOT NULL,
      CompanyID       TEXT NOT NULL,
      RequestID       TEXT NOT NULL,
      Payload         TEXT NOT NULL,
      State           TEXT NOT NULL CHECK (State IN ('received', 'written', 'stamped', 'rejected')),
      Told            TEXT CHECK (Told IN ('pending', 'stamped', 'failed')),
      ErpDocumentID   TEXT,
      ErpFolio        TEXT,
      Uuid            TEXT,
      Xml             TEXT,
      PdfBase64       TEXT,
      RejectReason    TEXT,
      StampError      TEXT,
      Attempts        INTEGER NOT NULL DEFAULT 0,
      LastError       TEXT,
      ReceivedAt      TEXT NOT NULL,
      UpdatedAt       TEXT NOT NULL,
      UNIQUE (ConnectionID, CompanyID, RequestID)
    );
    -- Open = not finished with the store: everything but stamped-and-told and rejected-and-told.
    CREATE INDEX invoice_inbox_open ON invoice_inbox (ConnectionID, CompanyID, State)
      WHERE NOT ((State = 'stamped' AND Told = 'stamped') OR (State = 'rejected' AND Told = 'failed'));

    CREATE TABLE sync_run_invoices (
      RunID     INTEGER PRIMARY KEY REFERENCES sync_runs (RunID) ON DELETE CASCADE,
      Created   INTEGER NOT NULL DEFAULT 0,
      Stamped   INTEGER NOT NULL DEFAULT 0,
      Unstamped INTEGER NOT NULL DEFAULT 0,
      Rejected  INTEGER NOT NULL DEFAULT 0,
      Message   TEXT
    );
  `,
};
