/**
 * The console's Spanish words for run states, triggers and event levels — b2bGO's words (*Ver historial*,
 * Visor de eventos). Main (run views, tray, alerts), the CSV export and the renderer all read them here.
 */

/** `review`: deactivations were held for a person (*Requiere revisión*). */
export type RunStateKey = 'running' | 'success' | 'partial' | 'failed' | 'review';
export type RunTriggerKey = 'manual' | 'automatic';
export type EventLevelKey = 'info' | 'warning' | 'error';

export const RUN_STATE_LABELS: Record<RunStateKey, string> = {
  running: 'En progreso',
  success: 'Exitoso',
  partial: 'Parcial',
  failed: 'Fallido',
  review: 'Requiere revisión',
};

/** Counted runs in the Historial's figures and chart ("12 Exitosas"). */
export const RUN_COUNT_LABELS: Record<Exclude<RunStateKey, 'running'>, string> = {
  success: 'Exitosas',
  partial: 'Parciales',
  failed: 'Fallidas',
  review: 'Requieren revisión',
};

/** A catalog's row in the Historial also says why it was not synced. */
export const CATALOG_STATE_LABELS: Record<RunStateKey | 'unavailable' | 'skipped', string> = {
  ...RUN_STATE_LABELS,
  unavailable: 'No disponible',
  skipped: 'No se intentó',
};

/** The last run's catalog table: the ERP has no such catalog (not an error). */
export const NOT_IN_ERP = 'No disponible en este ERP';

export const TRIGGER_LABELS: Record<RunTriggerKey, string> = {
  manual: 'Manual',
  automatic: 'Automática',
};

export const LEVEL_LABELS: Record<EventLevelKey, string> = {
  info: 'Información',
  warning: 'Advertencia',
  error: 'Error',
};
