import type { Migration } from './types';

/**
 * Sellable stock per company (*Publicar existencias negativas como 0*, *Existencia de seguridad*). A side table
 * rather than columns of orgWOpen, whose layout mirrors CONTPAQi's own table; a company without a row has the
 * defaults (negative stock published as 0, no safety buffer). Written with its orgWOpen row, in one transaction.
 */
export const migration014: Migration = {
  version: 14,
  name: 'stock-rules',
  sql: `
    CREATE TABLE company_stock_rules (
      ConnectionID    INTEGER NOT NULL,
      CompanyID       TEXT NOT NULL,
      NegativeAsZero  INTEGER NOT NULL DEFAULT 1 CHECK (NegativeAsZero IN (0, 1)),
      SafetyStock     INTEGER NOT NULL DEFAULT 0 CHECK (SafetyStock BETWEEN 0 AND 1000000),
      PRIMARY KEY (ConnectionID, CompanyID),
      FOREIGN KEY (ConnectionID, CompanyID) REFERENCES orgWOpen (ConnectionID, CompanyID) ON DELETE CASCADE
    ) WITHOUT ROWID;
  `,
};
