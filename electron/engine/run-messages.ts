import type { CatalogReport } from './run-report';

export const SYNC_CATEGORY = 'Sincronización';

const fmt = (n: number) => n.toLocaleString('es-MX');

/**
 * The run's one-line result. Always says how many records moved, so "success" with nothing sent reads as
 * "sin cambios" rather than an unexplained success.
 */
export function describeRun(
  reports: CatalogReport[],
  state: 'success' | 'partial' | 'failed' | 'review',
  dryRun: boolean,
): string {
  const sum = (k: 'checked' | 'read' | 'pushed' | 'deleted' | 'failed' | 'unchanged') =>
    reports.reduce((n, r) => n + r[k], 0);
  const moved = sum('pushed') + sum('deleted');
  const counts =
    moved === 0 && sum('failed') === 0
      ? `sin cambios (${fmt(sum('checked'))} registros verificados)`
      : `${fmt(sum('pushed'))} registros ${dryRun ? 'se enviarían' : 'enviados'}, ${fmt(sum('deleted'))} ${dryRun ? 'se desactivarían' : 'desactivados'}, ` +
        `${fmt(sum('unchanged'))} sin cambios, ${fmt(sum('failed'))} con error`;
  if (state === 'success') return `${dryRun ? 'Simulación completa' : 'Exitosa'}: ${counts}.`;
  if (state === 'review') {
    const held = reports.reduce((n, r) => n + (r.held?.verdict.held ?? 0), 0);
    return `Requiere revisión: ${counts}; ${fmt(held)} bajas retenidas hasta que alguien las revise.`;
  }
  const problem =
    reports.find((r) => r.state === 'failed' || r.state === 'partial' || r.aborted)?.message ?? 'Error desconocido.';
  if (state === 'failed' && moved === 0) return `Fallida: ${problem}`;
  return `${state === 'partial' ? 'Parcial' : 'Fallida'}: ${counts}. ${problem}`;
}
