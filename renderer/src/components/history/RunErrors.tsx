import { useEffect, useState } from 'react';
import type { RunErrorView, RunHistoryRow } from '../../../../shared/ipc-contract';
import { errorText, formatLocalDateTime } from '../../format';

const PHASE_LABELS: Record<RunErrorView['phase'], string> = {
  read: 'Lectura del ERP',
  push: 'Envío a Wopen',
  state: 'Registro local',
};

/** The per-record errors of one run, and *Reintentar* (sends the failed records again). Keyed by run. */
export function RunErrors({
  run,
  onRetry,
}: {
  run: RunHistoryRow;
  onRetry: (result: { ok: boolean; message: string }) => void;
}) {
  const [errors, setErrors] = useState<RunErrorView[] | null>(null);
  const [omitted, setOmitted] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    window.api.listRunErrors({ runId: run.runId }).then(
      (r) => {
        setErrors(r.errors);
        setOmitted(r.omitted);
      },
      (err: unknown) => setLoadError(errorText(err)),
    );
  }, [run.runId]);

  const doRetry = (): void => {
    setBusy(true);
    onRetry({ ok: true, message: 'Iniciando el reintento…' });
    // The answer goes to the parent: the history reloads (and this panel with it) when the retry ends.
    window.api.retryRun({ runId: run.runId }).then(
      (r) => {
        setBusy(false);
        onRetry({ ok: r.started, message: r.message });
      },
      (err: unknown) => {
        setBusy(false);
        onRetry({ ok: false, message: `No se inició el reintento: ${errorText(err)}` });
      },
    );
  };

  const canRetry = run.state !== 'running' && (errors?.length ?? 0) > 0;

  return (
    <section className="run-errors" aria-label={`Errores de la sincronización Nº ${run.runId}`}>
      <div className="run-errors-header">
        <h3>
          Errores por registro — sincronización Nº {run.runId} ({run.companyName}, {formatLocalDateTime(run.startedAt)})
        </h3>
        <button type="button" disabled={!canRetry || busy} onClick={doRetry}>
          Reintentar
        </button>
      </div>
      {loadError && <p className="banner warning">{loadError}</p>}
      {errors === null && !loadError && <p className="hint">Leyendo errores…</p>}
      {errors?.length === 0 && <p className="hint">Esta sincronización no tuvo errores por registro.</p>}
      {errors && errors.length > 0 && (
        <div className="grid-frame errors-frame">
          <table className="errors-grid">
            <thead>
              <tr>
                <th scope="col">Catálogo</th>
                <th scope="col">Clave del registro</th>
                <th scope="col">Etapa</th>
                <th scope="col">Mensaje</th>
                <th scope="col">Fecha y hora</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e) => (
                <tr key={e.errorId}>
                  <td>{e.catalogLabel}</td>
                  <td className="nowrap">{e.recordKey ?? '—'}</td>
                  <td className="nowrap">{PHASE_LABELS[e.phase]}</td>
                  <td>{e.message}</td>
                  <td className="nowrap">{formatLocalDateTime(e.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {omitted > 0 && (
        <p className="hint">
          y {omitted.toLocaleString('es-MX')} {omitted === 1 ? 'error más' : 'errores más'} (cada sincronización guarda
          solo los primeros).
        </p>
      )}
    </section>
  );
}
