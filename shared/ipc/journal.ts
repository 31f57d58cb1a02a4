import { z } from 'zod';
import { eventFilterSchema } from '../event-filter';
import type { EventDetailView, EventPage, EventView } from '../event-views';
import type { RunErrorView, RunHistoryRow, RunStats } from '../run-history';
import type { JournalMethod } from './journal-methods';
import { id } from './refs';

/** Keyset pagination: newest first; the cursor is the last row of the previous page. */
const cursorSchema = z.object({ at: z.string(), id: z.number().int() }).strict().nullable();

/** The event journal and the run history: Visor de eventos, Historial de sincronización, retention. */
export const journalRequests = {
  listEvents: {
    request: z
      .object({
        days: z.number().int().min(1).max(366).default(7),
        connectionId: id.optional(),
        companyId: z.string().max(64).optional(),
      })
      .strict(),
  },
  queryEvents: {
    request: z
      .object({
        filter: eventFilterSchema,
        cursor: cursorSchema.optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
  },
  getEventDetail: { request: z.object({ eventId: id }).strict() },
  exportEvents: { request: z.object({ filter: eventFilterSchema }).strict() },
  getRetention: { request: z.undefined() },
  saveRetention: { request: z.object({ days: z.number().int().min(7).max(3650) }).strict() },
  listRunHistory: {
    request: z.object({ filter: eventFilterSchema, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  },
  getRunStats: { request: z.object({ filter: eventFilterSchema }).strict() },
  listRunErrors: { request: z.object({ runId: id }).strict() },
} satisfies Record<JournalMethod, { request: z.ZodType }>;

export interface JournalResponses {
  listEvents: EventView[];
  queryEvents: EventPage;
  getEventDetail: EventDetailView;
  /**
   * The whole filtered view as CSV (UTF-8 with BOM, `;`-separated for Excel es-MX), written by main to the file the
   * user picked in *Guardar como*; `saved: false` when the dialog was cancelled.
   */
  exportEvents: { saved: false } | { saved: true; fileName: string; path: string; rows: number };
  getRetention: { days: number };
  saveRetention: { days: number };
  listRunHistory: RunHistoryRow[];
  getRunStats: RunStats;
  /** The kept per-record errors of the run and how many more were only counted. */
  listRunErrors: { errors: RunErrorView[]; omitted: number };
}
