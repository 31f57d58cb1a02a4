import type { SettingsDb } from '../settings/database';
import { EVENT_CATEGORIES, type EventLog } from '../events/event-log';
import { EventQueries } from '../events/event-query';
import path from 'node:path';
import { exportFileName } from '../events/events-csv';
import { writeEventsCsv } from '../events/csv-export';
import { EventRetention } from '../events/retention';
import { RunHistoryQueries } from '../engine/run-history-query';
import { RunHistoryRepo } from '../engine/run-history-repo';
import { UserFacingError } from '../core/user-facing-error';
import type { EventDetailView, EventPage, EventView } from '../../shared/event-views';
import type { EventFilter } from '../../shared/event-filter';
import type { Responses } from '../../shared/ipc-contract';
import type { RunHistoryRow, RunStats } from '../../shared/run-history';

/**
 * What happened, for the operator: the *Visor de eventos* (queries, detail, CSV export, retention and
 * its purge) and the *Historial de sincronización*. Read-mostly; the console's settings live in ConsoleService.
 */
export class JournalService {
  private readonly eventQueries: EventQueries;
  private readonly retention: EventRetention;
  private readonly history: RunHistoryQueries;
  private readonly runs: RunHistoryRepo;
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
    this.runs = new RunHistoryRepo(db, () => this.clock().toISOString());
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

  /** The name *Guardar como* proposes for an export made now. */
  exportFileName(): string {
    return exportFileName(this.clock());
  }

  /** Writes the filtered view to `file` (chosen in main), in pages, without blocking the process for long. */
  async exportEventsTo(filter: EventFilter, file: string): Promise<{ fileName: string; path: string; rows: number }> {
    try {
      const { rows } = await writeEventsCsv(this.eventQueries, filter, file);
      return { fileName: path.basename(file), path: file, rows };
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'ENOSPC' || code === 'EROFS' || code === 'ENOENT')
        throw new UserFacingError(`No se pudo guardar «${file}»: ${err instanceof Error ? err.message : String(err)}`);
      throw err;
    }
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

  /**
   * Deletes events and finished runs (with their catalogs, errors and phases) beyond the retention horizon — never
   * the last 7 days. Start-up and daily.
   */
  purgeEvents(): number {
    const deleted = this.retention.purge();
    const runs = this.runs.purgeBefore(this.retention.cutoff());
    if (deleted > 0 || runs > 0) {
      this.events.record({
        level: 'info',
        category: EVENT_CATEGORIES.settings,
        message: `Se depuraron ${deleted.toLocaleString('es-MX')} eventos y ${runs.toLocaleString('es-MX')} sincronizaciones del historial con más de ${this.retention.days()} días.`,
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

  listRunErrors(runId: number): Responses['listRunErrors'] {
    if (!this.history.scopeOf(runId)) throw new UserFacingError(`No existe la sincronización ${runId}.`);
    return { errors: this.history.errors(runId), omitted: this.runs.omittedErrors(runId) };
  }
}
