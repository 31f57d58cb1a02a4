import { Fragment } from 'react';
import { TRIGGER_LABELS } from '../../../../shared/labels';
import type { RunView } from '../../../../shared/run-view';
import { formatLocalDateTime } from '../../format';
import { CatalogRunTable } from './CatalogRunTable';
import { phaseCountsText } from './phase-counts';

/** *Ver historial*, last entry: state, kind, start, end, message, each phase's counts and the per-catalog counts. */
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
        {run.phases.map((p) => (
          <Fragment key={p.phase}>
            <dt>{p.label}</dt>
            <dd data-testid={`last-run-${p.phase}`}>{phaseCountsText(p.counts)}</dd>
          </Fragment>
        ))}
      </dl>
      {run.catalogs.length > 0 && <CatalogRunTable run={run} caption="Resultado por catálogo" />}
    </section>
  );
}
