import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../../queries/query-client';
import { LEVEL_LABELS, TRIGGER_LABELS } from '../../../../shared/labels';
import { errorText, formatLocalDateTime } from '../../format';
import { catalogLabel } from './labels';

/** The selected event: message, run, record key and the redacted excerpt of its details. Keyed by event. */
export function EventDetail({ eventId }: { eventId: number }) {
  const query = useQuery(apiQuery('getEventDetail', { eventId }));
  const detail = query.data;
  const error = query.error ? errorText(query.error) : null;

  if (error) {
    return (
      <section className="event-detail" aria-label="Detalle del evento">
        <p className="banner warning">{error}</p>
      </section>
    );
  }
  if (!detail) {
    return (
      <section className="event-detail" aria-label="Detalle del evento">
        <p className="hint">Leyendo el detalle…</p>
      </section>
    );
  }
  return (
    <section className="event-detail" aria-label="Detalle del evento">
      <dl>
        <dt>Fecha y hora</dt>
        <dd>{formatLocalDateTime(detail.at)}</dd>
        <dt>Tipo</dt>
        <dd className={`level-${detail.level}`}>{LEVEL_LABELS[detail.level]}</dd>
        <dt>Categoría</dt>
        <dd>{detail.category}</dd>
        <dt>Empresa</dt>
        <dd>{detail.companyName ?? detail.companyId ?? '—'}</dd>
        <dt>Corrida</dt>
        <dd data-testid="event-run">
          {detail.runId !== null ? `Nº ${detail.runId}` : '—'}
          {detail.trigger ? ` (${TRIGGER_LABELS[detail.trigger].toLowerCase()})` : ''}
        </dd>
        <dt>Catálogo</dt>
        <dd>{detail.catalog ? catalogLabel(detail.catalog) : '—'}</dd>
        <dt>Clave del registro</dt>
        <dd data-testid="event-record-key">{detail.recordKey ?? '—'}</dd>
        <dt className="full-row">Mensaje</dt>
        <dd data-testid="event-message">{detail.message}</dd>
      </dl>
      {detail.detailsExcerpt && (
        <>
          <p className="detail-caption">Datos técnicos (sin contraseñas ni datos sensibles)</p>
          <pre className="details-excerpt" tabIndex={0} aria-label="Datos técnicos del evento">
            {detail.detailsExcerpt}
          </pre>
        </>
      )}
    </section>
  );
}
