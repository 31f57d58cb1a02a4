import type { ConsoleService } from '../app/console-service';
import type { JournalService } from '../app/journal-service';
import type { SyncController } from '../hosting/sync-controller';
import type { Alerts } from '../alerts';
import type { OrderSettingsService } from '../app/order-settings-service';
import type { ApiMethod } from '../../shared/ipc-channels';
import type { ParsedRequests, Responses } from '../../shared/ipc-contract';
import { EngineRoleState } from '../hosting/engine-role';
import { noLoginItem, type LoginItemPort } from '../desktop/login-item';

export type Handlers = { [M in ApiMethod]: (request: ParsedRequests[M]) => Promise<Responses[M]> | Responses[M] };

/** One handler per contract method; each only delegates to the service. */
export function createHandlers({
  service,
  journal,
  sync,
  alerts,
  orders,
  role = new EngineRoleState(),
  loginItem = noLoginItem,
}: {
  service: ConsoleService;
  journal: JournalService;
  sync: SyncController;
  alerts: Alerts;
  orders: OrderSettingsService;
  role?: EngineRoleState;
  loginItem?: LoginItemPort;
}): Handlers {
  return {
    getAppInfo: () => ({ ...service.appInfo(), engine: role.info() }),
    listConnections: () => service.listConnections(),
    saveConnection: (r) => service.saveConnection(r),
    deleteConnection: (r) => service.deleteConnection(r.connectionId),
    testErpConnection: (r) => service.testErpConnection(r),
    discoverDatabases: (r) => service.discoverDatabases(r),
    listCompanies: (r) => service.listCompanies(r.connectionId),
    listBranches: (r) => service.listBranches(r.connectionId, r.companyId),
    getCompanySettings: (r) => service.getCompanySettings(r.connectionId, r.companyId),
    // One Aceptar saves company and order settings together, or nothing.
    saveSettings: (r) =>
      service.saveSettings(r.connectionId, r.companies, r.orders && orders.prepare(r.connectionId, r.orders)),
    testStoreConnection: (r) => service.testStoreConnection(r),
    listEvents: (r) => journal.listEvents(r),
    syncNow: (r) => sync.syncNow(r),
    resendAll: (r) => sync.resendAll(r),
    getSyncStatus: (r) => sync.status(r),
    dryRun: (r) => sync.dryRun(r),
    // Visor de eventos and Historial de sincronización.
    queryEvents: (r) => journal.queryEvents(r.filter, r.cursor, r.limit),
    getEventDetail: (r) => journal.getEventDetail(r.eventId),
    exportEvents: (r) => journal.exportEvents(r.filter),
    getRetention: () => journal.getRetention(),
    saveRetention: (r) => journal.saveRetention(r.days),
    listRunHistory: (r) => journal.listRunHistory(r.filter, r.limit),
    getRunStats: (r) => journal.getRunStats(r.filter),
    listRunErrors: (r) => journal.listRunErrors(r.runId),
    retryRun: (r) => sync.retryRun(r.runId),
    // Alerts (desktop notification and e-mail to the emergency contact).
    getAlertSettings: () => alerts.service.getSettings(),
    saveAlertSettings: (r) => alerts.service.saveSettings(r),
    sendTestAlert: () => alerts.service.sendTest(),
    // Pedidos y cotizaciones.
    getOrderSettings: (r) => orders.get({ connectionId: r.connectionId, companyId: r.companyId }, r.articleSearch),
    listFailedOrders: (r) => orders.listFailed(r),
    retryOrder: (r) => orders.retry({ connectionId: r.connectionId, companyId: r.companyId }, r.storeOrderId),
    // Desktop integration.
    getDesktopSettings: () => loginItem.get(),
    saveDesktopSettings: (r) => loginItem.set(r.openAtLogin),
    // Diagnóstico (read-only).
    diagnoseErp: (r) => service.diagnoseErp(r.connectionId, r.companyId ?? null),
  };
}
