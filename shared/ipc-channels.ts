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
  'syncNow',
  'resendAll',
  'getSyncStatus',
  'dryRun',
  // Visor de eventos, Historial de sincronización, alerts
  'queryEvents',
  'getEventDetail',
  'exportEvents',
  'getRetention',
  'saveRetention',
  'listRunHistory',
  'getRunStats',
  'listRunErrors',
  'retryRun',
  'getAlertSettings',
  'saveAlertSettings',
  'sendTestAlert',
  // Pedidos y cotizaciones
  'getOrderSettings',
  'listFailedOrders',
  'retryOrder',
  // Desktop integration
  'getDesktopSettings',
  'saveDesktopSettings',
  // Diagnóstico (read-only)
  'diagnoseErp',
] as const;

export type ApiMethod = (typeof API_METHODS)[number];

/** One IPC channel per method; the prefix keeps them apart from Electron's own channels. */
export const channelOf = (method: ApiMethod): string => `wopen:${method}`;

/** Pushes from main to the page; the preload exposes `window.api.on<Event>(callback) → unsubscribe`. */
export const API_EVENTS = ['syncProgress', 'syncFinished', 'engineChanged'] as const;
export type ApiEvent = (typeof API_EVENTS)[number];

export const eventChannelOf = (event: ApiEvent): string => `wopen-event:${event}`;

/** `syncProgress` → `onSyncProgress`. */
export const listenerNameOf = (event: ApiEvent): `on${Capitalize<ApiEvent>}` =>
  `on${event[0]!.toUpperCase()}${event.slice(1)}` as `on${Capitalize<ApiEvent>}`;
