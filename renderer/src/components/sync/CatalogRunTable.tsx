import { Fragment } from 'react';
import { CATALOG_STATE_LABELS, NOT_IN_ERP, RUN_STATE_LABELS } from '../../../../shared/labels';
import type { CatalogRunView, RunView } from '../../../../shared/run-view';
import { formatCount } from '../../format';

function stateOf(c: CatalogRunView, simulation: boolean): { label: string; tone: string } {
  if (c.state === 'skipped')
    return c.aborted ? { label: CATALOG_STATE_LABELS.skipped, tone: 'partial' } : { label: NOT_IN_ERP, tone: 'muted' };
  if (simulation && c.state === 'success') {
    const moves = c.pushed + c.deleted > 0;
    return { label: moves ? 'Con cambios' : 'Sin cambios', tone: moves ? 'running' : 'success' };
  }
  return { label: RUN_STATE_LABELS[c.state], tone: c.state };
}

const notInErp = (c: CatalogRunView): boolean => c.state === 'skipped' && !c.aborted;

/**
 * Per-catalog counts of one run (or of a simulation: what a sync would push). Catalogs this ERP does not
 * have are not errors: they are listed once below the table instead of as rows of dashes.
 */
export function CatalogRunTable({ run, caption }: { run: RunView; caption: string }) {
  const simulation = run.dryRun;
  const rows = run.catalogs.filter((c) => !notInErp(c));
  const unavailable = run.catalogs.filter(notInErp);
  const abortedNotes = [...new Set(run.catalogs.filter((c) => c.aborted && c.message).map((c) => c.message as string))];
  const numbers = (c: CatalogRunView): (number | null)[] =>
    c.state === 'skipped' ? [null, null, null, null, null] : [c.read, c.pushed, c.unchanged, c.deleted, c.failed];
  return (
    <>
      <div className="grid-frame catalog-frame">
        <table className="catalog-grid">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Catálogo</th>
              <th scope="col" className="num">
                Leídos
              </th>
              <th scope="col" className="num">
                {simulation ? 'Por enviar' : 'Enviados'}
              </th>
              <th scope="col" className="num">
                Sin cambios
              </th>
              <th scope="col" className="num">
                {simulation ? 'Por desactivar' : 'Desactivados'}
              </th>
              <th scope="col" className="num">
                Con error
              </th>
              <th scope="col">Estado</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const state = stateOf(c, simulation);
              // The reason a catalog failed, under its row across the table (aborted ones share one note below).
              const detail = c.message && (c.state === 'failed' || c.state === 'partial') ? c.message : null;
              return (
                <Fragment key={c.catalog}>
                  <tr className={detail ? 'has-detail' : undefined}>
                    <th scope="row">{c.catalogLabel}</th>
                    {numbers(c).map((n, i) => (
                      <td key={i} className={`num ${i === 4 && n ? 'has-errors' : ''}`}>
                        {n === null ? '—' : formatCount(n)}
                      </td>
                    ))}
                    <td className="state-cell">
                      <span className={`run-state tone-${state.tone}`}>{state.label}</span>
                    </td>
                  </tr>
                  {detail && (
                    <tr className="detail-row">
                      <td colSpan={7}>{detail}</td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  No se procesó ningún catálogo.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Leídos: registros de las partes del catálogo que cambiaron en el ERP desde la última sincronización (0 = el ERP
        no tuvo cambios).
      </p>
      {abortedNotes.map((note) => (
        <p key={note} className="hint warning-text">
          {note}
        </p>
      ))}
      {unavailable.length > 0 && (
        <p className="hint not-in-erp" data-testid="catalogs-not-in-erp">
          <strong>{NOT_IN_ERP}</strong> (no se sincronizan, no es un error):{' '}
          {unavailable.map((c) => c.catalogLabel).join(', ')}.
        </p>
      )}
    </>
  );
}
