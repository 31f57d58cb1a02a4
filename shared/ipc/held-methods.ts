export const HELD_METHODS = [
  'listHeld',
  'applyHeld',
  'discardHeld',
  'getDeactivationLimits',
  'saveDeactivationLimits',
] as const;
export type HeldMethod = (typeof HELD_METHODS)[number];
