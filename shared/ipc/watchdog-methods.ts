export const WATCHDOG_METHODS = ['getWatchdogSettings', 'saveWatchdogSettings'] as const;
export type WatchdogMethod = (typeof WATCHDOG_METHODS)[number];
