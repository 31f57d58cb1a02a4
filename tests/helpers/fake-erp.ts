import type { OrderWriter } from '../../electron/erp/order-writer';
import type { InvoiceWriter } from '../../electron/erp/invoice-writer';
import type { Stamper } from '../../electron/erp/stamper';
import type { ErpCompany, ErpBranch, SyncableErp } from '../../electron/erp/port';
import { MemoryCatalogSource } from './memory-catalog-source';
import type { ErpFactory } from '../../electron/erp/registry';
import type { TestResult } from '../../shared/test-result';
import type { DiagnosticReport } from '../../shared/erp-diagnostics';

/**
 * An in-memory ERP for service-level unit tests (the real adapters are tested against Firebird and the
 * CONTPAQi fixture). `down` simulates an unreachable ERP; `calls` records the passwords received.
 */
export class FakeErp {
  companies: ErpCompany[] = [
    { id: '1', name: 'ÑANDÚ €URO' },
    { id: '2', name: '“LA GÜERA” S.A.' },
  ];
  branches: Record<string, ErpBranch[]> = { '1': [{ id: '10', name: 'Matriz' }] };
  down = false;
  passwordsSeen: string[] = [];
  /** Catalog rows per company, for engine tests. */
  readonly sources = new Map<string, MemoryCatalogSource>();
  /** Resolves when a catalog read starts, to hold a run in progress. */
  readGate: Promise<void> | null = null;
  /** When set, the connector also takes orders (OrderProvider) into this writer. */
  orderWriter: OrderWriter | null = null;
  /** When set, the connector also creates invoices (InvoiceProvider) and, with a stamper, stamps them. */
  invoiceWriter: InvoiceWriter | null = null;
  stamper: Stamper | null = null;
  /** When set, the connector also answers *Diagnóstico* (ErpDiagnostics) with this report. */
  diagnosis: ((companyId: string | null) => DiagnosticReport) | null = null;
  /** The companyId of each diagnose call, and how many connectors were closed. */
  diagnosedFor: (string | null)[] = [];
  closed = 0;

  source(companyId: string): MemoryCatalogSource {
    if (!this.sources.has(companyId)) this.sources.set(companyId, new MemoryCatalogSource(['taxes', 'articles']));
    return this.sources.get(companyId)!;
  }

  factory: ErpFactory = (config, password) => {
    this.passwordsSeen.push(password);
    const guard = () => {
      if (this.down) throw new Error('connect ECONNREFUSED 127.0.0.1:3050');
    };
    const connector: SyncableErp = {
      kind: config.kind,
      testConnection: async (): Promise<TestResult> =>
        this.down
          ? { ok: false, message: 'No se pudo conectar.', hints: ['Revise el servidor.'], elapsedMs: 1 }
          : { ok: true, message: `Conexión exitosa: ${this.companies.length} empresas.`, hints: [], elapsedMs: 1 },
      listCompanies: async () => {
        guard();
        return this.companies;
      },
      listBranches: async (companyId: string) => {
        guard();
        return this.branches[companyId] ?? [];
      },
      openCatalogs: async (companyId: string) => {
        guard();
        if (this.readGate) await this.readGate;
        return this.source(companyId);
      },
      close: async () => {
        this.closed++;
      },
    };
    if (this.orderWriter) {
      const writer = this.orderWriter;
      Object.assign(connector, {
        openOrders: async () => {
          guard();
          return writer;
        },
      });
    }
    if (this.invoiceWriter) {
      const writer = this.invoiceWriter;
      const stamper = this.stamper;
      Object.assign(connector, {
        openInvoices: async () => {
          guard();
          return writer;
        },
        openStamper: async () => stamper,
      });
    }
    if (this.diagnosis) {
      const diagnosis = this.diagnosis;
      Object.assign(connector, {
        diagnose: async (companyId: string | null) => {
          this.diagnosedFor.push(companyId);
          return diagnosis(companyId);
        },
      });
    }
    return connector;
  };
}
