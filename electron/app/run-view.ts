import { CATALOG_LABELS } from '../../shared/catalogs';
import { RUN_STATE_LABELS } from '../../shared/labels';
import type { CatalogRunView, PhaseRunView, RunView } from '../../shared/run-view';
import { PHASES } from '../engine/phases';
import type { Phase } from '../engine/phases/phase';
import type { RunPhaseRow, RunRow, RunState, RunTrigger } from '../engine/run-history-repo';

/** A run as the engine reports it (a `RunSummary` plus its times) or as the history kept it (`runOfRow`). */
export interface RunFacts {
  runId: number | null;
  connectionId: number;
  companyId: string;
  companyName: string;
  trigger: RunTrigger;
  dryRun: boolean;
  state: RunState;
  startedAt: string | null;
  endedAt: string | null;
  message: string | null;
  catalogs: readonly CatalogFacts[];
  phases: readonly RunPhaseRow[];
}

/** A catalog of a run; `held` (as the engine reports it) makes it *Requiere revisión*, as the history says. */
type CatalogFacts = Omit<CatalogRunView, 'catalogLabel'> & { held?: { verdict: { held: number } } | null };

/** The one place that turns a run into what the console shows; phases are labelled by their own definitions. */
export function viewOfRun(run: RunFacts, registry: readonly Phase[] = PHASES): RunView {
  return {
    runId: run.runId,
    connectionId: run.connectionId,
    companyId: run.companyId,
    companyName: run.companyName,
    trigger: run.trigger,
    dryRun: run.dryRun,
    state: run.state,
    stateLabel: RUN_STATE_LABELS[run.state],
    startedAt: run.startedAt,
    endedAt: run.endedAt,
    message: run.message,
    catalogs: run.catalogs.map(catalogView),
    // A phase the ERP cannot do is not part of what the run did.
    phases: run.phases.filter((p) => p.state !== 'skipped').map((p) => phaseView(p, registry)),
  };
}

/** A history row in the run's words: the history keeps why a catalog was not attempted, the view says skipped + aborted. */
export function runOfRow(r: RunRow, phases: readonly RunPhaseRow[], companyName: string): RunFacts {
  return {
    ...r,
    companyName,
    dryRun: false,
    catalogs: r.catalogs.map((c) => ({
      ...c,
      state: c.state === 'unavailable' ? 'skipped' : c.state,
      aborted: c.state === 'skipped',
    })),
    phases,
  };
}

function catalogView(c: CatalogFacts): CatalogRunView {
  return {
    catalog: c.catalog,
    catalogLabel: CATALOG_LABELS[c.catalog],
    state: c.held ? 'review' : c.state,
    ...(c.state === 'skipped' ? { aborted: c.aborted ?? false } : {}),
    read: c.read,
    pushed: c.pushed,
    unchanged: c.unchanged,
    deleted: c.deleted,
    failed: c.failed,
    message: c.message,
  };
}

/** The phase's labelled counts in its order; a phase no longer registered shows its raw counts under its id. */
function phaseView(p: RunPhaseRow, registry: readonly Phase[]): PhaseRunView {
  const def = registry.find((d) => d.id === p.phase);
  const labels = def?.countLabels ?? Object.fromEntries(Object.keys(p.counts).map((k) => [k, k]));
  const state = p.state === 'skipped' ? null : p.state;
  return {
    phase: p.phase,
    label: def?.label ?? p.phase,
    state,
    stateLabel: state ? RUN_STATE_LABELS[state] : null,
    counts: Object.entries(labels).map(([key, label]) => ({ key, label, value: p.counts[key] ?? 0 })),
    message: p.message,
  };
}
