import type { EngineRole } from '../hosting/engine-role';
import type { RunView } from '../../shared/run-view';
import { formatLocal } from '../../shared/dates';
import { RUN_STATE_LABELS } from '../../shared/labels';
import { pauseEndText, type SyncPauseView } from '../../shared/sync-pause';

/** The four tray pictures under resources/tray/ (tray-<icon>.png and @2x). */
export type TrayIcon = 'ok' | 'running' | 'error' | 'idle';

/** What the tray needs to know about one company: its name, its last run, whether it syncs right now. */
export interface TrayCompany {
  companyName: string;
  running: boolean;
  lastRun: { state: RunView['state']; endedAt: string | null } | null;
}

export interface TrayState {
  icon: TrayIcon;
  /** Spanish state text, e.g. "Última sincronización: 10:05 (Exitoso)". */
  text: string;
  /** "Wopen Sync Console — <text>", cut to what Windows shows (127 characters). */
  tooltip: string;
}

export const TRAY_TITLE = 'Wopen Sync Console';
const TOOLTIP_MAX = 127;

/** Local "HH:mm"; "dd/MM HH:mm" when it was not today. */
export function formatRunTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const time = formatLocal(d, 'HH:mm');
  const sameDay =
    d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  return sameDay ? time : `${formatLocal(d, 'dd/MM')} ${time}`;
}

/**
 * The tray's icon and text from the companies' last runs (pure: no Electron, no database).
 * Running beats a pause of every company beats failing beats held deactivations beat the last finished run;
 * paused companies are named after it, and a monitoring console says so.
 */
export function computeTrayState(
  companies: readonly TrayCompany[],
  role: EngineRole,
  now: Date = new Date(),
  pauses: readonly SyncPauseView[] = [],
): TrayState {
  const all = pauses.find((p) => p.connectionId === null);
  const pausedNames = pauses.flatMap((p) => (p.companyName === null ? [] : [p.companyName]));
  let icon: TrayIcon;
  let text: string;
  const failing = companies.filter((c) => c.lastRun?.state === 'failed' && !c.running).map((c) => c.companyName);
  const review = companies.filter((c) => c.lastRun?.state === 'review' && !c.running).map((c) => c.companyName);
  const finished = companies
    .filter((c) => c.lastRun && c.lastRun.state !== 'running' && c.lastRun.endedAt)
    .sort((a, b) => (a.lastRun!.endedAt! < b.lastRun!.endedAt! ? 1 : -1));
  if (companies.some((c) => c.running || c.lastRun?.state === 'running')) {
    icon = 'running';
    text = 'Sincronizando…';
  } else if (all) {
    icon = 'idle';
    text = `En pausa ${pauseEndText(all)}`;
  } else if (failing.length > 0) {
    icon = 'error';
    text = `Fallando: ${failing.join(', ')}`;
  } else if (review.length > 0) {
    icon = 'error';
    text = `Requiere revisión: ${review.join(', ')}`;
  } else if (finished.length === 0) {
    icon = 'idle';
    text = 'Sin sincronizar';
  } else {
    const last = finished[0]!.lastRun!;
    icon = last.state === 'success' ? 'ok' : 'error';
    text = `Última sincronización: ${formatRunTime(last.endedAt!, now)} (${RUN_STATE_LABELS[last.state]})`;
  }
  if (!all && pausedNames.length > 0) text += ` · En pausa: ${pausedNames.join(', ')}`;
  if (role === 'monitor') text += ' (supervisa el servicio)';
  const full = `${TRAY_TITLE} — ${text}`;
  return { icon, text, tooltip: full.length > TOOLTIP_MAX ? `${full.slice(0, TOOLTIP_MAX - 1)}…` : full };
}

/** A tray menu entry, a structural subset of Electron's MenuItemConstructorOptions. */
export type TrayMenuItem = { label: string; click: () => void; enabled?: boolean } | { type: 'separator' };

export interface TrayMenuActions {
  onOpen: () => void;
  onSyncNow: () => void;
  onQuit: () => void;
  /** *Pausar sincronización* of every company, for that many ms or (null) until resumed. */
  onPause?: (forMs: number | null) => void;
  /** *Reanudar*: ends every pause. */
  onResume?: () => void;
}

/** What the pause entries of the menu depend on. */
export interface TrayPauseState {
  /** Every company is paused (the pause entries give way to *Reanudar*). */
  allPaused: boolean;
  /** Some pause is in force (one company's or all). */
  anyPaused: boolean;
}

export const PAUSE_ONE_HOUR_MS = 3_600_000;

/**
 * *Abrir*, *Sincronizar ahora*, the pause entries (*Pausar sincronización 1 hora / hasta reanudar* while not every
 * company is paused, *Reanudar sincronización* while any pause is in force), separator, *Salir*.
 */
export function trayMenuTemplate(
  a: TrayMenuActions,
  p: TrayPauseState = { allPaused: false, anyPaused: false },
): TrayMenuItem[] {
  const pause: TrayMenuItem[] = [];
  if (a.onPause && !p.allPaused) {
    const onPause = a.onPause;
    pause.push(
      { label: 'Pausar sincronización 1 hora', click: () => onPause(PAUSE_ONE_HOUR_MS) },
      { label: 'Pausar sincronización hasta reanudar', click: () => onPause(null) },
    );
  }
  if (a.onResume && p.anyPaused) {
    const onResume = a.onResume;
    pause.push({ label: 'Reanudar sincronización', click: () => onResume() });
  }
  return [
    { label: 'Abrir', click: () => a.onOpen() },
    { label: 'Sincronizar ahora', click: () => a.onSyncNow() },
    ...(pause.length > 0 ? [{ type: 'separator' } as const, ...pause] : []),
    { type: 'separator' },
    { label: 'Salir', click: () => a.onQuit() },
  ];
}

/** One desktop notification for *Sincronizar ahora* from the tray: one line per company. */
export function syncNowSummary(results: readonly { companyName: string; message: string }[]): {
  title: string;
  body: string;
} {
  if (results.length === 0) return { title: 'Sincronizar ahora', body: 'No hay empresas con Sincronizar activado.' };
  return { title: 'Sincronizar ahora', body: results.map((r) => `${r.companyName}: ${r.message}`).join('\n') };
}
