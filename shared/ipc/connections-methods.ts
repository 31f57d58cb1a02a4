export const CONNECTIONS_METHODS = [
  'listConnections',
  'saveConnection',
  'deleteConnection',
  'testErpConnection',
  'discoverDatabases',
] as const;
export type ConnectionsMethod = (typeof CONNECTIONS_METHODS)[number];
