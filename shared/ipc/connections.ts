import { z } from 'zod';
import { connectionInputSchema, type ErpConnectionView } from '../erp-connection';
import type { TestResult } from '../test-result';
import type { ConnectionsMethod } from './connections-methods';
import { id } from './refs';

/** The ERP connections: the connection editor and the connection list. */
export const connectionsRequests = {
  listConnections: { request: z.undefined() },
  saveConnection: { request: connectionInputSchema },
  deleteConnection: { request: z.object({ connectionId: id }).strict() },
  testErpConnection: { request: connectionInputSchema },
  discoverDatabases: { request: connectionInputSchema },
} satisfies Record<ConnectionsMethod, { request: z.ZodType }>;

export interface ConnectionsResponses {
  listConnections: ErpConnectionView[];
  saveConnection: { id: number };
  deleteConnection: { deleted: boolean };
  testErpConnection: TestResult;
  discoverDatabases: { databases: string[]; message: string };
}
