import { describe, expect, it, vi } from 'vitest';
import { LocalEngineControl, RemoteEngineControl } from '../../electron/hosting/engine-control';
import { EngineRoleState } from '../../electron/hosting/engine-role';
import type { SyncEngine } from '../../electron/engine/sync-engine';
import type { SyncRequestsRepo } from '../../electron/hosting/sync-requests-repo';
import type { EngineProgressRepo } from '../../electron/hosting/progress-repo';
import type { SyncProgressView } from '../../shared/ipc-contract';

const scope = { connectionId: 1, companyId: '7' };

function fakeEngine(o: { running?: boolean; lastState?: string } = {}) {
  const calls: string[] = [];
  const engine = {
    isRunning: () => o.running ?? false,
    preflight: () => calls.push('preflight'),
    lastRun: () => (o.lastState ? { state: o.lastState } : null),
    state: { reset: () => calls.push('reset') },
  } as unknown as SyncEngine;
  return { engine, calls };
}

const progress = {
  connectionId: 1,
  companyId: '7',
  catalog: 'articulos',
  done: 1,
  total: 2,
} as unknown as SyncProgressView;

function fakeProgress() {
  return { write: vi.fn(), clear: vi.fn(), get: vi.fn(() => progress) } as unknown as EngineProgressRepo & {
    write: ReturnType<typeof vi.fn>;
    clear: ReturnType<typeof vi.fn>;
  };
}

describe('LocalEngineControl: this process runs the engine', () => {
  it('starts a manual run after the preflight, and says so', () => {
    const { engine, calls } = fakeEngine();
    const start = vi.fn();
    const c = new LocalEngineControl({ engine, progress: fakeProgress(), start });
    expect(c.syncNow(scope, { full: false })).toEqual({ started: true, message: 'Sincronización iniciada.' });
    expect(calls).toEqual(['preflight']);
    expect(start).toHaveBeenCalledWith(scope, { full: false });
    expect(c.resendAll(scope).message).toBe('Reenvío completo iniciado: se envían todos los catálogos a la tienda.');
    expect(start).toHaveBeenLastCalledWith(scope, { full: true });
  });

  it('refuses a second run of the same company and publishes its own progress', () => {
    const start = vi.fn();
    const published = fakeProgress();
    const c = new LocalEngineControl({ engine: fakeEngine({ running: true }).engine, progress: published, start });
    expect(c.syncNow(scope, { full: false })).toEqual({
      started: false,
      message: 'Ya hay una sincronización en curso para esta empresa.',
    });
    expect(start).not.toHaveBeenCalled();
    c.published(progress);
    expect(published.write).toHaveBeenCalledWith(progress);
    expect(c.runningElsewhere()).toBe(false);
    expect(c.progressElsewhere()).toBeNull();
  });
});

const relayDeps = { broadcast: vi.fn(), companyName: (s: { companyId: string }) => s.companyId };

describe('RemoteEngineControl: the process holding the lease runs it', () => {
  it('queues a request for the holder instead of running, naming the service', () => {
    const { engine, calls } = fakeEngine();
    const requests = { request: vi.fn(() => ({ queued: true })) } as unknown as SyncRequestsRepo & {
      request: ReturnType<typeof vi.fn>;
    };
    const role = new EngineRoleState();
    vi.spyOn(role, 'info').mockReturnValue({ role: 'monitor', holder: { kind: 'service' } } as unknown as ReturnType<
      EngineRoleState['info']
    >);
    const c = new RemoteEngineControl({ ...relayDeps, engine, requests, progress: fakeProgress(), role, actor: 'ana' });
    expect(c.syncNow(scope)).toEqual({
      started: true,
      message: 'Sincronización solicitada al servicio que sincroniza esta base de datos.',
    });
    expect(requests.request).toHaveBeenCalledWith(scope, 'ana');
    c.resendAll(scope);
    expect(calls).toEqual(['preflight', 'reset', 'preflight']);
  });

  it('reads the holder’s running state and published progress, and publishes nothing itself', () => {
    const published = fakeProgress();
    const requests = { request: vi.fn() } as unknown as SyncRequestsRepo & { request: ReturnType<typeof vi.fn> };
    const c = new RemoteEngineControl({
      ...relayDeps,
      engine: fakeEngine({ lastState: 'running' }).engine,
      requests,
      progress: published,
      role: new EngineRoleState(),
      actor: 'ana',
    });
    expect(c.syncNow(scope).started).toBe(false);
    expect(requests.request).not.toHaveBeenCalled();
    expect(c.runningElsewhere('running')).toBe(true);
    expect(c.progressElsewhere(scope)).toBe(progress);
    c.published();
    expect(published.write).not.toHaveBeenCalled();
  });
});
