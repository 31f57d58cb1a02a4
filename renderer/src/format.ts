// Four-digit year and 24-hour clock: "25/11/26, 8:46 p.m." reads ambiguously in an audit trail.
const dateTime = new Intl.DateTimeFormat('es-MX', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Event timestamps arrive as ISO (UTC); accountants read them in local time. */
export const formatLocalDateTime = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
};

/** Messages thrown by window.api are already Spanish; anything else gets a generic sentence. */
export const errorText = (err: unknown): string =>
  err instanceof Error && err.message ? err.message : 'Ocurrió un error inesperado.';

const count = new Intl.NumberFormat('es-MX');
/** 12345 → "12,345". */
export const formatCount = (n: number): string => count.format(n);
