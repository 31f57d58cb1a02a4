import { infiniteQueryOptions } from '@tanstack/react-query';
import type { EventFilter, EventPage } from '../../../shared/ipc-contract';
import { OWN_REFRESH } from './own-refresh';

type Cursor = EventPage['nextCursor'];

/**
 * The events of one filter, newest first, in keyset pages. A listing lives as long as the list that shows it
 * (gcTime 0) and a run does not reload it: the Visor fixes its range until *Actualizar*, and reopening it
 * reads again.
 */
export function eventPages(filter: EventFilter, pageSize: number) {
  return infiniteQueryOptions({
    queryKey: ['queryEvents', filter, pageSize] as const,
    queryFn: ({ pageParam }) => window.api.queryEvents({ filter, cursor: pageParam, limit: pageSize }),
    initialPageParam: null as Cursor,
    getNextPageParam: (last: EventPage) => last.nextCursor,
    gcTime: 0,
    ...OWN_REFRESH,
  });
}
