import { infiniteQueryOptions } from '@tanstack/react-query';
import type { EventFilter, EventPage } from '../../../shared/ipc-contract';

type Cursor = EventPage['nextCursor'];

/** The key every Visor de eventos listing starts with (a run's invalidation leaves them alone). */
export const EVENT_PAGES = 'queryEvents';

/**
 * The events of one filter, newest first, in keyset pages. A listing lives as long as the list that shows it
 * (gcTime 0): the Visor fixes its range until *Actualizar*, and reopening it reads again, as it always did.
 */
export function eventPages(filter: EventFilter, pageSize: number) {
  return infiniteQueryOptions({
    queryKey: [EVENT_PAGES, filter, pageSize] as const,
    queryFn: ({ pageParam }) => window.api.queryEvents({ filter, cursor: pageParam, limit: pageSize }),
    initialPageParam: null as Cursor,
    getNextPageParam: (last: EventPage) => last.nextCursor,
    gcTime: 0,
  });
}
