/** Hours of the day when automatic syncs may start, in local time; `from` > `to` wraps midnight. */
export interface HoursWindow {
  /** Minutes after midnight. */
  from: number;
  to: number;
}

export function parseHoursWindow(text: string): HoursWindow | null {
  const m = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*-\s*([01]?\d|2[0-4]):([0-5]\d)\s*$/.exec(text);
  if (!m) return null;
  const from = Number(m[1]) * 60 + Number(m[2]);
  const to = Number(m[3]) * 60 + Number(m[4]);
  if (to > 24 * 60 || from === to) return null;
  return { from, to };
}

export function formatHoursWindow(w: HoursWindow): string {
  const f = (n: number) => `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`;
  return `${f(w.from)}-${f(w.to)}`;
}

export function isInsideWindow(w: HoursWindow, at: Date): boolean {
  const m = at.getHours() * 60 + at.getMinutes();
  return w.from < w.to ? m >= w.from && m < w.to : m >= w.from || m < w.to;
}
