import type { SyncStatus } from '../../../shared/ipc-contract';
import { OWN_REFRESH } from './own-refresh';
import { queryClient } from './query-client';

/** The key every company's getSyncStatus answer starts with (`[method, args]`, as apiQuery builds them). */
export const SYNC_STATUS = 'getSyncStatus';

export const syncStatusKey = (connectionId: number, companyId: string) =>
  [SYNC_STATUS, { connectionId, companyId }] as const;

/**
 * getSyncStatus of one company: the truth whenever the page (re)looks at it (staleTime 0: read again on each
 * mount), corrected in between by main's pushes through `patchSyncStatus`.
 */
export function syncStatusQuery(connectionId: number, companyId: string) {
  const queryKey = syncStatusKey(connectionId, companyId);
  return {
    queryKey,
    staleTime: 0,
    ...OWN_REFRESH,
    queryFn: async (): Promise<SyncStatus> => {
      const status = await window.api.getSyncStatus({ connectionId, companyId });
      const known = queryClient.getQueryData<SyncStatus>(queryKey)?.lastRun;
      // The run just pushed by syncFinished also lists the catalogs this ERP lacks; history keeps the rest.
      const lastRun =
        known && status.lastRun && known.runId === status.lastRun.runId && !status.running ? known : status.lastRun;
      return { running: status.running, progress: status.running ? status.progress : null, lastRun };
    },
  };
}

/** What the page last knew of one company's runs (undefined until it looked). */
export const cachedSyncStatus = (connectionId: number, companyId: string): SyncStatus | undefined =>
  queryClient.getQueryData<SyncStatus>(syncStatusKey(connectionId, companyId));

/** Applies what main pushed (or what the page knows before main answers) over the cached status. */
export function patchSyncStatus(connectionId: number, companyId: string, change: Partial<SyncStatus>): void {
  queryClient.setQueryData<SyncStatus>(syncStatusKey(connectionId, companyId), (old) => ({
    running: false,
    progress: null,
    lastRun: null,
    ...old,
    ...change,
  }));
}

/** Re-reads one company's status if a panel shows it; else its next mount does. */
export function refreshSyncStatus(connectionId: number, companyId: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: syncStatusKey(connectionId, companyId), exact: true });
}
