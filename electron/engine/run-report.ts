import type { CatalogName } from '../../shared/catalogs';
import type { CatalogOutcome } from './catalog-sync';
import type { RunState, RunTrigger } from './run-history-repo';
import type { OrdersReport } from './orders/orders-pass';
import type { InvoicesReport } from './invoices/invoices-pass';

// What a company run reports: its own file so the run's messages and its callers need not import the run itself.
export interface SyncProgress {
  connectionId: number;
  companyId: string;
  catalog: CatalogName;
  catalogIndex: number;
  catalogCount: number;
  done: number;
  total: number;
}

export type CatalogReport = Omit<CatalogOutcome, 'state'> & {
  state: CatalogOutcome['state'] | 'skipped';
  /** Skipped because an earlier failure stopped the run (not because the ERP lacks the catalog). */
  aborted?: boolean;
};

export interface RunSummary {
  runId: number | null;
  connectionId: number;
  companyId: string;
  companyName: string;
  trigger: RunTrigger;
  dryRun: boolean;
  state: Exclude<RunState, 'running'>;
  message: string;
  catalogs: CatalogReport[];
  /** The orders part, when the company has Sincronización Pedidos on (not in dry runs). */
  orders?: OrdersReport;
  /** The invoice requests part, when the company has Sincronización Facturas on (not in dry runs). */
  invoices?: InvoicesReport;
}
