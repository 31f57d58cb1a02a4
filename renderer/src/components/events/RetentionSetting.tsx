import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiQuery } from '../../queries/query-client';
import { errorText } from '../../format';

const MIN_DAYS = 7;

/** "Conservar eventos N días": older events are purged; the last 7 days are always kept. */
export function RetentionSetting() {
  const inputId = useId();
  const queryClient = useQueryClient();
  // Read again at each opening of the Visor (staleTime 0): the service's settings are the same database.
  const retentionQuery = useQuery({ ...apiQuery('getRetention', undefined), staleTime: 0 });
  const saved = retentionQuery.data?.days ?? null;
  // What the user typed; until then the field shows what is saved.
  const [typed, setTyped] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const value = typed ?? (saved === null ? '' : String(saved));
  const shownStatus = status || (retentionQuery.error ? errorText(retentionQuery.error) : '');

  const saveRetention = useMutation({
    mutationFn: (days: number) => window.api.saveRetention({ days }),
    onSuccess: (r) => {
      queryClient.setQueryData(apiQuery('getRetention', undefined).queryKey, r);
      setTyped(null);
      setStatus(`Se conservarán los eventos de los últimos ${r.days} días.`);
    },
    onError: (err) => setStatus(errorText(err)),
  });

  const save = (): void => {
    const days = Number(value);
    if (!Number.isInteger(days) || days < MIN_DAYS || days > 3650) {
      setStatus(`Escriba un número de días entre ${MIN_DAYS} y 3650.`);
      return;
    }
    saveRetention.mutate(days);
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
          setTyped(e.target.value);
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
        {shownStatus}
      </span>
    </div>
  );
}
