import type { MicrosipConfig } from '../../../shared/erp-connection';
import type { TestResult } from '../../../shared/test-result';
import type { CatalogProvider, CatalogSource } from '../catalog-source';
import type { OrderProvider, OrderWriter } from '../order-writer';
import type { DiagnosticReport } from '../../../shared/erp-diagnostics';
import {
  ErpError,
  type CompanyIdentity,
  type ErpBranch,
  type ErpCompany,
  type ErpConnector,
  type ErpDiagnostics,
  type IdentityReader,
} from '../port';
import { readMicrosipIdentity } from './company-identity';
import { diagnoseMicrosip } from './diagnostics/diagnose-microsip';
import { MICROSIP_CATALOGS } from './catalogs';
import { MicrosipCatalogSource } from './catalogs/microsip-catalog-source';
import { openCompanyDatabase, withCompanyDatabase, withConfigDatabase, type MicrosipAccess } from './company-database';
import { DEFAULT_TIMEOUTS, type FirebirdTimeouts } from './firebird-client';
import { readBranches, readCompanies } from './microsip-reads';
import { MicrosipOrderWriter } from './orders';

/**
 * Microsip on Firebird 3. Holds no open connection: each call attaches, reads and detaches, so a
 * restarted server or a renamed company never leaves stale state behind. The one exception is
 * `openCatalogs`, whose source keeps its own attachment until the engine closes it.
 */
export class MicrosipConnector implements ErpConnector, CatalogProvider, OrderProvider, ErpDiagnostics, IdentityReader {
  readonly kind = 'microsip' as const;
  private readonly access: MicrosipAccess;
  private closed = false;

  constructor(config: MicrosipConfig, password: string, timeouts: Partial<FirebirdTimeouts> = {}) {
    this.access = { config, password, timeouts: { ...DEFAULT_TIMEOUTS, ...timeouts } };
  }

  async testConnection(): Promise<TestResult> {
    const started = Date.now();
    try {
      const companies = await this.listCompanies();
      const count = companies.length;
      const message =
        count === 0
          ? 'Conexión correcta, pero CONFIG.FDB no tiene empresas registradas.'
          : `Conexión correcta: se ${count === 1 ? 'encontró 1 empresa' : `encontraron ${count} empresas`} en Microsip.`;
      const hints = count === 0 ? ['Revise que la Carpeta de datos sea la que usa Microsip en el servidor.'] : [];
      return { ok: true, message, hints, elapsedMs: Date.now() - started };
    } catch (err) {
      const failure =
        err instanceof ErpError ? err : new ErpError('No se pudo conectar con Microsip.', [], String(err));
      return { ok: false, message: failure.message, hints: failure.hints, elapsedMs: Date.now() - started };
    }
  }

  /** Re-read every time: companies get renamed in Microsip. */
  async listCompanies(): Promise<ErpCompany[]> {
    this.assertOpen();
    const rows = await withConfigDatabase(this.access, readCompanies);
    return rows.map(({ id, name }) => ({ id, name }));
  }

  async listBranches(companyId: string): Promise<ErpBranch[]> {
    this.assertOpen();
    return withCompanyDatabase(this.access, companyId, (db) => readBranches(db));
  }

  /** The sync engine's port: the company database stays attached until the source is closed. */
  async openCatalogs(companyId: string): Promise<CatalogSource> {
    this.assertOpen();
    const { db, describe, openAnother } = await openCompanyDatabase(this.access, companyId);
    return MicrosipCatalogSource.open(db, MICROSIP_CATALOGS, describe, { openAnother });
  }

  /** Writing store orders and quotes: the company database stays attached until the writer is closed. */
  async openOrders(companyId: string): Promise<OrderWriter> {
    this.assertOpen();
    const { db, describe } = await openCompanyDatabase(this.access, companyId);
    return MicrosipOrderWriter.open(db, describe);
  }

  /** *Diagnóstico* (read-only): see diagnostics/diagnose-microsip.ts. */
  async diagnose(companyId: string | null): Promise<DiagnosticReport> {
    this.assertOpen();
    return diagnoseMicrosip(this.access, companyId);
  }

  /** RFC, name and which .FDB holds the company (company-identity.ts). */
  async readIdentity(companyId: string): Promise<CompanyIdentity> {
    this.assertOpen();
    return readMicrosipIdentity(this.access, companyId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new ErpError('La conexión con Microsip ya se cerró.');
  }
}
