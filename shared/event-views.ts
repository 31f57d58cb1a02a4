/** Rows of the event journal as the console shows them (list, Visor de eventos, detail). */

export interface EventView {
  id: number;
  at: string;
  level: 'info' | 'warning' | 'error';
  category: string;
  companyId: string | null;
  companyName: string | null;
  message: string;
}

export interface EventRow extends EventView {
  connectionId: number | null;
  runId: number | null;
  catalog: string | null;
  recordKey: string | null;
  trigger: 'manual' | 'automatic' | null;
}

/** Keyset pagination: newest first; the cursor is the last row of the previous page. */
export interface EventPage {
  events: EventRow[];
  nextCursor: { at: string; id: number } | null;
}

export interface EventDetailView extends EventRow {
  /** Redacted, at most ~4 KB of JSON text. */
  detailsExcerpt: string | null;
}
