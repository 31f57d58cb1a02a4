import type { SettingsDb } from '../settings/database';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import type { EventLog } from '../events/event-log';
import { EVENT_CATEGORIES } from '../events/event-log';
import type { SyncEngine } from './sync-engine';
import type { RunSummary, SyncProgress } from './run-report';
import type { Scope } from '../core/scope';
import { isInsideWindow, parseHoursWindow, type HoursWindow } from '../../shared/hours-window';
import type { DbFaultReporter } from '../settings/db-faults';
import type { NewEvent } from '../events/event-log';

export interface SchedulerOptions {
  db: SettingsDb;
  engine: SyncEngine;
  events: EventLog;
  clock?: () => Date;
  /** How often due companies are looked for; settings changes are picked up on the next tick. */
  tickMs?: number;
  onProgress?: (p: SyncProgress) => void;
  onFinished?: (summary: RunSummary, startedAt: string, endedAt: string) => void;
  /** Housekeeping (purge of old events), run at start() and then every `maintenanceEveryMs` (daily). */
  maintenance?: () => void;
  maintenanceEveryMs?: number;
  /** After each tick has started the due companies (stale-company alerts). */
  onTick?: (now: Date) => void;
  /** Length of a "minute" of the period (tests of the service loop shorten it); 60 000 by default. */
  minuteMs?: number;
  /** A full or read-only settings database: reported once per episode here, the service keeps running. */
  faults?: DbFaultReporter;
  /** Overrides the company's saved hours window (tests). */
  windowOf?: (s: Scope) => HoursWindow | null;
}

/**
 * Runs every company that has *Sincronizar* ticked, each on its own period (and hours window), from the
 * start of its last pass, unless paused (*Pausar sincronización*). Polling the settings each tick means a change saved in the console or the CLI
 * applies without a restart.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private maintenanceTimer: NodeJS.Timeout | null = null;
  private readonly controller = new AbortController();
  private readonly settings: CompanySettingsRepo;
  private readonly clock: () => Date;

  constructor(private readonly o: SchedulerOptions) {
    this.settings = new CompanySettingsRepo(o.db);
    this.clock = o.clock ?? (() => new Date());
  }

  start(): void {
    if (this.timer) return;
    const closed = this.o.engine.history.closeAbandoned();
    if (closed > 0) {
      this.o.events.record({
        level: 'warning',
        category: EVENT_CATEGORIES.error,
        message: `${closed} sincronizaciones quedaron interrumpidas por un cierre inesperado; se marcaron como fallidas.`,
      });
    }
    this.runMaintenance();
    if (this.o.maintenance) {
      this.maintenanceTimer = setInterval(() => this.runMaintenance(), this.o.maintenanceEveryMs ?? 86_400_000);
      this.maintenanceTimer.unref?.();
    }
    this.tick();
    this.timer = setInterval(() => this.tick(), this.o.tickMs ?? 15_000);
  }

  /** Error handlers must never throw: a failing event log (full disk) is reported as a fault, not rethrown. */
  private recordSafely(e: NewEvent): void {
    try {
      this.o.events.record(e);
    } catch (err) {
      this.o.faults?.report(err);
    }
  }

  private runMaintenance(): void {
    if (!this.o.maintenance) return;
    try {
      this.o.maintenance();
    } catch (err) {
      if (this.o.faults?.report(err)) return;
      this.recordSafely({
        level: 'error',
        category: EVENT_CATEGORIES.error,
        message: `No se pudo depurar el registro de eventos: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  /** Stops scheduling, asks running passes to stop after their current batch, and waits for them. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.maintenanceTimer) clearInterval(this.maintenanceTimer);
    this.timer = null;
    this.maintenanceTimer = null;
    this.controller.abort();
    await this.o.engine.drain();
  }

  /** Companies due now. Exposed for tests. */
  due(now: Date = this.clock()): Scope[] {
    return this.settings
      .listTicked()
      .filter((s) => {
        const scope = { connectionId: s.connectionId, companyId: s.companyId };
        if (this.o.engine.isRunning(scope)) return false;
        // Read from SQLite each tick: a pause saved by the console or the CLI stops the next run here.
        if (this.o.engine.pauses.of(scope)) return false;
        if (this.o.engine.identity.isBlocked(scope)) return false; // waits for a person (identity-guard.ts)
        const window = this.o.windowOf
          ? this.o.windowOf(scope)
          : s.hoursWindow
            ? parseHoursWindow(s.hoursWindow)
            : null;
        if (window && !isInsideWindow(window, now)) return false;
        const last = this.o.engine.lastRun(scope);
        return !last || now.getTime() - Date.parse(last.startedAt) >= s.period * (this.o.minuteMs ?? 60_000);
      })
      .map((s) => ({ connectionId: s.connectionId, companyId: s.companyId }));
  }

  private tick(): void {
    this.startDue();
    try {
      this.o.onTick?.(this.clock());
    } catch (err) {
      if (this.o.faults?.report(err)) return;
      this.recordSafely({
        level: 'error',
        category: EVENT_CATEGORIES.error,
        message: `Error al revisar alertas: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }

  private startDue(): void {
    for (const scope of this.due()) {
      const startedAt = this.clock().toISOString();
      this.o.engine
        .run(scope, { trigger: 'automatic', signal: this.controller.signal, onProgress: this.o.onProgress })
        .then((summary) => {
          this.o.faults?.clear();
          this.o.onFinished?.(summary, startedAt, this.clock().toISOString());
        })
        .catch((err: unknown) => {
          if (this.o.faults?.report(err)) return;
          this.recordSafely({
            level: 'error',
            category: EVENT_CATEGORIES.error,
            connectionId: scope.connectionId,
            companyId: scope.companyId,
            message: `La sincronización automática no pudo iniciar: ${err instanceof Error ? err.message : String(err)}`,
          });
        });
    }
  }
}
