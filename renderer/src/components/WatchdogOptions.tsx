import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiQuery } from '../queries/query-client';
import { errorText } from '../format';
import { parseStallMinutes, WATCHDOG_MESSAGE } from '../../../shared/watchdog-settings';
import { GroupBox } from './GroupBox';

/**
 * *Opciones*: after how many minutes without progress a run is stopped (every company, this console and the
 * service alike). Its own *Guardar*: the setting is stored apart from the start-at-login choice.
 */
export function WatchdogOptions() {
  const queryClient = useQueryClient();
  const query = useQuery({ ...apiQuery('getWatchdogSettings', undefined), staleTime: 0 });
  const saved = query.data?.stallMinutes ?? null;
  const [typed, setTyped] = useState<string | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const text = typed ?? (saved === null ? '' : String(saved));
  const parsed = parseStallMinutes(text);

  const save = useMutation({
    mutationFn: (stallMinutes: number) => window.api.saveWatchdogSettings({ stallMinutes }),
    onSuccess: (fresh) => {
      queryClient.setQueryData(apiQuery('getWatchdogSettings', undefined).queryKey, fresh);
      setTyped(null);
      setStatus({
        ok: true,
        text: `Una sincronización sin avance se detendrá después de ${fresh.stallMinutes} min.`,
      });
    },
    onError: (err) => setStatus({ ok: false, text: `No se guardó: ${errorText(err)}` }),
  });
  const dirty = typed !== null && parsed !== saved;
  const invalid = typed !== null && parsed === null;

  return (
    <GroupBox title="Sincronización sin avance">
      <div className="form-grid">
        <label htmlFor="watchdog-minutes">Detener una sincronización sin avance después de (min.)</label>
        <div className="field-with-hint">
          <input
            id="watchdog-minutes"
            className="short"
            inputMode="numeric"
            disabled={saved === null || save.isPending}
            aria-invalid={invalid || undefined}
            value={text}
            onChange={(e) => {
              setTyped(e.target.value);
              setStatus(null);
            }}
          />
          <button
            type="button"
            disabled={!dirty || invalid || save.isPending}
            onClick={() => parsed !== null && save.mutate(parsed)}
          >
            Guardar
          </button>
        </div>
      </div>
      <p className="hint">
        Si en ese tiempo no se lee nada del ERP ni responde la tienda, la sincronización se detiene, se cierra la
        conexión con el ERP y se envía una alerta. La siguiente sincronización lo intenta de nuevo.
      </p>
      {invalid && (
        <p className="save-status failed" role="status">
          {WATCHDOG_MESSAGE}
        </p>
      )}
      {query.error && <p className="save-status failed">No se pudo leer la opción: {errorText(query.error)}</p>}
      {status && !invalid && (
        <p className={`save-status ${status.ok ? 'ok' : 'failed'}`} role="status" data-testid="watchdog-status">
          {status.text}
        </p>
      )}
    </GroupBox>
  );
}
