import type { SyncMethod } from '../../shared/ipc/sync-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

export function syncHandlers({ sync }: Pick<HandlerDeps, 'sync'>): HandlersOf<SyncMethod> {
  return {
    syncNow: (r) => sync.syncNow(r),
    resendAll: (r) => sync.resendAll(r),
    getSyncStatus: (r) => sync.status(r),
    dryRun: (r) => sync.dryRun(r),
    retryRun: (r) => sync.retryRun(r.runId),
  };
}
