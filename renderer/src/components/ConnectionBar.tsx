import { useConnections } from '../queries/connections';
import { useConsole } from '../store/console-store';
import { openModal, type ConnectionEditorState } from '../store/modal-store';

/** Which ERP database the dialog is showing, and the way to add or change one. */
export function ConnectionBar() {
  const connections = useConnections();
  const connectionId = useConsole((s) => s.connectionId);
  const selectConnection = useConsole((s) => s.selectConnection);
  const openEditor = (state: ConnectionEditorState): void => openModal('editor', state);
  const current = connections.find((c) => c.id === connectionId);

  return (
    <div className="connection-bar">
      <label htmlFor="erp-connection">Conexión al ERP</label>
      <select
        id="erp-connection"
        value={connectionId ?? ''}
        disabled={connections.length === 0}
        onChange={(e) => void selectConnection(Number(e.target.value))}
      >
        {connections.length === 0 && <option value="">(Sin conexiones)</option>}
        {connections.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!current}
        onClick={() => current && openEditor({ mode: 'edit', connectionId: current.id })}
      >
        Modificar conexión…
      </button>
      <button type="button" onClick={() => openEditor({ mode: 'new' })}>
        Nueva conexión…
      </button>
    </div>
  );
}
