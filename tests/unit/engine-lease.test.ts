import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase } from '../../electron/settings/database';
import { EngineLease } from '../../electron/hosting/engine-lease';
import { SyncRequestsRepo } from '../../electron/hosting/sync-requests-repo';
import { tempDir } from '../helpers/temp-dir';

/** Two handles on one SQLite file, as two processes would have, with a controllable clock. */
function twoProcesses() {
  const file = path.join(tempDir(), 'w.sqlite');
  const a = openSettingsDatabase(file);
  const b = openSettingsDatabase(file);
  let now = Date.parse('2026-11-26T10:00:00Z');
  const clock = () => new Date(now);
  const alive = new Set([1001, 1002]);
  const lease = (db: typeof a, pid: number, host = 'SERVIDOR', kind: 'console' | 'service' = 'service') =>
    new EngineLease(db, { kind, version: '0.1.0', ttlMs: 30_000, clock, pid, host, isAlive: (p) => alive.has(p) });
  return { a, b, lease, advance: (ms: number) => (now += ms), alive };
}

describe('EngineLease: one engine per settings database', () => {
  it('gives the lease to the first process and refuses the second while the first is alive and beating', () => {
    const t = twoProcesses();
    const service = t.lease(t.a, 1001);
    const console = t.lease(t.b, 1002, 'SERVIDOR', 'console');
    expect(service.tryAcquire()).toEqual({ acquired: true, tookOverFrom: null });
    const refused = console.tryAcquire();
    expect(refused.acquired).toBe(false);
    if (!refused.acquired)
      expect(refused.holder).toMatchObject({ kind: 'service', pid: 1001, host: 'SERVIDOR', version: '0.1.0' });
    // Heartbeats keep it well past the TTL.
    for (let i = 0; i < 10; i++) {
      t.advance(10_000);
      expect(service.renew()).toBe(true);
      expect(console.tryAcquire().acquired).toBe(false);
    }
  });

  it('lets another process take over when the heartbeat expires, and the old holder learns it lost the lease', () => {
    const t = twoProcesses();
    const first = t.lease(t.a, 1001, 'OTRO-EQUIPO');
    const second = t.lease(t.b, 1002);
    first.tryAcquire();
    t.advance(29_999);
    expect(second.tryAcquire().acquired).toBe(false);
    t.advance(2);
    const took = second.tryAcquire();
    expect(took).toMatchObject({ acquired: true, tookOverFrom: { pid: 1001, host: 'OTRO-EQUIPO' } });
    expect(first.renew()).toBe(false);
    expect(first.tryAcquire().acquired).toBe(false);
  });

  it('takes over at once from a dead process on the same host, but never judges a pid of another host', () => {
    const t = twoProcesses();
    t.lease(t.a, 1001).tryAcquire();
    t.alive.delete(1001);
    expect(t.lease(t.b, 1002).tryAcquire()).toMatchObject({ acquired: true, tookOverFrom: { pid: 1001 } });

    const u = twoProcesses();
    u.lease(u.a, 1001, 'OTRO-EQUIPO').tryAcquire();
    u.alive.delete(1001); // pid 1001 means nothing on this host
    expect(u.lease(u.b, 1002).tryAcquire().acquired).toBe(false);
  });

  it('is free again at once after a clean release', () => {
    const t = twoProcesses();
    const first = t.lease(t.a, 1001);
    first.tryAcquire();
    first.release();
    expect(first.holder()).toBeNull();
    expect(t.lease(t.b, 1002).tryAcquire()).toEqual({ acquired: true, tookOverFrom: null });
    first.release(); // not ours any more: must not delete the new holder's row
    expect(t.lease(t.a, 1003).holder()).toMatchObject({ pid: 1002 });
  });
});

describe('SyncRequestsRepo: Sincronizar ahora from a monitoring console', () => {
  it('keeps one open request per company and hands them to the holder in order', () => {
    const t = twoProcesses();
    t.a
      .prepare(
        "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
      )
      .run();
    const monitor = new SyncRequestsRepo(t.b);
    const holder = new SyncRequestsRepo(t.a);
    expect(monitor.request({ connectionId: 1, companyId: '7' }, 'ana')).toEqual({ queued: true });
    expect(monitor.request({ connectionId: 1, companyId: '7' }, 'ana')).toEqual({ queued: false });
    expect(monitor.request({ connectionId: 1, companyId: '8' }, 'luis')).toEqual({ queued: true });
    const pending = holder.pending();
    expect(pending.map((r) => [r.companyId, r.requestedBy])).toEqual([
      ['7', 'ana'],
      ['8', 'luis'],
    ]);
    holder.handled(pending[0]!.requestId, 'Sincronización iniciada.');
    expect(holder.pending().map((r) => r.companyId)).toEqual(['8']);
    expect(monitor.request({ connectionId: 1, companyId: '7' }, 'ana')).toEqual({ queued: true });
  });
});
