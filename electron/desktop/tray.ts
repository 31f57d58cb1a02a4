import type { OpenedConsole } from '../hosting/compose';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import { ConnectionsRepo } from '../settings/connections-repo';
import type { EngineRole } from '../hosting/engine-role';
import {
  computeTrayState,
  syncNowSummary,
  trayMenuTemplate,
  type TrayCompany,
  type TrayIcon,
  type TrayMenuActions,
  type TrayMenuItem,
  type TrayPauseState,
  type TrayState,
} from './tray-state';
import type { SyncPauseView } from '../../shared/sync-pause';

/** The part of Electron's Tray we use. */
export interface TrayLike {
  setToolTip(text: string): void;
  setImage(image: string): void;
  setContextMenu(menu: never): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface DesktopTrayDeps<M> {
  /** `new Tray(iconPath)`. */
  create: (iconPath: string) => TrayLike;
  /** `Menu.buildFromTemplate`. */
  buildMenu: (template: TrayMenuItem[]) => M;
  iconPath: (icon: TrayIcon) => string;
  companies: () => TrayCompany[];
  role: () => EngineRole;
  /** The pauses in force (read from the settings database: one saved by the service shows here too). */
  pauses?: () => SyncPauseView[];
  actions: TrayMenuActions;
  now?: () => Date;
  /** Refresh on its own this often (the last-sync time, a holder's runs while monitoring). */
  everyMs?: number;
  /** Coalesces the refreshes asked by a burst of progress events. */
  debounceMs?: number;
}

/** The tray icon: state picture and tooltip from the last runs, *Abrir* / *Sincronizar ahora* / *Salir*. */
export class DesktopTray<M = unknown> {
  private readonly tray: TrayLike;
  private timer: NodeJS.Timeout | null = null;
  private pending: NodeJS.Timeout | null = null;
  private current: TrayState;
  private menuState: TrayPauseState;
  private destroyed = false;

  constructor(private readonly d: DesktopTrayDeps<M>) {
    const pauses = this.pauses();
    this.current = this.compute(pauses);
    this.menuState = pauseStateOf(pauses);
    this.tray = d.create(d.iconPath(this.current.icon));
    this.tray.setToolTip(this.current.tooltip);
    this.tray.setContextMenu(d.buildMenu(trayMenuTemplate(d.actions, this.menuState)) as never);
    // Windows: a left click on the icon opens the console (the menu is on the right button).
    this.tray.on('click', () => d.actions.onOpen());
    this.timer = setInterval(() => this.refresh(), d.everyMs ?? 30_000);
    this.timer.unref?.();
  }

  get state(): TrayState {
    return this.current;
  }

  refresh(): void {
    if (this.destroyed) return;
    let next: TrayState;
    let menu: TrayPauseState;
    try {
      const pauses = this.pauses();
      next = this.compute(pauses);
      menu = pauseStateOf(pauses);
    } catch {
      return; // database busy or closing: the next refresh tries again
    }
    if (next.icon !== this.current.icon) this.tray.setImage(this.d.iconPath(next.icon));
    if (next.tooltip !== this.current.tooltip) this.tray.setToolTip(next.tooltip);
    if (menu.allPaused !== this.menuState.allPaused || menu.anyPaused !== this.menuState.anyPaused)
      this.tray.setContextMenu(this.d.buildMenu(trayMenuTemplate(this.d.actions, menu)) as never);
    this.current = next;
    this.menuState = menu;
  }

  /** After syncProgress / syncFinished: at most one refresh per debounce interval. */
  refreshSoon(): void {
    if (this.destroyed || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = null;
      this.refresh();
    }, this.d.debounceMs ?? 500);
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.pending) clearTimeout(this.pending);
    this.tray.destroy();
  }

  private pauses(): SyncPauseView[] {
    return this.d.pauses?.() ?? [];
  }

  private compute(pauses: SyncPauseView[]): TrayState {
    return computeTrayState(this.d.companies(), this.d.role(), this.d.now?.() ?? new Date(), pauses);
  }
}

const pauseStateOf = (pauses: readonly SyncPauseView[]): TrayPauseState => ({
  allPaused: pauses.some((p) => p.connectionId === null),
  anyPaused: pauses.length > 0,
});

/** *Pausar sincronización* from the tray: every company, for `forMs` or until resumed; one notification. */
export function pauseAllFromTray(
  opened: Pick<OpenedConsole, 'pauses'>,
  forMs: number | null,
  now: Date = new Date(),
): { title: string; body: string } {
  const until = forMs === null ? null : new Date(now.getTime() + forMs).toISOString();
  return { title: 'Pausar sincronización', body: opened.pauses.pause('all', until, opened.pauses.actor).message };
}

/** *Reanudar* from the tray: every pause ends. */
export function resumeAllFromTray(opened: Pick<OpenedConsole, 'pauses'>): { title: string; body: string } {
  return { title: 'Reanudar sincronización', body: opened.pauses.resume('all', opened.pauses.actor).message };
}

/** Companies the tray reports on: those with Sincronizar ticked, plus any running right now. */
export function trayCompanies(opened: Pick<OpenedConsole, 'db' | 'sync'>): TrayCompany[] {
  const names = new ConnectionsRepo(opened.db);
  const out: TrayCompany[] = [];
  for (const s of new CompanySettingsRepo(opened.db).listAll()) {
    const scope = { connectionId: s.connectionId, companyId: s.companyId };
    const status = opened.sync.status(scope);
    if (!s.sync && !status.running) continue;
    out.push({
      companyName: status.lastRun?.companyName ?? names.companyName(s.connectionId, s.companyId) ?? s.companyId,
      running: status.running,
      lastRun: status.lastRun ? { state: status.lastRun.state, endedAt: status.lastRun.endedAt } : null,
    });
  }
  return out;
}

/**
 * *Sincronizar ahora* from the tray: every company with Sincronizar ticked (a monitoring console's
 * syncNow asks the holder instead). One summary for one notification.
 */
export function syncAllNow(opened: Pick<OpenedConsole, 'sync'>): { title: string; body: string } {
  return syncNowSummary(opened.sync.syncAllNow());
}
