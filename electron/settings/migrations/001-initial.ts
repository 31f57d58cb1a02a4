import type { Migration } from './types';

/**
 * First schema. `orgWOpen` follows CONTPAQi's table of the same name (one row per company: Sincronizar,
 * period, Pedidos, Facturas, Sucursal, timbrado automático, default SAT keys, store URL/user/password);
 * CONTPAQi keeps it in the company database, we keep it here, keyed by ERP connection × company.
 * Column names are ours: the real orgWOpen columns are not public (see docs/settings-database.md).
 */
export const migration001: Migration = {
  version: 1,
  name: 'initial',
  sql: `
    CREATE TABLE secrets (
      SecretID     INTEGER PRIMARY KEY,
      Scheme       TEXT NOT NULL,
      Ciphertext   BLOB NOT NULL,
      CreatedOn    TEXT NOT NULL,
      UpdatedOn    TEXT NOT NULL
    );

    CREATE TABLE erp_connections (
      ConnectionID      INTEGER PRIMARY KEY,
      Kind              TEXT NOT NULL CHECK (Kind IN ('microsip', 'contpaqi')),
      Name              TEXT NOT NULL,
      ConfigJson        TEXT NOT NULL,
      PasswordSecretID  INTEGER REFERENCES secrets (SecretID),
      CreatedOn         TEXT NOT NULL,
      CreatedBy         TEXT NOT NULL,
      UpdatedOn         TEXT NOT NULL,
      UpdatedBy         TEXT NOT NULL
    );

    -- Last list of companies read from each ERP, so the grid shows something when the ERP is down.
    CREATE TABLE erp_companies (
      ConnectionID  INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID     TEXT NOT NULL,
      Name          TEXT NOT NULL,
      LastSeenOn    TEXT NOT NULL,
      Missing       INTEGER NOT NULL DEFAULT 0 CHECK (Missing IN (0, 1)),
      PRIMARY KEY (ConnectionID, CompanyID)
    );

    CREATE TABLE orgWOpen (
      WOpenID              INTEGER PRIMARY KEY,
      ConnectionID         INTEGER NOT NULL REFERENCES erp_connections (ConnectionID) ON DELETE CASCADE,
      CompanyID            TEXT NOT NULL,
      Sincronizar          INTEGER NOT NULL DEFAULT 0 CHECK (Sincronizar IN (0, 1)),
      PeriodoMinutos       INTEGER NOT NULL CHECK (PeriodoMinutos BETWEEN 5 AND 1440),
      SincronizarPedidos   INTEGER NOT NULL DEFAULT 0 CHECK (SincronizarPedidos IN (0, 1)),
      SincronizarFacturas  INTEGER NOT NULL DEFAULT 0 CHECK (SincronizarFacturas IN (0, 1)),
      SucursalID           TEXT,
      TimbradoAutomatico   INTEGER NOT NULL DEFAULT 0 CHECK (TimbradoAutomatico IN (0, 1)),
      ClaveProdServ        TEXT CHECK (ClaveProdServ IS NULL OR (length(ClaveProdServ) = 8 AND ClaveProdServ NOT GLOB '*[^0-9]*')),
      ClaveUnidad          TEXT CHECK (ClaveUnidad IS NULL OR length(ClaveUnidad) BETWEEN 2 AND 3),
      -- Seed 2 field toggles: names / descriptions may be left to the store. Prices and stock always sync.
      SincronizarNombres        INTEGER NOT NULL DEFAULT 1 CHECK (SincronizarNombres IN (0, 1)),
      SincronizarDescripciones  INTEGER NOT NULL DEFAULT 1 CHECK (SincronizarDescripciones IN (0, 1)),
      -- Hours when automatic syncs may start, 'HH:MM-HH:MM' local time; NULL = any time.
      HorarioSincronizacion     TEXT,
      Url                  TEXT,
      UrlNormalizada       TEXT UNIQUE,
      Usuario              TEXT,
      ContrasenaSecretID   INTEGER REFERENCES secrets (SecretID),
      CreatedOn            TEXT NOT NULL,
      CreatedBy            TEXT NOT NULL,
      UpdatedOn            TEXT NOT NULL,
      UpdatedBy            TEXT NOT NULL,
      UNIQUE (ConnectionID, CompanyID)
    );

    CREATE TABLE events (
      EventID       INTEGER PRIMARY KEY,
      At            TEXT NOT NULL,
      Level         TEXT NOT NULL CHECK (Level IN ('info', 'warning', 'error')),
      Category      TEXT NOT NULL,
      ConnectionID  INTEGER,
      CompanyID     TEXT,
      CompanyName   TEXT,
      Message       TEXT NOT NULL,
      Details       TEXT
    );
    CREATE INDEX events_by_time ON events (At);
    CREATE INDEX events_by_company_time ON events (ConnectionID, CompanyID, At);
  `,
};
