import { useId, useState } from 'react';
import type { PauseTarget, SyncPauseView } from '../../../../shared/ipc-contract';
import { parsePauseEnd, pauseLabel } from '../../../../shared/sync-pause';
import { changePause, pauseStateKey } from './use-pauses';

const CHOICES = [
  { value: '1h', label: '1 hora' },
  { value: '4h', label: '4 horas' },
  { value: 'date', label: 'Hasta una fecha y hora…' },
  { value: 'resume', label: 'Hasta reanudar' },
] as const;
type Choice = (typeof CHOICES)[number]['value'];

/** The end of the chosen pause as an ISO instant (null: until resumed); throws the Spanish reason. */
function endOf(choice: Choice, date: string, now: Date): string | null {
  if (choice === 'resume') return null;
  if (choice === 'date') {
    if (!date) throw new Error('Indique la fecha y hora en que termina la pausa.');
    return parsePauseEnd({ until: date }, now);
  }
  return parsePauseEnd({ for: choice }, now);
}

/**
 * *Pausar* / *Reanudar* for one company or for every company: while paused, the pause and its end and
 * *Reanudar*; otherwise how long and *Pausar*. A pause of every company is resumed from its own control.
 */
export function PauseControl({
  target,
  pause,
  what,
}: {
  target: PauseTarget;
  /** The pause holding this target now, if any. */
  pause: SyncPauseView | null;
  /** «Pausar» / «Pausar todas». */
  what: { pause: string; resume: string };
}) {
  const [choice, setChoice] = useState<Choice>('1h');
  const [date, setDate] = useState('');
  // A message belongs to the pause state it answered: once the pause changes elsewhere (tray, CLI, its end), it goes.
  const [message, setMessage] = useState<{ text: string; error: boolean; state: string } | null>(null);
  const state = pauseStateKey(pause);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const run = async (action: () => Promise<{ message: string; state: string }>) => {
    setBusy(true);
    try {
      const r = await action();
      setMessage({ text: r.message, error: false, state: r.state });
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true, state });
    } finally {
      setBusy(false);
    }
  };
  // A company under the all-companies pause is resumed there, not here.
  const heldByAll = target !== 'all' && pause?.connectionId === null;

  return (
    <div className="pause-control" data-testid={target === 'all' ? 'pause-all' : 'pause-company'}>
      {pause ? (
        <>
          <span className="pause-state" role="status">
            {pauseLabel(pause)} <span className="hint">(la pausó {pause.pausedBy})</span>
          </span>
          {!heldByAll && (
            <button type="button" disabled={busy} onClick={() => void run(() => changePause({ resume: target }))}>
              {what.resume}
            </button>
          )}
        </>
      ) : (
        <>
          <label htmlFor={`${id}-for`}>Pausar sincronización</label>
          <select id={`${id}-for`} value={choice} onChange={(e) => setChoice(e.target.value as Choice)}>
            {CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
          {choice === 'date' && (
            <input
              type="datetime-local"
              aria-label="Fin de la pausa"
              value={date}
              onChange={(e) => setDate(e.target.value)}
            />
          )}
          <button
            type="button"
            disabled={busy}
            onClick={() => void run(() => changePause({ pause: target, until: endOf(choice, date, new Date()) }))}
          >
            {what.pause}
          </button>
        </>
      )}
      {message && message.state === state && (
        <p
          className={message.error ? 'pause-message warning-text' : 'pause-message hint'}
          role={message.error ? 'alert' : 'status'}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
