import { useQuery } from '@tanstack/react-query';
import type { PauseTarget, SyncPauseView } from '../../../../shared/ipc-contract';
import { pauseCovering } from '../../../../shared/sync-pause';
import { apiQuery, queryClient } from '../../queries/query-client';

const PAUSES = apiQuery('listPauses', undefined);

/**
 * The pauses in force. Read again every 15 s: a pause saved by the service, the CLI or the tray, and one that
 * reached its end, show without an event from main.
 */
export function usePauses(): SyncPauseView[] {
  return useQuery({ ...PAUSES, staleTime: 0, refetchInterval: 15_000 }).data ?? [];
}

export function usePauseOf(connectionId: number, companyId: string): SyncPauseView | null {
  return pauseCovering(usePauses(), { connectionId, companyId });
}

/** Pausar / Reanudar, then the pauses are read again; the answer's message (or the refusal) is returned. */
export async function changePause(
  action: { pause: PauseTarget; until: string | null } | { resume: PauseTarget },
): Promise<string> {
  try {
    const r =
      'pause' in action
        ? await window.api.pauseSync({ target: action.pause, until: action.until })
        : await window.api.resumeSync({ target: action.resume });
    return r.message;
  } finally {
    await queryClient.invalidateQueries({ queryKey: PAUSES.queryKey });
  }
}
