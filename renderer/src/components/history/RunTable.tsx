import type { KeyboardEvent } from 'react';
import type { RunHistoryRow } from '../../../../shared/ipc-contract';
import { formatLocalDateTime } from '../../format';
import { TRIGGER_LABELS } from '../../../../shared/labels';

interface Props {
  rows: RunHistoryRow[];
  showCompany: boolean;
  selectedRunId: number | null;
  onSelect: (row: RunHistoryRow) => void;
  emptyText: string;
}

const rowKey = (r: RunHistoryRow): string => `${r.runId}-${r.catalog}`;

/** Catálogo, Mensaje, Tipo, Inicio, Fin, Estado — one row per catalog of each run, newest first. */
export function RunTable({ rows, showCompany, selectedRunId, onSelect, emptyText }: Props) {
  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, index: number): void => {
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : -1;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const r = rows[index];
      if (r) onSelect(r);
      return;
    }
    const target = rows[next];
    if (!target) return;
    e.preventDefault();
    document.getElementById(`run-row-${rowKey(target)}`)?.focus();
  };

  return (
    <div className="grid-frame history-frame">
      <table className="history-grid">
        <thead>
          <tr>
            {showCompany && <th scope="col">Empresa</th>}
            <th scope="col">Catálogo</th>
            <th scope="col">Mensaje</th>
            <th scope="col">Tipo</th>
            <th scope="col">Inicio</th>
            <th scope="col">Fin</th>
            <th scope="col">Estado</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={rowKey(r)}
              id={`run-row-${rowKey(r)}`}
              tabIndex={0}
              aria-selected={r.runId === selectedRunId}
              className={`${r.runId === selectedRunId ? 'selected' : ''} state-${r.state}`}
              onClick={() => onSelect(r)}
              onKeyDown={(e) => onKey(e, i)}
            >
              {showCompany && <td>{r.companyName}</td>}
              <td>{r.catalogLabel}</td>
              <td className="message">{r.message ?? messageFromCounts(r)}</td>
              <td className="nowrap">{TRIGGER_LABELS[r.trigger]}</td>
              <td className="nowrap">{formatLocalDateTime(r.startedAt)}</td>
              <td className="nowrap">{r.endedAt ? formatLocalDateTime(r.endedAt) : '—'}</td>
              <td className="nowrap">
                <span className={`state-badge state-${r.state}`}>{r.stateLabel}</span>
              </td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={showCompany ? 7 : 6} className="empty">
                {emptyText}
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** When main gave no message: what was read and sent, so "Exitoso" never hides zero records. */
function messageFromCounts(r: RunHistoryRow): string {
  const parts = [`${r.read.toLocaleString('es-MX')} leídos`, `${r.pushed.toLocaleString('es-MX')} enviados`];
  if (r.failed > 0) parts.push(`${r.failed.toLocaleString('es-MX')} con error`);
  return parts.join(', ');
}
