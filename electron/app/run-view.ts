import { CATALOG_LABELS } from '../../shared/catalogs';
import type { CatalogRunView, RunView } from '../../shared/ipc-contract';
import type { RunSummary } from '../engine/run-report';
import type { RunRow, RunState } from '../engine/run-history-repo';

/** b2bGO's words for a run's state (*Ver historial*). */
export const STATE_LABELS: Record<RunState, string> = {
  running: 'En progreso',
  success: 'Exitoso',
  partial: 'Parcial',
  failed: 'Fallido',
};

export function viewOfRow(r: RunRow, companyName: string): RunView {
  return {
    runId: r.runId,
    connectionId: r.connectionId,
    companyId: r.companyId,
    companyName,
    trigger: r.trigger,
    dryRun: false,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    startedAt: r.startedAt,
    endedAt: r.endedAt,
    message: r.message,
    // The history keeps why a catalog was not attempted; the view says skipped + aborted or not.
    catalogs: r.catalogs.map((c) =>
      catalogView({ ...c, state: c.state === 'unavailable' ? 'skipped' : c.state, aborted: c.state === 'skipped' }),
    ),
  };
}

export function viewOfSummary(s: RunSummary, startedAt: string, endedAt: string): RunView {
  return {
    runId: s.runId,
    connectionId: s.connectionId,
    companyId: s.companyId,
    companyName: s.companyName,
    trigger: s.trigger,
    dryRun: s.dryRun,
    state: s.state,
    stateLabel: STATE_LABELS[s.state],
    startedAt,
    endedAt,
    message: s.message,
    catalogs: s.catalogs.map((c) => catalogView({ ...c, aborted: c.aborted ?? false })),
    orders: s.orders && s.orders.state !== 'skipped' ? { imported: s.orders.imported, rejected: s.orders.rejected, pending: s.orders.pending } : null,
    invoices:
      s.invoices && s.invoices.state !== 'skipped'
        ? { created: s.invoices.created, stamped: s.invoices.stamped, unstamped: s.invoices.unstamped, rejected: s.invoices.rejected }
        : null,
  };
}

function catalogView(c: Omit<CatalogRunView, 'catalogLabel' | 'aborted'> & { aborted: boolean }): CatalogRunView {
  return {
    catalog: c.catalog,
    catalogLabel: CATALOG_LABELS[c.catalog],
    state: c.state,
    ...(c.state === 'skipped' ? { aborted: c.aborted } : {}),
    read: c.read,
    pushed: c.pushed,
    unchanged: c.unchanged,
    deleted: c.deleted,
    failed: c.failed,
    message: c.message,
  };
}
