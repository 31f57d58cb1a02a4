import type { RunStats } from '../../../../shared/ipc-contract';
import { RUN_COUNT_LABELS } from '../../../../shared/labels';
import { formatCount, formatLocalDateTime } from '../../format';

const pct = (n: number): string => `${Math.round(n * 10) / 10} %`;

/** "Información de sincronizaciones": exitosas y fallidas (número y porcentaje) y la última sincronización. */
export function RunStatsSummary({ stats, phrase }: { stats: RunStats; phrase: string }) {
  return (
    <section className="run-stats" aria-label="Información de sincronizaciones">
      <div className="stat ok" data-testid="stat-success">
        <span className="stat-label">{RUN_COUNT_LABELS.success}</span>
        <span className="stat-value">{formatCount(stats.success)}</span>
        <span className="stat-pct">{pct(stats.successPct)}</span>
      </div>
      <div className="stat failed" data-testid="stat-failed">
        <span className="stat-label">{RUN_COUNT_LABELS.failed}</span>
        <span className="stat-value">{formatCount(stats.failed)}</span>
        <span className="stat-pct">{pct(stats.failedPct)}</span>
      </div>
      <div className="stat partial" data-testid="stat-partial">
        <span className="stat-label">{RUN_COUNT_LABELS.partial}</span>
        <span className="stat-value">{formatCount(stats.partial)}</span>
        <span className="stat-pct">con algunos registros sin enviar</span>
      </div>
      <div className="stat review" data-testid="stat-review">
        <span className="stat-label">{RUN_COUNT_LABELS.review}</span>
        <span className="stat-value">{formatCount(stats.review)}</span>
        <span className="stat-pct">con bajas retenidas</span>
      </div>
      <div className="stat" data-testid="stat-total">
        <span className="stat-label">Sincronizaciones {phrase}</span>
        <span className="stat-value">{formatCount(stats.total)}</span>
        <span className="stat-pct">{stats.running > 0 ? `${formatCount(stats.running)} en progreso` : '\u00a0'}</span>
      </div>
      <div className="stat last" data-testid="stat-last">
        <span className="stat-label">Última sincronización exitosa</span>
        <span className="stat-value small">{stats.lastSyncAt ? formatLocalDateTime(stats.lastSyncAt) : 'Ninguna'}</span>
      </div>
    </section>
  );
}
