import type { JournalMethod } from '../../shared/ipc/journal-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

/** Visor de eventos and Historial de sincronización. */
export function journalHandlers({
  journal,
  saveFile,
}: Pick<HandlerDeps, 'journal' | 'saveFile'>): HandlersOf<JournalMethod> {
  return {
    listEvents: (r) => journal.listEvents(r),
    queryEvents: (r) => journal.queryEvents(r.filter, r.cursor, r.limit),
    getEventDetail: (r) => journal.getEventDetail(r.eventId),
    exportEvents: async (r) => {
      const file = await saveFile.pick(journal.exportFileName(), {
        name: 'CSV (delimitado por punto y coma)',
        extensions: ['csv'],
      });
      if (file === null) return { saved: false };
      return { saved: true, ...(await journal.exportEventsTo(r.filter, file)) };
    },
    getRetention: () => journal.getRetention(),
    saveRetention: (r) => journal.saveRetention(r.days),
    listRunHistory: (r) => journal.listRunHistory(r.filter, r.limit),
    getRunStats: (r) => journal.getRunStats(r.filter),
    listRunErrors: (r) => journal.listRunErrors(r.runId),
  };
}
