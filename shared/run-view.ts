import type { CatalogName } from './catalogs';
import type { RunStateKey, RunTriggerKey } from './labels';

/** Progress of a running sync, pushed as `syncProgress`. */
export interface SyncProgressView {
  connectionId: number;
  companyId: string;
  catalog: CatalogName;
  catalogLabel: string;
  /** 0-based position of the catalog in this run, of `catalogCount`. */
  catalogIndex: number;
  catalogCount: number;
  /** Records read of this catalog's changed blocks, of `total`. */
  done: number;
  total: number;
}

export interface CatalogRunView {
  catalog: CatalogName;
  catalogLabel: string;
  state: RunStateKey | 'skipped';
  read: number;
  pushed: number;
  unchanged: number;
  deleted: number;
  failed: number;
  message: string | null;
  /**
   * Only for state 'skipped': true when an earlier failure stopped the run; false/absent when this ERP has
   * no such catalog (not an error).
   */
  aborted?: boolean;
}

/** One count of a phase, labelled by the phase ("importados", "timbradas"…), in the phase's order. */
export interface PhaseCountView {
  key: string;
  label: string;
  value: number;
}

/** What one inbound phase (Pedidos, Facturas…) did in a run; the page shows any phase the same way. */
export interface PhaseRunView {
  phase: string;
  /** Pedidos / Facturas … */
  label: string;
  /** Null for runs recorded before the history kept a phase's state. */
  state: 'success' | 'failed' | null;
  stateLabel: string | null;
  counts: PhaseCountView[];
  message: string | null;
}

/** One run of one company: the last one in the status, or the result pushed as `syncFinished`. */
export interface RunView {
  runId: number | null;
  connectionId: number;
  companyId: string;
  companyName: string;
  trigger: RunTriggerKey;
  dryRun: boolean;
  state: RunStateKey;
  /** Exitoso / En progreso / Parcial / Fallido */
  stateLabel: string;
  startedAt: string | null;
  endedAt: string | null;
  message: string | null;
  catalogs: CatalogRunView[];
  /** The inbound phases that ran, in order (none in a dry run, none the ERP cannot do). */
  phases: PhaseRunView[];
}

export interface SyncStatus {
  running: boolean;
  progress: SyncProgressView | null;
  lastRun: RunView | null;
}
