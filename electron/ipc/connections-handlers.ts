import type { ConnectionsMethod } from '../../shared/ipc/connections-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

export function connectionsHandlers({ service }: Pick<HandlerDeps, 'service'>): HandlersOf<ConnectionsMethod> {
  return {
    listConnections: () => service.listConnections(),
    saveConnection: (r) => service.saveConnection(r),
    deleteConnection: (r) => service.deleteConnection(r.connectionId),
    testErpConnection: (r) => service.testErpConnection(r),
    discoverDatabases: (r) => service.discoverDatabases(r),
  };
}
