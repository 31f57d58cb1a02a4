import { ALERTS_METHODS } from './ipc/alerts-methods';
import { COMPANIES_METHODS } from './ipc/companies-methods';
import { CONNECTIONS_METHODS } from './ipc/connections-methods';
import { DESKTOP_METHODS } from './ipc/desktop-methods';
import { DIAGNOSTICS_METHODS } from './ipc/diagnostics-methods';
import { HELD_METHODS } from './ipc/held-methods';
import { JOURNAL_METHODS } from './ipc/journal-methods';
import { ORDERS_METHODS } from './ipc/orders-methods';
import { SYNC_METHODS } from './ipc/sync-methods';
import { PAUSE_METHODS } from './ipc/pause-methods';
import { WATCHDOG_METHODS } from './ipc/watchdog-methods';
import { IDENTITY_METHODS } from './ipc/identity-methods';

/**
 * The method names of `window.api`: each domain's list from its zod-free `shared/ipc/*-methods.ts`, so the
 * sandboxed preload bundles only names (a sandboxed preload cannot load node modules). Each domain's request
 * map in `shared/ipc/<domain>.ts` is checked at compile time against its list.
 */
export const API_METHODS = [
  ...DIAGNOSTICS_METHODS,
  ...CONNECTIONS_METHODS,
  ...COMPANIES_METHODS,
  ...SYNC_METHODS,
  ...JOURNAL_METHODS,
  ...ALERTS_METHODS,
  ...ORDERS_METHODS,
  ...DESKTOP_METHODS,
  ...HELD_METHODS,
  ...PAUSE_METHODS,
  ...WATCHDOG_METHODS,
  ...IDENTITY_METHODS,
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
