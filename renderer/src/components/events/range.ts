/** The time ranges the Visor de eventos and the Historial offer, turned into the ISO instants of EventFilter. */

export type RangeKind = 'today' | '7d' | '30d' | 'custom';

export interface RangeChoice {
  kind: RangeKind;
  /** Local dates (yyyy-mm-dd) of "Personalizado", both days included. */
  customFrom: string;
  customTo: string;
}

export const RANGE_LABELS: Record<RangeKind, string> = {
  today: 'Hoy',
  '7d': 'Últimos 7 días',
  '30d': 'Últimos 30 días',
  custom: 'Personalizado',
};

const DAY_MS = 86_400_000;

const startOfLocalDay = (d: Date): Date => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const pad = (n: number): string => String(n).padStart(2, '0');

/** Date → "yyyy-mm-dd" in local time (the value of an <input type="date">). */
export const localDateValue = (d: Date): string => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

const parseLocalDate = (v: string): Date | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
};

export function defaultRange(kind: RangeKind = '7d', now = new Date()): RangeChoice {
  return { kind, customFrom: localDateValue(new Date(now.getTime() - 6 * DAY_MS)), customTo: localDateValue(now) };
}

/**
 * [from, to) as ISO instants. "Hoy" starts at local midnight; "7/30 días" count back from now; the end is
 * the next local midnight so events written while the view is open still fall inside.
 * Returns an error sentence (Spanish) when a custom range is not valid.
 */
export function rangeInstants(r: RangeChoice, now = new Date()): { from: string; to: string } | { error: string } {
  const tomorrow = new Date(startOfLocalDay(now).getTime() + DAY_MS);
  if (r.kind === 'today') return { from: startOfLocalDay(now).toISOString(), to: tomorrow.toISOString() };
  if (r.kind === '7d' || r.kind === '30d') {
    const days = r.kind === '7d' ? 7 : 30;
    return { from: new Date(now.getTime() - days * DAY_MS).toISOString(), to: tomorrow.toISOString() };
  }
  const from = parseLocalDate(r.customFrom);
  const to = parseLocalDate(r.customTo);
  if (!from || !to) return { error: 'Escriba las fechas «Desde» y «Hasta».' };
  if (to < from) return { error: 'La fecha «Hasta» debe ser igual o posterior a «Desde».' };
  // Both days included: up to the midnight after "Hasta".
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
  return { from: from.toISOString(), to: end.toISOString() };
}

/** What the range covers, for hints and empty states: "en los últimos 7 días", "hoy"… */
export function rangePhrase(r: RangeChoice): string {
  switch (r.kind) {
    case 'today':
      return 'hoy';
    case '7d':
      return 'en los últimos 7 días';
    case '30d':
      return 'en los últimos 30 días';
    default:
      return 'en el periodo elegido';
  }
}
