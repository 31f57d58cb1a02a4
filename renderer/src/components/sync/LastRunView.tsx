import type { RunView } from '../../../../shared/ipc-contract';
import { formatLocalDateTime } from '../../format';
import { CatalogRunTable } from './CatalogRunTable';

const TRIGGER_LABELS: Record<RunView['trigger'], string> = { manual: 'Manual', automatic: 'Automática' };

/** *Ver historial*, last entry: state, kind, start, end, message and the per-catalog counts. */
export function LastRunView({ run }: { run: RunView }) {
  return (
    <section className="last-run" aria-labelledby="last-run-title">
      <h3 id="last-run-title">Última sincronización</h3>
      <dl className="run-facts">
        <dt>Estado</dt>
        <dd>
          <span className={`run-state tone-${run.state}`} data-testid="last-run-state">
            {run.stateLabel}
          </span>
        </dd>
        <dt>Tipo</dt>
        <dd>{TRIGGER_LABELS[run.trigger]}</dd>
        <dt>Inicio</dt>
        <dd>{run.startedAt ? formatLocalDateTime(run.startedAt) : '—'}</dd>
        <dt>Fin</dt>
        <dd>{run.endedAt ? formatLocalDateTime(run.endedAt) : run.state === 'running' ? 'En curso' : '—'}</dd>
        <dt>Mensaje</dt>
        <dd className="run-message" data-testid="last-run-message">
          {run.message ?? (run.state === 'running' ? 'La sincronización está en curso.' : '—')}
        </dd>
        {run.invoices && (
          <>
            <dt>Facturas</dt>
            <dd data-testid="last-run-invoices">
              {run.invoices.created} creadas, {run.invoices.stamped} timbradas, {run.invoices.unstamped} sin timbrar,{' '}
              {run.invoices.rejected} rechazadas
            </dd>
          </>
        )}
      </dl>
      {run.catalogs.length > 0 && <CatalogRunTable run={run} caption="Resultado por catálogo" />}
    </section>
  );
}
