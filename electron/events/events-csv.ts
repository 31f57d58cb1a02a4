import type { EventRow } from '../../shared/event-views';
import { formatLocal } from '../../shared/dates';
import { LEVEL_LABELS, TRIGGER_LABELS } from '../../shared/labels';

/** Export of the Visor de eventos: UTF-8 with BOM, `;`-separated, CRLF — what Excel in es-MX opens directly. */

export const CSV_HEADERS = [
  'Fecha y hora',
  'Tipo',
  'Categoría',
  'Empresa',
  'Catálogo',
  'Origen',
  'Corrida',
  'Clave del registro',
  'Mensaje',
] as const;

/** Local time of the machine, `AAAA-MM-DD HH:MM:SS`. */
export function localDateTime(isoText: string): string {
  return formatLocal(new Date(isoText), 'yyyy-MM-dd HH:mm:ss');
}

/** Quotes a cell when needed; a cell that Excel would run as a formula is prefixed with `'`. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[;"\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(e: EventRow): string {
  return [
    localDateTime(e.at),
    LEVEL_LABELS[e.level],
    e.category,
    e.companyName ?? e.companyId,
    e.catalog,
    e.trigger ? TRIGGER_LABELS[e.trigger] : null,
    e.runId,
    e.recordKey,
    e.message,
  ]
    .map(csvCell)
    .join(';');
}

/** Builds the file from an iterator of rows (the query is streamed, the text is joined once). */
export function eventsCsv(rows: Iterable<EventRow>): { csv: string; rows: number } {
  const lines: string[] = [CSV_HEADERS.map(csvCell).join(';')];
  for (const e of rows) lines.push(csvLine(e));
  return { csv: `\uFEFF${lines.join('\r\n')}\r\n`, rows: lines.length - 1 };
}

export function exportFileName(now: Date): string {
  return `eventos-${formatLocal(now, 'yyyyMMdd-HHmm')}.csv`;
}
