import { useQuery } from '@tanstack/react-query';
import type { RunView, SyncProgressView } from '../../../shared/ipc-contract';
import { syncStatusQuery } from '../queries/sync-status';
import { isMonitor } from './app-store';
import { pendingRequest, syncKey, useSync } from './sync-store';

/** One company's sync, as the panels show it: main's status plus what this page started. */
export interface CompanySync {
  running: boolean;
  progress: SyncProgressView | null;
  lastRun: RunView | null;
  /** A simulation (dry run) of this company is in progress: its progress is not a real sync. */
  simulating: boolean;
  /** Monitor mode: the answer to *Sincronizar ahora* while the process that runs the sync has not run it yet. */
  requested: string | null;
}

/**
 * How often a monitor re-reads the status while a run it asked for, or one it saw start, has not ended: the
 * holder's runs are relayed as events, but one that starts and ends between two of the monitor's polls is not.
 */
const MONITOR_POLL_MS = 1500;

/** The sync of one company (undefined until main first answers, or without a connection). */
export function useCompanySync(connectionId: number | null, companyId: string): CompanySync | undefined {
  const key = connectionId === null ? '' : syncKey(connectionId, companyId);
  const request = useSync((s) => s.requests[key]);
  const simulating = useSync((s) => s.simulating[key] === true);
  const { data } = useQuery({
    ...syncStatusQuery(connectionId ?? 0, companyId),
    enabled: connectionId !== null && companyId !== '',
    refetchInterval: (q) => {
      const status = q.state.data;
      const waiting = pendingRequest(useSync.getState().requests[key], status) !== null;
      return isMonitor() && (waiting || status?.running === true) ? MONITOR_POLL_MS : false;
    },
  });
  if (connectionId === null || !data) return undefined;
  return { ...data, simulating, requested: pendingRequest(request, data) };
}
