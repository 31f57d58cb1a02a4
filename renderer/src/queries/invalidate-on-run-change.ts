import { useSync, type CompanySync } from '../store/sync-store';
import { queryClient } from './query-client';

/** What a run changes for other answers: it started, or a newer or finished one is the last. */
const runMark = (c: CompanySync | undefined): string =>
  `${c?.running ? 'r' : ''}${c?.lastRun?.runId ?? ''}:${c?.lastRun?.endedAt ?? ''}`;

/**
 * A run that starts or ends may change any answer (history, failed orders, counts): drop them all and the
 * mounted ones reload. Watched through the sync store rather than the sync events, because in monitor mode
 * a short run of the other process is only seen when the store re-reads the status.
 */
export function invalidateOnRunChange(): () => void {
  return useSync.subscribe((state, prev) => {
    if (state.companies === prev.companies) return;
    const changed = Object.entries(state.companies).some(([key, c]) => runMark(c) !== runMark(prev.companies[key]));
    if (changed) void queryClient.invalidateQueries();
  });
}
