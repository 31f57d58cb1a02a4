import type { z } from 'zod';
import type { ApiEvent, ApiMethod } from './ipc-channels';
import type { CatalogName } from './catalogs';
import type { EngineInfo } from './engine-info';
import type { OrderCountsView } from './order-settings';
import { alertsRequests, type AlertsResponses } from './ipc/alerts';
import { companiesRequests, type CompaniesResponses } from './ipc/companies';
import { connectionsRequests, type ConnectionsResponses } from './ipc/connections';
import { desktopRequests, type DesktopResponses } from './ipc/desktop';
import { diagnosticsRequests, type DiagnosticsResponses } from './ipc/diagnostics';
import { journalRequests, type JournalResponses } from './ipc/journal';
import { ordersRequests, type OrdersResponses } from './ipc/orders';
import { syncRequests } from './ipc/sync';

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
export type { EngineHolderView, EngineInfo } from './engine-info';
export { connectionInputSchema, type ConnectionInput } from './erp-connection';
export { eventFilterSchema, type EventFilter } from './event-filter';
export type { EventDetailView, EventPage, EventRow, EventView } from './event-views';
export type { RunErrorView, RunHistoryRow, RunStats } from './run-history';
export type { OrderFieldError, SaveResult } from './settings-save-result';
export type { TestResult } from './test-result';

/** Progress of a running sync, pushed as `syncProgress`. */
export interface SyncProgressView {
  connectionId: number;
  companyId: string;
  catalog: CatalogName;
  catalogLabel: string;
  /** 0-based position of the catalog in this run, of `catalogCount`. */
  catalogIndex: number;
  catalogCount: number;
  /** Records read of this catalog's changed blocks, of `total`. */
  done: number;
  total: number;
}

export interface CatalogRunView {
  catalog: CatalogName;
  catalogLabel: string;
  state: 'running' | 'success' | 'partial' | 'failed' | 'skipped';
  read: number;
  pushed: number;
  unchanged: number;
  deleted: number;
  failed: number;
  message: string | null;
  /**
   * Only for state 'skipped': true when an earlier failure stopped the run; false/absent when this ERP has
   * no such catalog (not an error).
   */
  aborted?: boolean;
}

/** One run of one company: the last one in the status, or the result pushed as `syncFinished`. */
export interface RunView {
  runId: number | null;
  connectionId: number;
  companyId: string;
  companyName: string;
  trigger: 'manual' | 'automatic';
  dryRun: boolean;
  state: 'running' | 'success' | 'partial' | 'failed';
  /** Exitoso / En progreso / Parcial / Fallido */
  stateLabel: string;
  startedAt: string | null;
  endedAt: string | null;
  message: string | null;
  catalogs: CatalogRunView[];
  /** The run's order counts, when it imported orders. */
  orders?: OrderCountsView | null;
  /** The run's invoice-request counts, when the company creates invoices from the store. */
  invoices?: InvoiceCountsView | null;
}

export interface InvoiceCountsView {
  created: number;
  stamped: number;
  /** Written in the ERP, not stamped yet (stamping off, failed or unavailable). */
  unstamped: number;
  rejected: number;
}

export interface SyncStatus {
  running: boolean;
  progress: SyncProgressView | null;
  lastRun: RunView | null;
}

export interface SyncResponses {
  /** Starts a manual run in the background; progress and result arrive as events. */
  syncNow: { started: boolean; message: string };
  /** *Reenviar todo a la tienda*: forgets what was pushed for the company and starts a full run. */
  resendAll: { started: boolean; message: string };
  getSyncStatus: SyncStatus;
  /** Waits for the simulation and returns what a sync would push, per catalog. */
  dryRun: RunView;
  /** Starts a manual run of that run's company; records that failed are sent again. */
  retryRun: { started: boolean; message: string };
}

export const contract = {
  ...diagnosticsRequests,
  ...connectionsRequests,
  ...companiesRequests,
  ...syncRequests,
  ...journalRequests,
  ...alertsRequests,
  ...ordersRequests,
  ...desktopRequests,
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
    DesktopResponses {}

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
