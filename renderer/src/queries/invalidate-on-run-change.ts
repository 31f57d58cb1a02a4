import type { SyncStatus } from '../../../shared/ipc-contract';
import { hasOwnRefresh } from './own-refresh';
import { queryClient } from './query-client';
import { SYNC_STATUS } from './sync-status';

/** What a run changes for other answers: it started, or a newer or finished one is the last. */
const runMark = (s: SyncStatus | undefined): string =>
  `${s?.running ? 'r' : ''}${s?.lastRun?.runId ?? ''}:${s?.lastRun?.endedAt ?? ''}`;

/**
 * A run that starts or ends may change any answer (history, failed orders, counts): drop them and the mounted
 * ones reload. Watched through the cached sync statuses rather than the sync events, because in monitor mode a
 * short run of the other process is only seen when its status is re-read. Answers with their own refresh rule
 * (`OWN_REFRESH`) are left alone.
 */
export function invalidateOnRunChange(): () => void {
  const marks = new Map<string, string>();
  return queryClient.getQueryCache().subscribe((event) => {
    const { query } = event;
    const status = query.state.data as SyncStatus | undefined;
    // Marks outlive a status the cache dropped, so reading it again later is no change.
    if (query.queryKey[0] !== SYNC_STATUS || status === undefined) return;
    const mark = runMark(status);
    const before = marks.get(query.queryHash) ?? runMark(undefined);
    marks.set(query.queryHash, mark);
    if (mark === before) return;
    void queryClient.invalidateQueries({ predicate: (q) => !hasOwnRefresh(q) });
  });
}
