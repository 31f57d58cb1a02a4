import { useId } from 'react';
import type { DeactivationLimitsView } from '../../../../shared/ipc-contract';
import { GroupBox } from '../GroupBox';

/** What the user typed, as typed: checked only on *Guardar*, so a half-typed number is not rejected early. */
export interface LimitsDraft {
  maxCount: string;
  maxSharePct: string;
}

export const limitsDraftOf = (v: DeactivationLimitsView): LimitsDraft => ({
  maxCount: String(v.maxCount),
  maxSharePct: String(v.maxSharePct),
});

/** "12" → 12; anything that is not a plain whole number stays text so the schema rejects it in Spanish. */
const numberOf = (s: string): number | string => (/^\s*\d+\s*$/.test(s) ? Number(s) : s);

export const limitsInputOf = (d: LimitsDraft): { maxCount: unknown; maxSharePct: unknown } => ({
  maxCount: numberOf(d.maxCount),
  maxSharePct: numberOf(d.maxSharePct),
});

/** *Opciones › Bajas retenidas*: the two limits above which a run holds a catalog's deactivations. */
export function DeactivationLimitsGroup({
  draft,
  disabled,
  status,
  onChange,
}: {
  draft: LimitsDraft | null;
  disabled: boolean;
  /** The last save's outcome or the read error. */
  status: { ok: boolean; text: string } | null;
  onChange: (d: LimitsDraft) => void;
}) {
  const uid = useId();
  return (
    <GroupBox title="Bajas retenidas" className="limits-group">
      {!draft ? (
        <p className="hint">Leyendo los límites…</p>
      ) : (
        <>
          <p className="limits-sentence">
            <span>Retener bajas cuando sean más de</span>
            <input
              id={`limits-count-${uid}`}
              aria-label="Número de registros"
              inputMode="numeric"
              value={draft.maxCount}
              disabled={disabled}
              onChange={(e) => onChange({ ...draft, maxCount: e.target.value })}
            />
            <span>registros y más del</span>
            <input
              id={`limits-share-${uid}`}
              aria-label="Porcentaje de la tienda"
              inputMode="numeric"
              value={draft.maxSharePct}
              disabled={disabled}
              onChange={(e) => onChange({ ...draft, maxSharePct: e.target.value })}
            />
            <span>% de la tienda</span>
          </p>
          <p className="hint">
            Por catálogo: si una sincronización va a desactivar más registros que ambos límites (o el ERP devuelve vacío
            un catálogo que tenía registros), no los desactiva y pide revisión. Predeterminado: 50 registros y 10 %.
          </p>
        </>
      )}
      {status && (
        <p className={`save-status ${status.ok ? 'ok' : 'failed'}`} role="status" data-testid="limits-status">
          {status.text}
        </p>
      )}
    </GroupBox>
  );
}
