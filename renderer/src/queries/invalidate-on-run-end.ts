import { useSync } from '../store/sync-store';
import { queryClient } from './query-client';

/**
 * A run that ended may change any answer (failed orders, history, counts): drop them all and the mounted
 * ones reload. Watched through the sync store rather than the syncFinished event, because in monitor mode
 * a short run of the other process is only seen when the store re-reads the status.
 */
export function invalidateOnRunEnd(): () => void {
  return useSync.subscribe((state, prev) => {
    if (state.companies === prev.companies) return;
    const ended = Object.entries(state.companies).some(([key, c]) => {
      const before = prev.companies[key]?.lastRun;
      return c.lastRun?.endedAt != null && (c.lastRun.runId !== before?.runId || c.lastRun.endedAt !== before?.endedAt);
    });
    if (ended) void queryClient.invalidateQueries();
  });
}
