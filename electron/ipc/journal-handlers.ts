import type { JournalMethod } from '../../shared/ipc/journal-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

/** Visor de eventos and Historial de sincronización. */
export function journalHandlers({ journal }: Pick<HandlerDeps, 'journal'>): HandlersOf<JournalMethod> {
  return {
    listEvents: (r) => journal.listEvents(r),
    queryEvents: (r) => journal.queryEvents(r.filter, r.cursor, r.limit),
    getEventDetail: (r) => journal.getEventDetail(r.eventId),
    exportEvents: (r) => journal.exportEvents(r.filter),
    getRetention: () => journal.getRetention(),
    saveRetention: (r) => journal.saveRetention(r.days),
    listRunHistory: (r) => journal.listRunHistory(r.filter, r.limit),
    getRunStats: (r) => journal.getRunStats(r.filter),
    listRunErrors: (r) => journal.listRunErrors(r.runId),
  };
}
