/**
 * The method names of `window.api`. Kept apart from the zod contract so the sandboxed preload bundles
 * only this list (a sandboxed preload cannot load node modules). `ipc-contract.ts` checks at compile time
 * that both agree.
 */
export const API_METHODS = [
  'getAppInfo',
  'listConnections',
  'saveConnection',
  'deleteConnection',
  'testErpConnection',
  'discoverDatabases',
  'listCompanies',
  'listBranches',
  'getCompanySettings',
  'saveSettings',
  'testStoreConnection',
  'listEvents',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** One IPC channel per method; the prefix keeps them apart from Electron's own channels. */
export const channelOf = (method: ApiMethod): string => `wopen:${method}`;
