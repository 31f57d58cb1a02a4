import { useEffect, useId, useState } from 'react';
import { errorText } from '../../format';

const MIN_DAYS = 7;

/** "Conservar eventos N días": older events are purged; the last 7 days are always kept. */
export function RetentionSetting() {
  const inputId = useId();
  const [saved, setSaved] = useState<number | null>(null);
  const [value, setValue] = useState('');
  const [status, setStatus] = useState('');

  useEffect(() => {
    window.api.getRetention().then(
      (r) => {
        setSaved(r.days);
        setValue(String(r.days));
      },
      (err: unknown) => setStatus(errorText(err)),
    );
  }, []);

  const save = (): void => {
    const days = Number(value);
    if (!Number.isInteger(days) || days < MIN_DAYS || days > 3650) {
      setStatus(`Escriba un número de días entre ${MIN_DAYS} y 3650.`);
      return;
    }
    window.api.saveRetention({ days }).then(
      (r) => {
        setSaved(r.days);
        setValue(String(r.days));
        setStatus(`Se conservarán los eventos de los últimos ${r.days} días.`);
      },
      (err: unknown) => setStatus(errorText(err)),
    );
  };

  return (
    <div className="retention">
      <label htmlFor={inputId}>Conservar eventos (días)</label>
      <input
        id={inputId}
        type="number"
        min={MIN_DAYS}
        max={3650}
        value={value}
        disabled={saved === null}
        aria-describedby={`${inputId}-hint`}
        onChange={(e) => {
          setValue(e.target.value);
          setStatus('');
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            save();
          }
        }}
      />
      <button type="button" disabled={saved === null || value === String(saved)} onClick={save}>
        Guardar retención
      </button>
      <span id={`${inputId}-hint`} className="hint">
        Mínimo {MIN_DAYS}; los eventos más antiguos se borran.
      </span>
      <span className="retention-status" role="status">
        {status}
      </span>
    </div>
  );
}
