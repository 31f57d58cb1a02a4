import type { ConsoleService } from '../app/console-service';
import type { SyncController } from '../app/sync-controller';
import type { ApiMethod } from '../../shared/ipc-channels';
import type { ParsedRequests, Responses } from '../../shared/ipc-contract';

export type Handlers = { [M in ApiMethod]: (request: ParsedRequests[M]) => Promise<Responses[M]> | Responses[M] };

/** One handler per contract method; each only delegates to the service. */
export function createHandlers({ service, sync }: { service: ConsoleService; sync: SyncController }): Handlers {
  return {
    getAppInfo: () => service.appInfo(),
    listConnections: () => service.listConnections(),
    saveConnection: (r) => service.saveConnection(r),
    deleteConnection: (r) => service.deleteConnection(r.connectionId),
    testErpConnection: (r) => service.testErpConnection(r),
    discoverDatabases: (r) => service.discoverDatabases(r),
    listCompanies: (r) => service.listCompanies(r.connectionId),
    listBranches: (r) => service.listBranches(r.connectionId, r.companyId),
    getCompanySettings: (r) => service.getCompanySettings(r.connectionId, r.companyId),
    saveSettings: (r) => service.saveSettings(r.connectionId, r.companies),
    testStoreConnection: (r) => service.testStoreConnection(r),
    listEvents: (r) => service.listEvents(r),
    syncNow: (r) => sync.syncNow(r),
    getSyncStatus: (r) => sync.status(r),
    dryRun: (r) => sync.dryRun(r),
  };
}
