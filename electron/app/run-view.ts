import { CATALOG_LABELS } from '../../shared/catalogs';
import type { CatalogRunView, RunView } from '../../shared/ipc-contract';
import type { RunSummary } from '../engine/run-report';
import type { RunPhaseRow, RunRow, RunState } from '../engine/run-history-repo';

/** b2bGO's words for a run's state (*Ver historial*). */
export const STATE_LABELS: Record<RunState, string> = {
  running: 'En progreso',
  success: 'Exitoso',
  partial: 'Parcial',
  failed: 'Fallido',
  review: 'Requiere revisión',
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
    ...phaseCountsView(s.phases.filter((p) => p.state !== 'skipped')),
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

/** The run view's order and invoice counts, from the phases a run summary or the history kept. */
export function phaseCountsView(
  phases: readonly Pick<RunPhaseRow, 'phase' | 'counts'>[],
): Pick<RunView, 'orders' | 'invoices'> {
  const counts = (id: string) => phases.find((p) => p.phase === id)?.counts;
  const n = (c: Record<string, number>, k: string) => c[k] ?? 0;
  const o = counts('orders');
  const i = counts('invoices');
  return {
    orders: o ? { imported: n(o, 'imported'), rejected: n(o, 'rejected'), pending: n(o, 'pending') } : null,
    invoices: i
      ? { created: n(i, 'created'), stamped: n(i, 'stamped'), unstamped: n(i, 'unstamped'), rejected: n(i, 'rejected') }
      : null,
  };
}
