import type { SettingsDb } from '../settings/database';
import { EVENT_CATEGORIES, type EventLog } from '../events/event-log';
import { EventQueries } from '../events/event-query';
import { eventsCsv, exportFileName } from '../events/events-csv';
import { EventRetention } from '../events/retention';
import { RunHistoryQueries } from '../engine/run-history-query';
import { UserFacingError } from '../core/user-facing-error';
import type { EventDetailView, EventPage, EventView } from '../../shared/event-views';
import type { EventFilter } from '../../shared/event-filter';
import type { Responses } from '../../shared/ipc-contract';
import type { RunErrorView, RunHistoryRow, RunStats } from '../../shared/run-history';

/**
 * What happened, for the operator: the *Visor de eventos* (queries, detail, CSV export, retention and
 * its purge) and the *Historial de sincronización*. Read-mostly; the console's settings live in ConsoleService.
 */
export class JournalService {
  private readonly eventQueries: EventQueries;
  private readonly retention: EventRetention;
  private readonly history: RunHistoryQueries;
  private readonly clock: () => Date;

  constructor(
    db: SettingsDb,
    private readonly events: EventLog,
    clock?: () => Date,
  ) {
    this.clock = clock ?? (() => new Date());
    this.eventQueries = new EventQueries(db);
    this.retention = new EventRetention(db, this.clock);
    this.history = new RunHistoryQueries(db);
  }

  listEvents(q: { days: number; connectionId?: number; companyId?: string }): EventView[] {
    return this.events.list(q);
  }

  // ── Visor de eventos ──────────────────────────────────────────────────────────────────────────

  queryEvents(filter: EventFilter, cursor: { at: string; id: number } | null | undefined, limit: number): EventPage {
    return this.eventQueries.page(filter, cursor, limit);
  }

  getEventDetail(eventId: number): EventDetailView {
    const d = this.eventQueries.detail(eventId);
    if (!d) throw new UserFacingError(`El evento ${eventId} ya no existe (pudo haberse depurado).`);
    return d;
  }

  exportEvents(filter: EventFilter): Responses['exportEvents'] {
    const { csv, rows } = eventsCsv(this.eventQueries.iterate(filter));
    return { fileName: exportFileName(this.clock()), csv, rows };
  }

  getRetention(): { days: number } {
    return { days: this.retention.days() };
  }

  saveRetention(days: number): { days: number } {
    const previous = this.retention.days();
    const saved = this.retention.save(days);
    if (saved !== previous) {
      this.events.record({
        level: 'info',
        category: EVENT_CATEGORIES.settings,
        message: `Retención del visor de eventos: ${saved} días (antes ${previous}).`,
      });
    }
    return { days: saved };
  }

  /** Deletes events beyond the retention horizon (never the last 7 days). Start-up and daily. */
  purgeEvents(): number {
    const deleted = this.retention.purge();
    if (deleted > 0) {
      this.events.record({
        level: 'info',
        category: EVENT_CATEGORIES.settings,
        message: `Se depuraron ${deleted.toLocaleString('es-MX')} eventos con más de ${this.retention.days()} días.`,
      });
    }
    return deleted;
  }

  // ── Historial de sincronización ────────────────────────────────────────────────────────────────

  listRunHistory(filter: EventFilter, limit: number): RunHistoryRow[] {
    return this.history.list(filter, limit);
  }

  getRunStats(filter: EventFilter): RunStats {
    return this.history.stats(filter);
  }

  listRunErrors(runId: number): RunErrorView[] {
    if (!this.history.scopeOf(runId)) throw new UserFacingError(`No existe la sincronización ${runId}.`);
    return this.history.errors(runId);
  }
}
