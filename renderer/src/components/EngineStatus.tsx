import { useApp } from '../store/app-store';

/**
 * Who runs the sync on this settings database. A small line when this console runs it (or nobody
 * does here); an information banner when another process (the service or another console) runs it and this
 * console only supervises: *Sincronizar ahora* then sends a request to that process.
 */
export function EngineStatus() {
  const engine = useApp((s) => s.engine);
  if (!engine) return null;
  if (engine.role === 'monitor') {
    return (
      <div className="banner info engine-status monitor" role="status" data-testid="engine-status" data-role="monitor">
        <span className="engine-dot" aria-hidden="true" />
        <p>
          <strong>Modo supervisión.</strong> <span data-testid="engine-message">{engine.message}</span>{' '}
          <span className="engine-detail">
            Sincronizar ahora envía la solicitud a ese proceso; el avance y el resultado se muestran aquí.
          </span>
        </p>
      </div>
    );
  }
  return (
    <p className={`engine-status ${engine.role}`} role="status" data-testid="engine-status" data-role={engine.role}>
      <span className="engine-dot" aria-hidden="true" />
      <span data-testid="engine-message">{engine.message}</span>
    </p>
  );
}
