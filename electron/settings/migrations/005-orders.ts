import type { Migration } from './types';

/**
 * Orders from the store into the ERP, exactly once.
 * `order_inbox` records every store order before the ERP is touched, keyed by connection × company × store
 * order id, and follows it: received → written (ERP document id + folio) → acked, or rejected. Reconciliation
 * on every run reads it: written-but-not-acked is acknowledged, received is looked up in the ERP first.
 * `order_import_locks` keeps two processes from importing the same company at once. `order_settings` is the per-company configuration (series for Pedidos and Cotizaciones, freight article,
 * RFC required, warehouse). `sync_run_orders` keeps each run's counts (imported, rejected, pending).
 */
export const migration005: Migration = {
  version: 5,
  name: 'orders',
  sql: `
    CREATE TABLE order_inbox (
      ConnectionID   INTEGER NOT NULL,
      CompanyID      TEXT NOT NULL,
      StoreOrderID   TEXT NOT NULL,
      Kind           TEXT NOT NULL CHECK (Kind IN ('pedido', 'cotizacion')),
      Payload        TEXT NOT NULL,
      State          TEXT NOT NULL CHECK (State IN ('received', 'written', 'acked', 'rejected')),
      ErpDocumentID  TEXT,
      ErpFolio       TEXT,
      Attempts       INTEGER NOT NULL DEFAULT 0,
      LastError      TEXT,
      RejectReason   TEXT,
      ReceivedAt     TEXT NOT NULL,
      WrittenAt      TEXT,
      AckedAt        TEXT,
      RejectedAt     TEXT,
      UpdatedAt      TEXT NOT NULL,
      UNIQUE (ConnectionID, CompanyID, StoreOrderID)
    );
    CREATE INDEX order_inbox_open ON order_inbox (ConnectionID, CompanyID, State) WHERE State IN ('received', 'written');

    -- One importer per company at a time, across processes (the console and the CLI share the database):
    -- the holder's pid and a lease; a dead pid or an expired lease frees it (kill -9, power loss).
    CREATE TABLE order_import_locks (
      ConnectionID  INTEGER NOT NULL,
      CompanyID     TEXT NOT NULL,
      Owner         TEXT NOT NULL,
      Pid           INTEGER NOT NULL,
      Until         TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID)
    ) WITHOUT ROWID;

    CREATE TABLE order_settings (
      ConnectionID        INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID           TEXT NOT NULL,
      SeriePedidos        TEXT,
      SerieCotizaciones   TEXT,
      ArticuloFletesID    TEXT,
      AlmacenID           TEXT,
      RequiereRfc         INTEGER NOT NULL DEFAULT 0 CHECK (RequiereRfc IN (0, 1)),
      UpdatedOn           TEXT NOT NULL,
      UpdatedBy           TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID)
    ) WITHOUT ROWID;

    CREATE TABLE sync_run_orders (
      RunID     INTEGER PRIMARY KEY REFERENCES sync_runs (RunID) ON DELETE CASCADE,
      Imported  INTEGER NOT NULL DEFAULT 0,
      Rejected  INTEGER NOT NULL DEFAULT 0,
      Pending   INTEGER NOT NULL DEFAULT 0,
      Message   TEXT
    );
  `,
};
