import { z } from 'zod';
import type { ApiEvent, ApiMethod } from './ipc-channels';
import { companySettingsInputSchema, type CompanySettings, type FieldError } from './company-settings';
import { erpConfigSchema, type ErpConnectionView } from './erp-connection';
import { orderSettingsInputSchema, type FailedOrderView, type OrderSettingsView } from './order-settings';
import type { DiagnosticReport } from './erp-diagnostics';
import type { RunView, SyncProgressView, SyncStatus } from './run-view';

export type { CatalogRunView, PhaseCountView, PhaseRunView, RunView, SyncProgressView, SyncStatus } from './run-view';

/**
 * The one IPC contract. Each entry: the zod schema of the request (checked in main for every call) and,
 * as a type only, the response. The preload exposes one function per entry as `window.api`.
 */

const id = z.number().int().positive();
const companyRef = z.object({ connectionId: id, companyId: z.string().min(1).max(64) }).strict();

export const connectionInputSchema = z
  .object({
    /** Present when editing a saved connection; its stored password is reused unless a new one comes. */
    id: id.optional(),
    name: z.string().trim().max(120).optional(),
    config: erpConfigSchema,
    newPassword: z.string().max(256).optional(),
  })
  .strict();
export type ConnectionInput = z.infer<typeof connectionInputSchema>;

export interface TestResult {
  ok: boolean;
  /** One sentence, Spanish, saying what happened. */
  message: string;
  /** What to check when it failed. */
  hints: string[];
  elapsedMs: number;
}

export interface CompanyRow {
  companyId: string;
  name: string;
  sync: boolean;
  /** 'failing' (its runs keep failing), 'stale' (no successful sync for two periods), else 'ok'/'never'. */
  health?: 'ok' | 'failing' | 'stale' | 'never';
  /** Saved settings exist for this company. */
  configured: boolean;
  /** No longer found in the ERP (kept so its settings are not lost). */
  missing: boolean;
}

export interface CompanyList {
  companies: CompanyRow[];
  /** Set when the ERP could not be read and the list comes from the last successful read. */
  warning: string | null;
}

