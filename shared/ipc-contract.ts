import type { z } from 'zod';
import type { ApiEvent, ApiMethod } from './ipc-channels';
import type { EngineInfo } from './engine-info';
import { alertsRequests, type AlertsResponses } from './ipc/alerts';
import { companiesRequests, type CompaniesResponses } from './ipc/companies';
import { connectionsRequests, type ConnectionsResponses } from './ipc/connections';
import { desktopRequests, type DesktopResponses } from './ipc/desktop';
import { diagnosticsRequests, type DiagnosticsResponses } from './ipc/diagnostics';
import { heldRequests, type HeldResponses } from './ipc/held';
import { journalRequests, type JournalResponses } from './ipc/journal';
import { ordersRequests, type OrdersResponses } from './ipc/orders';
import { syncRequests, type SyncResponses } from './ipc/sync';
import { pauseRequests, type PauseResponses } from './ipc/pause';
import { watchdogRequests, type WatchdogResponses } from './ipc/watchdog';
import { identityRequests, type IdentityResponses } from './ipc/identity';
import type { RunView, SyncProgressView } from './run-view';

/**
 * The one IPC contract, merged from one file per domain under `shared/ipc/`. Each entry: the zod schema of the
 * request (checked in main for every call) and, as a type only, the response. The preload exposes one function
 * per entry as `window.api`.
 */

// The views the page reads, from their own modules, so the renderer imports one place.
export type { AlertSettingsInput, AlertSettingsView } from './alert-settings';
export { alertSettingsInputSchema } from './alert-settings';
export type { CompanyList, CompanyRow } from './company-list';
export type { CompanySettingsView } from './company-settings';
export type { DesktopSettingsView } from './desktop-settings';
export type { DeactivationLimitsInput, DeactivationLimitsView } from './deactivation-limits';
export { deactivationLimitsInputSchema } from './deactivation-limits';
export type { HeldCatalogView } from './held-view';
export type { WatchdogSettings } from './watchdog-settings';
export type { EngineHolderView, EngineInfo } from './engine-info';
export { connectionInputSchema, type ConnectionInput } from './erp-connection';
export { eventFilterSchema, type EventFilter } from './event-filter';
export type { EventDetailView, EventPage, EventRow, EventView } from './event-views';
export type { RunErrorView, RunHistoryRow, RunStats } from './run-history';
export type { OrderFieldError, SaveResult } from './settings-save-result';
export type { TestResult } from './test-result';
export type { PauseTarget, SyncPauseView } from './sync-pause';
export type { CompanyIdentity, IdentityBlockView } from './company-identity';
export type { CatalogRunView, PhaseCountView, PhaseRunView, RunView, SyncProgressView, SyncStatus } from './run-view';

export const contract = {
  ...diagnosticsRequests,
  ...connectionsRequests,
  ...companiesRequests,
  ...syncRequests,
  ...journalRequests,
  ...alertsRequests,
  ...ordersRequests,
  ...desktopRequests,
  ...heldRequests,
  ...pauseRequests,
  ...watchdogRequests,
  ...identityRequests,
} satisfies Record<ApiMethod, { request: z.ZodType }>;

export interface Responses
  extends
    DiagnosticsResponses,
    ConnectionsResponses,
    CompaniesResponses,
    SyncResponses,
    JournalResponses,
    AlertsResponses,
    OrdersResponses,
    DesktopResponses,
    HeldResponses,
    PauseResponses,
    WatchdogResponses,
    IdentityResponses {}

/** Compile-time only: every method has one response type, and every response type a method. */
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type IsTrue<T extends true> = T;
export type ResponsesMatchMethods = IsTrue<SameKeys<keyof Responses, ApiMethod>>;

export interface EventPayloads {
  syncProgress: SyncProgressView;
  syncFinished: RunView;
  engineChanged: EngineInfo;
}

export type Requests = { [M in ApiMethod]: z.input<(typeof contract)[M]['request']> };
export type ParsedRequests = { [M in ApiMethod]: z.output<(typeof contract)[M]['request']> };

/** The typed `window.api`. Methods without a payload take no argument. */
export type Api = {
  [M in ApiMethod]: Requests[M] extends undefined
    ? () => Promise<Responses[M]>
    : (request: Requests[M]) => Promise<Responses[M]>;
} & {
  [E in ApiEvent as `on${Capitalize<E>}`]: (listener: (payload: EventPayloads[E]) => void) => () => void;
};
