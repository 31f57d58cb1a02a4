import { DateTime } from 'luxon';

/** A saved *Pausar sincronización*: of one company, or of every company (`connectionId`/`companyId` null). */
export interface SyncPause {
  connectionId: number | null;
  companyId: string | null;
  pausedAt: string;
  pausedBy: string;
  /** ISO instant; null = until someone resumes. */
  until: string | null;
}

/** A pause with the name of the company it holds (null for every company), as the console and the CLI show it. */
export interface SyncPauseView extends SyncPause {
  companyName: string | null;
}

/** What a pause applies to: one company of one connection, or every company. */
export type PauseTarget = { connectionId: number; companyId: string } | 'all';

export const isAllPause = (p: SyncPause): boolean => p.connectionId === null;

/** 24/12/2026 18:00 in the machine's local time. */
export const formatPauseEnd = (iso: string): string => DateTime.fromISO(iso).toFormat('dd/MM/yyyy HH:mm');

/** «hasta el 24/12/2026 18:00» / «hasta que se reanude». */
export const pauseEndText = (p: Pick<SyncPause, 'until'>): string =>
  p.until === null ? 'hasta que se reanude' : `hasta el ${formatPauseEnd(p.until)}`;

/** The one line every view shows for a paused company: «Pausada hasta el 24/12/2026 18:00 (por ana)». */
export const pauseLabel = (p: SyncPause): string =>
  `${isAllPause(p) ? 'Pausada (todas las empresas)' : 'Pausada'} ${pauseEndText(p)}`;

/** The longest pause a user may set in one go: a year (longer is «hasta reanudar»). */
export const MAX_PAUSE_MS = 366 * 86_400_000;

/**
 * The end a user typed, as an ISO instant: «2026-12-24 18:00» (local time, also with a T) or a duration from now
 * («90m», «2h», «1d»). Throws a Spanish message for anything else.
 */
export function parsePauseEnd(input: { until?: string; for?: string }, now: Date): string {
  if (input.until !== undefined && input.for !== undefined) throw new Error('Indique --until o --for, no ambos.');
  if (input.for !== undefined) {
    const m = /^\s*(\d{1,5})\s*(m|min|h|d)\s*$/i.exec(input.for);
    if (!m) throw new Error(`La duración «${input.for}» no es válida: use p. ej. 30m, 2h o 1d.`);
    const unit = (m[2] ?? 'm').toLowerCase();
    const ms = Number(m[1]) * (unit === 'd' ? 86_400_000 : unit === 'h' ? 3_600_000 : 60_000);
    if (ms <= 0) throw new Error('La duración de la pausa debe ser mayor que cero.');
    return new Date(now.getTime() + ms).toISOString();
  }
  const text = (input.until ?? '').trim();
  const d = DateTime.fromFormat(text.replace('T', ' '), 'yyyy-MM-dd HH:mm');
  if (!d.isValid)
    throw new Error(`La fecha «${text}» no es válida: use AAAA-MM-DD HH:MM (hora local), p. ej. 2026-12-24 18:00.`);
  return d.toUTC().toISO() ?? '';
}

/** Of the pauses in force, the one that holds this company (its own or the all-companies one, whichever ends later). */
export function pauseCovering<P extends SyncPause>(
  pauses: readonly P[],
  s: { connectionId: number; companyId: string },
): P | null {
  const covering = pauses.filter(
    (p) => p.connectionId === null || (p.connectionId === s.connectionId && p.companyId === s.companyId),
  );
  if (covering.length === 0) return null;
  return covering.reduce((a, b) => (a.until === null ? a : b.until === null ? b : a.until >= b.until ? a : b));
}
