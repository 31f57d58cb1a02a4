import type { TestResult } from '../../shared/test-result';
import type { ErpKind } from '../../shared/erp-connection';
import type { CatalogProvider } from './catalog-source';

export type { CatalogProvider };
import type { DiagnosticReport } from '../../shared/erp-diagnostics';
import type { CompanyIdentity } from '../../shared/company-identity';

export type { CompanyIdentity };

/**
 * The one interface every ERP adapter implements. The console and the engine import this file, never a
 * driver: each ERP lives in its own folder (microsip/, contpaqi/) and is built by erp/registry.ts.
 */

export interface ErpCompany {
  /** Stable id: Microsip EMPRESAS.EMPRESA_ID, CONTPAQi orgBusinessEntity.BusinessEntityID (as text). */
  id: string;
  name: string;
}

export interface ErpBranch {
  id: string;
  name: string;
}

export interface ErpConnector {
  readonly kind: ErpKind;
  /** Connects, reads something real and explains any failure in Spanish with what to check. */
  testConnection(): Promise<TestResult>;
  /** The companies found in the ERP (Microsip: CONFIG.FDB EMPRESAS; CONTPAQi: owned business entities). */
  listCompanies(): Promise<ErpCompany[]>;
  /** Choices for *Sucursal* of one company. */
  listBranches(companyId: string): Promise<ErpBranch[]>;
  /** Releases connections and pools. Safe to call twice. */
  close(): Promise<void>;
}

/** A connector the sync engine can use: the console needs only ErpConnector. */
export type SyncableErp = ErpConnector & CatalogProvider;

/** Adapters that can list candidate databases on a server (CONTPAQi: Start/Pro databases on an instance). */
export interface DatabaseDiscovery {
  discoverDatabases(): Promise<string[]>;
}

/**
 * *Diagnóstico*: checks, read-only, what the adapter relies on in one company's database. Never writes: no
 * INSERT/UPDATE/DDL, no generator or sequence advanced, no folio reserved. A failure to connect is a report
 * with a 'falta' check, not a throw.
 */
export interface ErpDiagnostics {
  diagnose(companyId: string | null): Promise<DiagnosticReport>;
}

/**
 * Who one company is now: RFC and name as the ERP holds them, and which database holds it. Read at the start
 * of every run (docs/identity-guard.md), so it must be cheap: a few metadata and one-row queries, read-only.
 */
export interface IdentityReader {
  readIdentity(companyId: string): Promise<CompanyIdentity>;
}

/** A failure the adapter has already turned into a Spanish message with hints. */
export class ErpError extends Error {
  override readonly name = 'ErpError';
  constructor(
    message: string,
    readonly hints: string[] = [],
    readonly causeText?: string,
    /** The table, view or column this database lacks, when that is what failed (Firebird -204/-206, SQL Server 207/208). */
    readonly missingObject?: string,
  ) {
    super(message);
  }
}
