import { useConsole } from '../store/console-store';
import { openModal } from '../store/modal-store';

/** Bottom row of the dialog: "Visor de eventos", "Historial de sincronización", "Alertas…" and "Opciones…" on the left, "Aceptar" and "Cancelar" on the right. */
export function DialogButtons() {
  const accept = useConsole((s) => s.accept);
  const cancel = useConsole((s) => s.cancel);
  const saving = useConsole((s) => s.saving);
  const status = useConsole((s) => s.status);
  const hasConnection = useConsole((s) => s.connectionId !== null);

  return (
    <footer className="dialog-buttons">
      <button type="button" onClick={() => openModal('events', true)}>
        Visor de eventos
      </button>
      <button type="button" disabled={!hasConnection} onClick={() => openModal('history', true)}>
        Historial de sincronización
      </button>
      <button type="button" onClick={() => openModal('alerts', true)}>
        Alertas…
      </button>
      <button type="button" onClick={() => openModal('options', true)}>
        Opciones…
      </button>
      <p className="status" role="status">
        {status}
      </p>
      <button
        type="button"
        className="default-button"
        disabled={saving || !hasConnection}
        onClick={() => void accept()}
      >
        Aceptar
      </button>
      <button type="button" disabled={saving || !hasConnection} onClick={cancel}>
        Cancelar
      </button>
    </footer>
  );
}
