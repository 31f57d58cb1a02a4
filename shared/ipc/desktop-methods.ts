export const DESKTOP_METHODS = ['getDesktopSettings', 'saveDesktopSettings'] as const;
export type DesktopMethod = (typeof DESKTOP_METHODS)[number];
