export const PAUSE_METHODS = ['listPauses', 'pauseSync', 'resumeSync'] as const;
export type PauseMethod = (typeof PAUSE_METHODS)[number];
