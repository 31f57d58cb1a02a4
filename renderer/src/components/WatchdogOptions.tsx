import { WATCHDOG_MESSAGE } from '../../../shared/watchdog-settings';
import { GroupBox } from './GroupBox';

export interface WatchdogOptionsProps {
  /** What the box shows: the user's typing, else what is saved; null while it is read. */
  text: string | null;
  invalid: boolean;
  disabled: boolean;
  status: { ok: boolean; text: string } | null;
  onChange: (text: string) => void;
}

/**
 * *Opciones*: after how many minutes without progress a run is stopped (every company, this console and the
 * service alike). Saved with the dialog's *Guardar*, together with the other options or not at all.
 */
export function WatchdogOptions(p: WatchdogOptionsProps) {
  return (
    <GroupBox title="Sincronización sin avance">
      <div className="form-grid">
        <label htmlFor="watchdog-minutes">Detener una sincronización sin avance después de (min.)</label>
        <input
          id="watchdog-minutes"
          className="short"
          inputMode="numeric"
          disabled={p.text === null || p.disabled}
          aria-invalid={p.invalid || undefined}
          value={p.text ?? ''}
          onChange={(e) => p.onChange(e.target.value)}
        />
      </div>
      <p className="hint">
        Si en ese tiempo no se lee nada del ERP ni responde la tienda, la sincronización se detiene, se cierra la
        conexión con el ERP y se envía una alerta. La siguiente sincronización lo intenta de nuevo.
      </p>
      {p.invalid && (
        <p className="save-status failed" role="status">
          {WATCHDOG_MESSAGE}
        </p>
      )}
      {p.status && !p.invalid && (
        <p className={`save-status ${p.status.ok ? 'ok' : 'failed'}`} role="status" data-testid="watchdog-status">
          {p.status.text}
        </p>
      )}
    </GroupBox>
  );
}
