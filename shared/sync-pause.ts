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
