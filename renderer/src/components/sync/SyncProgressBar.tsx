import type { SyncProgressView } from '../../../../shared/ipc-contract';
import { formatCount } from '../../format';

/** Overall progress: catalogs done plus the fraction of the current one. */
export function overallFraction(p: SyncProgressView): number {
  if (p.catalogCount <= 0) return 0;
  const inCatalog = p.total > 0 ? Math.min(p.done / p.total, 1) : 1;
  return Math.min((p.catalogIndex + inCatalog) / p.catalogCount, 1);
}

export function SyncProgressBar({ progress, simulating }: { progress: SyncProgressView | null; simulating: boolean }) {
  const percent = progress ? Math.round(overallFraction(progress) * 100) : 0;
  const title = simulating ? 'Simulando (no se envía nada)…' : 'Sincronizando…';
  return (
    <div className="sync-progress" role="status" aria-live="polite">
      <p className="sync-progress-title">
        <strong>{title}</strong>
        {progress ? (
          <>
            {' '}
            {progress.catalogLabel} — catálogo {progress.catalogIndex + 1} de {progress.catalogCount}
          </>
        ) : (
          ' Conectando con el ERP…'
        )}
      </p>
      <div
        className="progress-track"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
      {progress && (
        <p className="hint">
          {progress.total > 0
            ? `${formatCount(progress.done)} de ${formatCount(progress.total)} registros con posibles cambios leídos`
            : 'Sin registros con posibles cambios en este catálogo'}
          {` · ${percent} % del total`}
        </p>
      )}
    </div>
  );
}
