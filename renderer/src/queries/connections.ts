import { useQuery } from '@tanstack/react-query';
import type { ErpConnectionView } from '../../../shared/erp-connection';
import { apiQuery, queryClient } from './query-client';

/** The saved ERP connections: one list for the connection bar, the editor and the console store. */
const connectionsQuery = apiQuery('listConnections', undefined);

/** Reads the list again (after a save or a delete) and returns it. */
export function fetchConnections(): Promise<ErpConnectionView[]> {
  return queryClient.fetchQuery({ ...connectionsQuery, staleTime: 0 });
}

/** The list as last read (empty before the first answer). */
export const cachedConnections = (): ErpConnectionView[] => queryClient.getQueryData(connectionsQuery.queryKey) ?? [];

export function useConnections(): ErpConnectionView[] {
  return useQuery(connectionsQuery).data ?? EMPTY;
}

export function useConnection(id: number | null): ErpConnectionView | undefined {
  return useQuery({ ...connectionsQuery, select: (list) => list.find((c) => c.id === id) }).data;
}

const EMPTY: ErpConnectionView[] = [];
