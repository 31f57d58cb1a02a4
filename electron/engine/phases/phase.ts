import type { SettingsDb } from '../../settings/database';
import type { StoredCompanySettings } from '../../settings/company-settings-repo';
import type { StoreClient } from '../../store/port';
import type { InboxScope } from './inbox/inbox-repo';

/** What one phase did in one run: recorded in the run history (counts as JSON) and shown by the run view. */
export interface PhaseReport {
  /** 'failed': the ERP or the store stopped the phase (what it had stays for the next run); 'skipped': the ERP cannot. */
  state: 'success' | 'failed' | 'skipped';
  message: string;
  counts: Record<string, number>;
}

/** A phase's report in a run summary, named by the phase. */
export interface PhaseRun extends PhaseReport {
  phase: string;
}

export interface PhaseEvent {
  level: 'info' | 'warning' | 'error';
  message: string;
  recordKey: string | null;
}

/** Everything a phase gets from the run: it builds its own repositories from `db`, so a new phase needs no new slot. */
export interface PhaseContext {
  scope: InboxScope;
  erp: object;
  store: StoreClient;
  settings: StoredCompanySettings;
  db: SettingsDb;
  now: () => string;
  signal?: AbortSignal;
  event: (e: PhaseEvent) => void;
}

/** An inbound flow of a company run (store → ERP), after the catalogs, never in a dry run. */
export interface Phase {
  /** Names the phase in the run history and the run summary. */
  id: string;
  label: string;
  /** The counts the run view shows, in this order, with their Spanish words ("importados"); others stay internal. */
  countLabels: Readonly<Record<string, string>>;
  /** The `catalog` tag of the phase's events (the event filter's existing values). */
  eventTag: string;
  enabled(settings: StoredCompanySettings, erp: object): boolean;
  run(ctx: PhaseContext): Promise<PhaseReport>;
  /** The report when `run` threw: what it says and the counts still true afterwards. */
  crashed(ctx: PhaseContext, reason: string): PhaseReport;
}
