import type { Migration } from './types';

/**
 * What the engine remembers belongs to one store (docs/wopen-api.md "Store identity").
 * - `sync_destinations`: per company, the store identity (origin#storeId) its sync state was built against;
 *   another identity drops that state and the run pushes everything.
 * - Both inboxes are keyed by the store identity too, keep a SHA-256 of each document's content (a reused id
 *   with other content is never acknowledged against the old document), the ERP marker written for it, and
 *   whether the store sent it malformed. Rows from before keep StoreKey '' until the first run adopts them
 *   for the store it finds, and their marker is the old 'WOPEN-<id>'.
 * - `erp_connections` gets AUTOINCREMENT so a deleted connection's id is never given to a new one; rows of
 *   connections deleted before are dropped here, later ones go with their connection (ConnectionsRepo.delete;
 *   destinations by ON DELETE CASCADE).
 * Rebuilding `erp_connections` needs foreign keys off (SQLite's documented table-rebuild procedure).
 */
export const migration008: Migration = {
  version: 8,
  name: 'store-identity',
  foreignKeysOff: true,
  sql: `
    CREATE TABLE erp_connections_new (
      ConnectionID      INTEGER PRIMARY KEY AUTOINCREMENT,
      Kind              TEXT NOT NULL CHECK (Kind IN ('microsip', 'contpaqi')),
      Name              TEXT NOT NULL,
      ConfigJson        TEXT NOT NULL,
      PasswordSecretID  INTEGER REFERENCES secrets (SecretID),
      CreatedOn         TEXT NOT NULL,
      CreatedBy         TEXT NOT NULL,
      UpdatedOn         TEXT NOT NULL,
      UpdatedBy         TEXT NOT NULL
    );
    INSERT INTO erp_connections_new SELECT ConnectionID, Kind, Name, ConfigJson, PasswordSecretID, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy FROM erp_connections;
    DROP TABLE erp_connections;
    ALTER TABLE erp_connections_new RENAME TO erp_connections;
    -- Ids of connections deleted before this version may still be named by rows that had no cascade: new
    -- connections start above every id ever seen.
    DELETE FROM sqlite_sequence WHERE name = 'erp_connections';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'erp_connections', COALESCE(MAX(m), 0) FROM (
      SELECT MAX(ConnectionID) AS m FROM erp_connections UNION ALL SELECT MAX(ConnectionID) FROM events
      UNION ALL SELECT MAX(ConnectionID) FROM order_inbox UNION ALL SELECT MAX(ConnectionID) FROM invoice_inbox
      UNION ALL SELECT MAX(ConnectionID) FROM order_import_locks UNION ALL SELECT MAX(ConnectionID) FROM engine_progress);

    CREATE TABLE sync_destinations (
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      StoreKey      TEXT NOT NULL,
      Origin        TEXT NOT NULL,
      StoreID       TEXT NOT NULL,
      Since         TEXT NOT NULL,
      PRIMARY KEY (ConnectionID, CompanyID)
    ) WITHOUT ROWID;

    CREATE TABLE order_inbox_new (
      ConnectionID   INTEGER NOT NULL,
      CompanyID      TEXT NOT NULL,
      StoreKey       TEXT NOT NULL,
      StoreOrderID   TEXT NOT NULL,
      Kind           TEXT CHECK (Kind IN ('pedido', 'cotizacion')),
      Payload        TEXT NOT NULL,
      ContentHash    TEXT,
      ErpMarker      TEXT NOT NULL,
      Malformed      INTEGER NOT NULL DEFAULT 0 CHECK (Malformed IN (0, 1)),
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
      UNIQUE (ConnectionID, CompanyID, StoreKey, StoreOrderID)
    );
    INSERT INTO order_inbox_new (ConnectionID, CompanyID, StoreKey, StoreOrderID, Kind, Payload, ContentHash, ErpMarker, State,
        ErpDocumentID, ErpFolio, Attempts, LastError, RejectReason, ReceivedAt, WrittenAt, AckedAt, RejectedAt, UpdatedAt)
      SELECT i.ConnectionID, i.CompanyID, '', i.StoreOrderID, i.Kind, i.Payload, NULL, 'WOPEN-' || i.StoreOrderID, i.State,
        i.ErpDocumentID, i.ErpFolio, i.Attempts, i.LastError, i.RejectReason, i.ReceivedAt, i.WrittenAt, i.AckedAt, i.RejectedAt, i.UpdatedAt
      FROM order_inbox i WHERE i.ConnectionID IN (SELECT ConnectionID FROM erp_connections) ORDER BY i.rowid;
    DROP TABLE order_inbox;
    ALTER TABLE order_inbox_new RENAME TO order_inbox;
    CREATE INDEX order_inbox_open ON order_inbox (ConnectionID, CompanyID, StoreKey, State) WHERE State IN ('received', 'written');

    CREATE TABLE invoice_inbox_new (
      ConnectionID    INTEGER NOT NULL,
      CompanyID       TEXT NOT NULL,
      StoreKey        TEXT NOT NULL,
      RequestID       TEXT NOT NULL,
      Payload         TEXT NOT NULL,
      ContentHash     TEXT,
      ErpMarker       TEXT NOT NULL,
      Malformed       INTEGER NOT NULL DEFAULT 0 CHECK (Malformed IN (0, 1)),
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
      UNIQUE (ConnectionID, CompanyID, StoreKey, RequestID)
    );
    INSERT INTO invoice_inbox_new (ConnectionID, CompanyID, StoreKey, RequestID, Payload, ContentHash, ErpMarker, State, Told,
        ErpDocumentID, ErpFolio, Uuid, Xml, PdfBase64, RejectReason, StampError, Attempts, LastError, ReceivedAt, UpdatedAt)
      SELECT i.ConnectionID, i.CompanyID, '', i.RequestID, i.Payload, NULL, 'WOPEN-F-' || i.RequestID, i.State, i.Told,
        i.ErpDocumentID, i.ErpFolio, i.Uuid, i.Xml, i.PdfBase64, i.RejectReason, i.StampError, i.Attempts, i.LastError, i.ReceivedAt, i.UpdatedAt
      FROM invoice_inbox i WHERE i.ConnectionID IN (SELECT ConnectionID FROM erp_connections) ORDER BY i.rowid;
    DROP TABLE invoice_inbox;
    ALTER TABLE invoice_inbox_new RENAME TO invoice_inbox;
    CREATE INDEX invoice_inbox_open ON invoice_inbox (ConnectionID, CompanyID, StoreKey, State)
      WHERE NOT ((State = 'stamped' AND Told = 'stamped') OR (State = 'rejected' AND Told = 'failed'));
  `,
};