export interface CompanySettingsView extends CompanySettings {
  companyName: string;
  hasPassword: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export interface EventView {
  id: number;
  at: string;
  level: 'info' | 'warning' | 'error';
  category: string;
  companyId: string | null;
  companyName: string | null;
  message: string;
}

/** Filters of the Visor de eventos and of the Historial. `from`/`to` are ISO instants. */
export const eventFilterSchema = z
  .object({
    from: z.string().datetime(),
    to: z.string().datetime(),
    connectionId: id.optional(),
    companyId: z.string().max(64).optional(),
    levels: z
      .array(z.enum(['info', 'warning', 'error']))
      .max(3)
      .optional(),
    category: z.string().max(64).optional(),
    catalog: z.string().max(64).optional(),
    trigger: z.enum(['manual', 'automatic']).optional(),
    text: z.string().max(200).optional(),
  })
  .strict();
export type EventFilter = z.infer<typeof eventFilterSchema>;

/** Keyset pagination: newest first; the cursor is the last row of the previous page. */
const cursorSchema = z.object({ at: z.string(), id: z.number().int() }).strict().nullable();

export interface EventRow extends EventView {
  connectionId: number | null;
  runId: number | null;
  catalog: string | null;
  recordKey: string | null;
  trigger: 'manual' | 'automatic' | null;
}

export interface EventPage {
  events: EventRow[];
  nextCursor: { at: string; id: number } | null;
}

export interface EventDetailView extends EventRow {
  /** Redacted, at most ~4 KB of JSON text. */
  detailsExcerpt: string | null;
}

export interface RunHistoryRow {
  runId: number;
  connectionId: number;
  companyId: string;
  companyName: string;
  catalog: string;
  catalogLabel: string;
  /** Exitoso / En progreso / Parcial / Fallido / No disponible / No se intentó */
  stateLabel: string;
  state: 'running' | 'success' | 'partial' | 'failed' | 'skipped' | 'unavailable';
  trigger: 'manual' | 'automatic';
  startedAt: string;
  endedAt: string | null;
  message: string | null;
  read: number;
  pushed: number;
  failed: number;
}

export interface RunStats {
  /** Runs (one per company pass) in [from, to). */
  total: number;
  success: number;
  partial: number;
  failed: number;
  running: number;
  successPct: number;
  failedPct: number;
  lastSyncAt: string | null;
  /** Local calendar days (America/Mexico_City of the machine), oldest first. */
  perDay: { day: string; success: number; partial: number; failed: number }[];
}

export interface RunErrorView {
  errorId: number;
  catalog: string;
  catalogLabel: string;
  recordKey: string | null;
  phase: 'read' | 'push' | 'state';
  message: string;
  at: string;
}

export const alertSettingsInputSchema = z
  .object({
    desktopNotifications: z.boolean(),
    emergencyEmail: z.string().trim().max(254),
    smtpHost: z.string().trim().max(255),
    smtpPort: z.number().int().min(1).max(65535),
    /** 'tls' = implicit TLS (465), 'starttls' = upgrade (587), 'none' = plain (local relays only). */
    smtpSecurity: z.enum(['tls', 'starttls', 'none']),
    smtpUser: z.string().trim().max(254),
    /** undefined keeps, null removes, a string replaces (encrypted like every password). */
    newSmtpPassword: z.string().max(256).nullable().optional(),
    fromAddress: z.string().trim().max(254),
  })
  .strict();
export type AlertSettingsInput = z.infer<typeof alertSettingsInputSchema>;

export interface AlertSettingsView extends Omit<AlertSettingsInput, 'newSmtpPassword'> {
  hasSmtpPassword: boolean;
}

/** A *Pedidos y cotizaciones* value that cannot be saved (saved by the same *Aceptar*). */
export interface OrderFieldError {
  companyId: string;
  field: string;
  message: string;
}

/** Nothing is saved unless every company and every order setting is valid. */
export type SaveResult =
  { ok: true; saved: number } | { ok: false; errors: FieldError[]; orderErrors?: OrderFieldError[] };

export const contract = {
  getAppInfo: { request: z.undefined() },
  listConnections: { request: z.undefined() },
  saveConnection: { request: connectionInputSchema },
  deleteConnection: { request: z.object({ connectionId: id }).strict() },
  testErpConnection: { request: connectionInputSchema },
  discoverDatabases: { request: connectionInputSchema },
  listCompanies: { request: z.object({ connectionId: id, refresh: z.boolean().optional() }).strict() },
  listBranches: { request: companyRef },
  getCompanySettings: { request: companyRef },
  saveSettings: {
    request: z
      .object({
        connectionId: id,
        companies: z.array(companySettingsInputSchema).max(500),
        /** *Pedidos y cotizaciones* of the edited companies, saved in the same transaction. */
        orders: z.array(orderSettingsInputSchema).max(500).optional(),
      })
      .strict(),
  },
  testStoreConnection: {
    request: companyRef.extend({
      url: z.string().max(2000),
      user: z.string().max(2000),
      newPassword: z.string().max(2000).optional(),
    }),
  },
  syncNow: { request: companyRef },
  resendAll: { request: companyRef },
  getSyncStatus: { request: companyRef },
  dryRun: { request: companyRef },
  queryEvents: {
    request: z
      .object({
        filter: eventFilterSchema,
        cursor: cursorSchema.optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict(),
  },
  getEventDetail: { request: z.object({ eventId: id }).strict() },
  exportEvents: { request: z.object({ filter: eventFilterSchema }).strict() },
  getRetention: { request: z.undefined() },
  saveRetention: { request: z.object({ days: z.number().int().min(7).max(3650) }).strict() },
  listRunHistory: {
    request: z.object({ filter: eventFilterSchema, limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  },
  getRunStats: { request: z.object({ filter: eventFilterSchema }).strict() },
  listRunErrors: { request: z.object({ runId: id }).strict() },
  retryRun: { request: z.object({ runId: id }).strict() },
  getAlertSettings: { request: z.undefined() },
  saveAlertSettings: { request: alertSettingsInputSchema },
  sendTestAlert: { request: z.undefined() },
  getOrderSettings: { request: companyRef.extend({ articleSearch: z.string().max(100).optional() }) },
  listFailedOrders: { request: companyRef },
  retryOrder: { request: companyRef.extend({ storeOrderId: z.string().min(1).max(128) }) },
  getDesktopSettings: { request: z.undefined() },
  saveDesktopSettings: { request: z.object({ openAtLogin: z.boolean() }).strict() },
  diagnoseErp: { request: z.object({ connectionId: id, companyId: z.string().min(1).max(64).optional() }).strict() },
  listEvents: {
    request: z
      .object({
        days: z.number().int().min(1).max(366).default(7),
        connectionId: id.optional(),
        companyId: z.string().max(64).optional(),
      })
      .strict(),
  },
} satisfies Record<ApiMethod, { request: z.ZodType }>;

export interface Responses {
  getAppInfo: { version: string; databasePath: string; secretScheme: string; engine: EngineInfo };
  listConnections: ErpConnectionView[];
  saveConnection: { id: number };
  deleteConnection: { deleted: boolean };
  testErpConnection: TestResult;
  discoverDatabases: { databases: string[]; message: string };
  listCompanies: CompanyList;
  listBranches: { branches: { id: string; name: string }[]; warning: string | null };
  getCompanySettings: CompanySettingsView;
  saveSettings: SaveResult;
  testStoreConnection: TestResult;
  listEvents: EventView[];
  /** Starts a manual run in the background; progress and result arrive as events. */
  syncNow: { started: boolean; message: string };
  /** *Reenviar todo a la tienda*: forgets what was pushed for the company and starts a full run. */
  resendAll: { started: boolean; message: string };
  getSyncStatus: SyncStatus;
  /** Waits for the simulation and returns what a sync would push, per catalog. */
  dryRun: RunView;
  queryEvents: EventPage;
  getEventDetail: EventDetailView;
  /** CSV (UTF-8 with BOM, `;`-separated for Excel es-MX) of the whole filtered view. */
  exportEvents: { fileName: string; csv: string; rows: number };
  getRetention: { days: number };
  saveRetention: { days: number };
  listRunHistory: RunHistoryRow[];
  getRunStats: RunStats;
  listRunErrors: RunErrorView[];
  /** Starts a manual run of that run's company; records that failed are sent again. */
  retryRun: { started: boolean; message: string };
  getAlertSettings: AlertSettingsView;
  saveAlertSettings: { ok: true } | { ok: false; message: string };
  sendTestAlert: TestResult;
  /** Settings with the choices read from the ERP (series, articles, warehouses) and what could not be read. */
  getOrderSettings: OrderSettingsView;
  listFailedOrders: FailedOrderView[];
  /** The order goes back to the inbox and a manual run starts. */
  retryOrder: { started: boolean; message: string };
  getDesktopSettings: DesktopSettingsView;
  saveDesktopSettings: DesktopSettingsView;
  /** Read-only: what the adapter relies on in the database, each check correcto / falta / advertencia. */
  diagnoseErp: DiagnosticReport;
}

export interface EventPayloads {
  syncProgress: SyncProgressView;
  syncFinished: RunView;
  engineChanged: EngineInfo;
}

/**
 * Who runs the engine on this settings database. `owner`: this process; `monitor`: another process
 * (the service, or another console) holds the lease and this console only watches it; `none`: no engine here.
 */
export interface EngineInfo {
  role: 'owner' | 'monitor' | 'none';
  holder: EngineHolderView | null;
  /** Spanish sentence for the console's status line. */
  message: string;
}

export interface EngineHolderView {
  kind: 'console' | 'service' | 'cli';
  pid: number;
  host: string;
  version: string;
  since: string;
  heartbeatAt: string;
}

/** Desktop-only settings (start at login); `supported` is false where the OS has no login items. */
export interface DesktopSettingsView {
  openAtLogin: boolean;
  supported: boolean;
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

/** Errors cross IPC as plain messages; this marks a message meant for the user (Spanish). */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
