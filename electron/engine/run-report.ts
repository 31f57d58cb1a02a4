import type { CatalogName } from '../../shared/catalogs';
import type { CatalogOutcome } from './catalog-sync';
import type { PhaseRun } from './phases/phase';
import type { RunState, RunTrigger } from './run-history-repo';

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
  /** The inbound phases that ran (none in dry runs), in order. */
  phases: PhaseRun[];
}

/** The report of one phase in a run summary, if it ran. */
export function phaseOf(s: Pick<RunSummary, 'phases'>, id: string): PhaseRun | undefined {
  return s.phases.find((p) => p.phase === id);
}
