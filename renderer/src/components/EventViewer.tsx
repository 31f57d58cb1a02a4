import { useCallback, useEffect, useState } from 'react';
import type { EventView } from '../../../shared/ipc-contract';
import { errorText, formatLocalDateTime, LEVEL_LABELS } from '../format';
import { useConsole } from '../store/console-store';
import { Modal } from './Modal';

const DAYS = 7;

/** "Visor de eventos": what happened in the last 7 days, newest first. */
export function EventViewer() {
  const close = useConsole((s) => s.setEventViewerOpen);
  const [events, setEvents] = useState<EventView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // State is set only when the answer arrives (never synchronously inside the effect).
  const load = useCallback(() => {
    window.api.listEvents({ days: DAYS }).then(
      (list) => {
        setEvents(list);
        setError(null);
      },
      (err: unknown) => setError(errorText(err)),
    );
  }, []);

  useEffect(load, [load]);

  return (
    <Modal
      title="Visor de eventos"
      className="event-viewer"
      onClose={() => close(false)}
      footer={
        <>
          <button type="button" onClick={load}>
            Actualizar
          </button>
          <span className="spacer" />
          <button type="button" className="default-button" data-autofocus onClick={() => close(false)}>
            Cerrar
          </button>
        </>
      }
    >
      <p className="hint">Eventos de los últimos {DAYS} días.</p>
      {error && (
        <p className="banner warning" role="alert">
          {error}
        </p>
      )}
      <div className="grid-frame events-frame" tabIndex={0} aria-label="Eventos">
        <table className="events-grid">
          <thead>
            <tr>
              <th scope="col">Fecha y hora</th>
              <th scope="col">Tipo</th>
              <th scope="col">Categoría</th>
              <th scope="col">Empresa</th>
              <th scope="col">Mensaje</th>
            </tr>
          </thead>
          <tbody>
            {events?.map((e) => (
              <tr key={e.id} className={`level-${e.level}`}>
                <td className="nowrap">{formatLocalDateTime(e.at)}</td>
                <td className="nowrap">{LEVEL_LABELS[e.level]}</td>
                <td className="nowrap">{e.category}</td>
                <td>{e.companyName ?? e.companyId ?? '—'}</td>
                <td>{e.message}</td>
              </tr>
            ))}
            {events?.length === 0 && (
              <tr>
                <td colSpan={5} className="empty">
                  No hay eventos en los últimos {DAYS} días.
                </td>
              </tr>
            )}
            {events === null && !error && (
              <tr>
                <td colSpan={5} className="empty">
                  Leyendo eventos…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
