export const JOURNAL_METHODS = [
  'listEvents',
  'queryEvents',
  'getEventDetail',
  'exportEvents',
  'getRetention',
  'saveRetention',
  'listRunHistory',
  'getRunStats',
  'listRunErrors',
] as const;
export type JournalMethod = (typeof JOURNAL_METHODS)[number];
