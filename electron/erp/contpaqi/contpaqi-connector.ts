import type { ContpaqiConfig } from '../../../shared/erp-connection';
import { CUSTOMER_COMPANY_PROBE } from './catalogs/customer-filter';
import type { TestResult } from '../../../shared/test-result';
import type { CatalogProvider, CatalogSource } from '../catalog-source';
import type { InvoiceProvider, InvoiceWriter } from '../invoice-writer';
import type { OrderProvider, OrderWriter } from '../order-writer';
import type { Stamper, StamperProvider } from '../stamper';
import { stamperCommandFromEnv } from './stamping/helper-command';
import {
  ErpError,
  type DatabaseDiscovery,
  type ErpBranch,
  type ErpCompany,
  type ErpConnector,
  type ErpDiagnostics,
  type CompanyIdentity,
  type IdentityReader,
} from '../port';
import { readStartProIdentity } from './company-identity';
import type { DiagnosticReport } from '../../../shared/erp-diagnostics';
import { diagnoseStartPro } from './diagnostics/diagnose-startpro';
import { STARTPRO_CATALOGS } from './catalogs';
import { localMidnight, StartProCatalogSource } from './catalogs/startpro-catalog-source';
import { buildMssqlConfig, DEFAULT_TIMEOUTS, type MssqlTimeouts } from './mssql-config';
import { MssqlExecutor } from './mssql-executor';
import { StartProInvoiceWriter } from './invoices';
import { StartProOrderWriter } from './orders';
import { describeSqlFailure, notStartPro, type FailureContext } from './sql-failure-messages';
import { SqlFailure, type SqlExecutor } from './sql-executor';
import {
  LIST_COMPANIES,
  LIST_DEPOTS,
  LIST_USER_DATABASES,
  PROBE_DATABASE,
  PROBE_STARTPRO_DATABASE,
  REQUIRED_TABLES,
  type CompanyRow,
  type DepotRow,
  type ProbeRow,
} from './startpro-queries';

/** Shown next to the Sucursal list: the mapping Sucursal → orgDepot is an assumption (docs/contpaqi-startpro.md). */
export const CONTPAQI_BRANCH_WARNING =
  'En CONTPAQi Comercial Start/Pro no hay catálogo de sucursales: se muestran los almacenes de la empresa. Confirme que coincide con la «Sucursal» configurada para Wopen.';

/** Database used for discovery: it always exists, so a wrong configured database does not block the search. */
const DISCOVERY_DATABASE = 'master';

export interface ContpaqiConnectorOptions {
  /** Builds the executor for one database; tests pass a SQLite-backed one. */
  executorFor?: (database: string) => SqlExecutor;
  timeouts?: MssqlTimeouts;
  /** "Today" for overdue balances; tests pin it. */
  clock?: () => Date;
  /**
   * The stamping helper (docs/stamping-helper.md); by default WOPEN_STAMPER_HELPER. Null: this machine cannot
   * stamp, and invoices stay for the user to stamp in Comercial.
   */
  stamper?: { command: string; args: string[]; testMode: boolean; onDiagnostic?: (line: string) => void } | null;
}

/**
 * CONTPAQi Comercial Start/Pro over SQL Server. Reads run the SELECTs in startpro-queries.ts and catalogs/*.ts;
 * the only writes are store orders (orders/*, `openOrders`) and invoice requests (invoices/*, `openInvoices`), which
 * also keep the connector's own folio table.
 */
