import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../shared/ipc-channels';
import { contract } from '../../shared/ipc-contract';
import { alertsRequests } from '../../shared/ipc/alerts';
import { ALERTS_METHODS } from '../../shared/ipc/alerts-methods';
import { companiesRequests } from '../../shared/ipc/companies';
import { COMPANIES_METHODS } from '../../shared/ipc/companies-methods';
import { connectionsRequests } from '../../shared/ipc/connections';
import { CONNECTIONS_METHODS } from '../../shared/ipc/connections-methods';
import { desktopRequests } from '../../shared/ipc/desktop';
import { DESKTOP_METHODS } from '../../shared/ipc/desktop-methods';
import { diagnosticsRequests } from '../../shared/ipc/diagnostics';
import { DIAGNOSTICS_METHODS } from '../../shared/ipc/diagnostics-methods';
import { journalRequests } from '../../shared/ipc/journal';
import { JOURNAL_METHODS } from '../../shared/ipc/journal-methods';
import { ordersRequests } from '../../shared/ipc/orders';
import { ORDERS_METHODS } from '../../shared/ipc/orders-methods';
import { syncRequests } from '../../shared/ipc/sync';
import { SYNC_METHODS } from '../../shared/ipc/sync-methods';

const domains: [string, readonly string[], object][] = [
  ['diagnostics', DIAGNOSTICS_METHODS, diagnosticsRequests],
  ['connections', CONNECTIONS_METHODS, connectionsRequests],
  ['companies', COMPANIES_METHODS, companiesRequests],
  ['sync', SYNC_METHODS, syncRequests],
  ['journal', JOURNAL_METHODS, journalRequests],
  ['alerts', ALERTS_METHODS, alertsRequests],
  ['orders', ORDERS_METHODS, ordersRequests],
  ['desktop', DESKTOP_METHODS, desktopRequests],
];

describe('IPC contract per domain', () => {
  it('each domain’s zod-free list names exactly the methods its request map defines', () => {
    for (const [name, methods, requests] of domains) {
      expect({ name, methods: Object.keys(requests).sort() }).toEqual({ name, methods: [...methods].sort() });
    }
  });

  it('no method belongs to two domains (the merge would keep only one of them)', () => {
    expect(new Set(API_METHODS).size).toBe(API_METHODS.length);
    expect(Object.keys(contract)).toHaveLength(API_METHODS.length);
  });
});
