export const SYNC_METHODS = ['syncNow', 'resendAll', 'getSyncStatus', 'dryRun', 'retryRun'] as const;
export type SyncMethod = (typeof SYNC_METHODS)[number];
