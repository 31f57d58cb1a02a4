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

/** Which pause holds a target, as a key: a message shown for one state is hidden once it changes. */
export const pauseStateKey = (p: SyncPauseView | null): string =>
  p ? `${p.connectionId ?? '*'}/${p.pausedAt}` : 'none';

/**
 * Pausar / Reanudar, then the pauses are read again. Returns the answer's message and the target's pause state
 * after it (throws the refusal).
 */
export async function changePause(
  action: { pause: PauseTarget; until: string | null } | { resume: PauseTarget },
): Promise<{ message: string; state: string }> {
  const target = 'pause' in action ? action.pause : action.resume;
  try {
    const r =
      'pause' in action
        ? await window.api.pauseSync({ target, until: action.until })
        : await window.api.resumeSync({ target });
    await queryClient.invalidateQueries({ queryKey: PAUSES.queryKey });
    const pauses = queryClient.getQueryData<SyncPauseView[]>(PAUSES.queryKey) ?? [];
    const now =
      target === 'all' ? (pauses.find((p) => p.connectionId === null) ?? null) : pauseCovering(pauses, target);
    return { message: r.message, state: pauseStateKey(now) };
  } catch (err) {
    await queryClient.invalidateQueries({ queryKey: PAUSES.queryKey });
    throw err;
  }
}
