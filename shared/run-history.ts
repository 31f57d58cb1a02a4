/** The Historial de sincronización: one row per catalog of a run, the period's figures, a run's errors. */

export interface RunHistoryRow {
  runId: number;
  connectionId: number;
  companyId: string;
  companyName: string;
  catalog: string;
  catalogLabel: string;
  /** Exitoso / En progreso / Parcial / Fallido / Requiere revisión / No disponible / No se intentó */
  stateLabel: string;
  /** `review`: the catalog's deactivations were held for a person. */
  state: 'running' | 'success' | 'partial' | 'failed' | 'review' | 'skipped' | 'unavailable';
  trigger: 'manual' | 'automatic';
  startedAt: string;
  endedAt: string | null;
  message: string | null;
  read: number;
  pushed: number;
  failed: number;
}

export interface RunStats {
  /** Runs (one per company pass) in [from, to). */
  total: number;
  success: number;
  partial: number;
  failed: number;
  /** *Requieren revisión*: deactivations were held. */
  review: number;
  running: number;
  successPct: number;
  failedPct: number;
  lastSyncAt: string | null;
  /** Local calendar days (America/Mexico_City of the machine), oldest first. */
  perDay: { day: string; success: number; partial: number; failed: number; review: number }[];
}

export interface RunErrorView {
  errorId: number;
  catalog: string;
  catalogLabel: string;
  recordKey: string | null;
  phase: 'read' | 'push' | 'state';
  message: string;
  at: string;
}