export class ContpaqiConnector
  implements
    ErpConnector,
    DatabaseDiscovery,
    CatalogProvider,
    OrderProvider,
    InvoiceProvider,
    StamperProvider,
    ErpDiagnostics,
    IdentityReader
{
  readonly kind = 'contpaqi' as const;
  private executor: SqlExecutor | null = null;
  private readonly executorFor: (database: string) => SqlExecutor;
  private readonly context: FailureContext;
  private readonly clock: () => Date;

  private readonly stamperSetup: ContpaqiConnectorOptions['stamper'];

  constructor(
    private readonly config: ContpaqiConfig,
    private readonly password: string,
    options: ContpaqiConnectorOptions = {},
  ) {
    const fromEnv = stamperCommandFromEnv(process.env);
    this.stamperSetup =
      options.stamper !== undefined
        ? options.stamper
        : fromEnv && { ...fromEnv, testMode: process.env.WOPEN_STAMPER_TEST_MODE === '1' };
    const timeouts = options.timeouts ?? DEFAULT_TIMEOUTS;
    this.clock = options.clock ?? (() => new Date());
    this.executorFor =
      options.executorFor ??
      ((database) => new MssqlExecutor(buildMssqlConfig(config, password, timeouts, database), password));
    this.context = {
      server: config.server,
      database: config.database,
      user: config.user,
      authentication: config.authentication,
    };
  }

  async testConnection(): Promise<TestResult> {
    const started = Date.now();
    const result = (ok: boolean, message: string, hints: string[] = []): TestResult => ({
      ok,
      message,
      hints,
      elapsedMs: Date.now() - started,
    });
    try {
      const [probe] = await this.db().query<ProbeRow>(PROBE_DATABASE);
      const missing = REQUIRED_TABLES.filter((t) => !probe || Number(probe[t]) !== 1);
      if (missing.length) {
        const e = notStartPro(this.context, missing, undefined, Number(probe?.premiumAdmDocumentos) === 1);
        return result(false, e.message, e.hints);
      }
      const companies = await this.listCompanies();
      if (companies.length === 0) {
        return result(
          false,
          `La base de datos «${this.config.database}» parece de Start/Pro, pero no tiene empresas registradas.`,
          [
            'Abra CONTPAQi Comercial con esta base de datos y confirme que la empresa está dada de alta.',
            'Si la empresa existe, avise a soporte: el conector busca empresas propias (orgBusinessEntity.IsOwned = 1).',
          ],
        );
      }
      const names = companies.map((c) => c.name).join('; ');
      const count = companies.length === 1 ? '1 empresa' : `${companies.length} empresas`;
      return result(
        true,
        `Conexión correcta con «${this.config.database}» en «${this.config.server}»: ${count} (${names}).`,
      );
    } catch (err) {
      const e = describeSqlFailure(err, this.context);
      return result(false, e.message, e.hints);
    }
  }

  async listCompanies(): Promise<ErpCompany[]> {
    const rows = await this.run(() => this.db().query<CompanyRow>(LIST_COMPANIES));
    return rows.map((r) => ({ id: String(r.id), name: companyName(r) }));
  }

  async listBranches(companyId: string): Promise<ErpBranch[]> {
    const company = parseEntityId(companyId);
    const rows = await this.run(() => this.db().query<DepotRow>(LIST_DEPOTS, { company }));
    return rows.map((r) => ({
      id: String(r.id),
      name: r.depotName?.trim() || r.depotKey?.trim() || `Almacén ${String(r.id)}`,
    }));
  }

  /**
   * The sync engine's reader for one owned company. It gets its own executor (own pool), so long catalog reads
   * never queue behind, or close, the console's queries.
   */
  async openCatalogs(companyId: string): Promise<CatalogSource> {
    const company = await this.ownedCompany(companyId);
    const executor = this.executorFor(this.config.database);
    const today = localMidnight(this.clock());
    let probe: { n: unknown }[];
    try {
      probe = await executor.query<{ n: unknown }>(CUSTOMER_COMPANY_PROBE, {});
    } catch (err) {
      await executor.close().catch(() => undefined);
      throw describeSqlFailure(err, this.context);
    }
    const customersPerCompany = probe[0]?.n !== null && probe[0]?.n !== undefined;
    return new StartProCatalogSource(
      executor,
      { company, today, customersPerCompany, cfdiFolders: this.config.cfdiFolders ?? [] },
      STARTPRO_CATALOGS,
      (err) => describeSqlFailure(err, this.context),
    );
  }

  /**
   * The engine's order writer for one owned company, on its own executor: its transactions never share a
   * connection with catalog reads or the console.
   */
  async openOrders(companyId: string): Promise<OrderWriter> {
    const company = await this.ownedCompany(companyId);
    return StartProOrderWriter.open(this.executorFor(this.config.database), { company, clock: this.clock }, (err) =>
      describeSqlFailure(err, this.context),
    );
  }

  /**
   * The engine's invoice writer for one owned company, on its own executor like openOrders. Stamping is
   * not part of it (stamping/*, openStamper).
   */
  async openInvoices(companyId: string): Promise<InvoiceWriter> {
    const company = await this.ownedCompany(companyId);
    return StartProInvoiceWriter.open(
      this.executorFor(this.config.database),
      { company, clock: this.clock, cfdiFolders: this.config.cfdiFolders ?? [] },
      (err) => describeSqlFailure(err, this.context),
    );
  }

  /** RFC, name, database and company GUID (company-identity.ts), on the console's executor. */
  async readIdentity(companyId: string): Promise<CompanyIdentity> {
    const company = await this.ownedCompany(companyId);
    return this.run(() => readStartProIdentity(this.db(), company, this.config.database));
  }

  /** Comercial's own stamping through the helper process, when this machine has it. */
  async openStamper(companyId: string): Promise<Stamper | null> {
    const setup = this.stamperSetup;
    if (!setup) return null;
    const company = await this.ownedCompany(companyId);
    // Loaded on demand: the CFDI reader (@nodecfdi/cfdi-core) costs ~12 MB of memory that a sync without
    // automatic stamping never needs.
    const { openHelperStamper } = await import('./stamping/helper-process-stamper');
    return openHelperStamper({
      command: setup.command,
      args: setup.args,
      connection: {
        server: this.config.server,
        database: this.config.database,
        companyId: String(company),
        testMode: setup.testMode,
        auth:
          this.config.authentication === 'sql'
            ? { kind: 'sql', user: this.config.user, password: this.password }
            : { kind: 'windows' },
      },
      onDiagnostic: setup.onDiagnostic,
    });
  }

  /**
   * *Diagnóstico*: what the adapter relies on in this database, read-only (diagnostics/*), on an executor
   * of its own that it closes. companyId null: the only company, when there is one.
   */
  async diagnose(companyId: string | null): Promise<DiagnosticReport> {
    const setup = this.stamperSetup;
    return diagnoseStartPro({
      executor: this.executorFor(this.config.database),
      context: this.context,
      companyId,
      stamper: setup ? { command: setup.command, args: setup.args, testMode: setup.testMode } : null,
      describe: (err) => describeSqlFailure(err, this.context),
      now: this.clock(),
      transport: { encrypt: this.config.encrypt, trustServerCertificate: this.config.trustServerCertificate },
    });
  }

  /** Start/Pro databases on the server, by the BROS installer probe (reference §1.3). */
  async discoverDatabases(): Promise<string[]> {
    const master = this.executorFor(DISCOVERY_DATABASE);
    const context = { ...this.context, database: DISCOVERY_DATABASE };
    try {
      const candidates = await this.run(() => master.query<{ name: string }>(LIST_USER_DATABASES), context);
      const found: string[] = [];
      for (const { name } of candidates) {
        try {
          const [row] = await master.query<{ isStartPro: number }>(PROBE_STARTPRO_DATABASE, { db: name });
          if (Number(row?.isStartPro) === 1) found.push(name);
        } catch (err) {
          // A database that goes offline or single-user between both queries is just not a candidate;
          // connection-level failures still stop the search.
          if (!(err instanceof SqlFailure && err.phase === 'query')) throw describeSqlFailure(err, context);
        }
      }
      return found.sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' }));
    } finally {
      await master.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const executor = this.executor;
    this.executor = null;
    if (executor) await executor.close();
  }

  private async ownedCompany(companyId: string): Promise<number> {
    const company = parseEntityId(companyId);
    const companies = await this.listCompanies();
    if (!companies.some((c) => c.id === String(company))) {
      throw new ErpError(`La empresa «${companyId}» no existe en «${this.config.database}» o fue dada de baja.`, [
        'Vuelva a elegir la empresa de la lista.',
      ]);
    }
    return company;
  }

  private db(): SqlExecutor {
    this.executor ??= this.executorFor(this.config.database);
    return this.executor;
  }

  private async run<T>(work: () => Promise<T>, context: FailureContext = this.context): Promise<T> {
    try {
      return await work();
    } catch (err) {
      throw describeSqlFailure(err, context);
    }
  }
}

/**
 * OfficialName (razón social, the legal name tied to the RFC and always filled) is the company's name;
 * CommercialName is optional and only a fallback. Choice explained in docs/contpaqi-startpro.md.
 */
function companyName(r: CompanyRow): string {
  return r.officialName?.trim() || r.commercialName?.trim() || `Empresa ${String(r.id)}`;
}

function parseEntityId(companyId: string): number {
  const text = companyId.trim();
  const id = Number(text);
  if (!/^\d{1,15}$/.test(text) || !Number.isSafeInteger(id) || id <= 0) {
    throw new ErpError(`La empresa «${companyId}» no es válida para CONTPAQi Comercial Start/Pro.`, [
      'Vuelva a elegir la empresa de la lista.',
    ]);
  }
  return id;
}
