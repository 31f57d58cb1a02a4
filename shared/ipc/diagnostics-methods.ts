/** zod-free, like every `*-methods.ts`: the sandboxed preload bundles these lists (see ../ipc-channels.ts). */
export const DIAGNOSTICS_METHODS = ['getAppInfo', 'diagnoseErp'] as const;
export type DiagnosticsMethod = (typeof DIAGNOSTICS_METHODS)[number];
