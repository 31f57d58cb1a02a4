import type { EngineInfo } from '../../shared/engine-info';
import type { LeaseHolder } from './engine-lease';

export type EngineRole = EngineInfo['role'];

const KIND_LABEL = { console: 'la consola', service: 'el servicio', cli: 'el comando wopen-sync sync' } as const;

/** The Spanish status line for the console: who syncs this database. */
export function describeEngine(role: EngineRole, holder: LeaseHolder | null): string {
  if (role === 'owner') return 'Esta consola ejecuta la sincronización.';
  if (role === 'monitor' && holder) {
    return `La sincronización la ejecuta ${KIND_LABEL[holder.kind]} (proceso ${holder.pid} en ${holder.host}); esta consola la supervisa.`;
  }
  if (role === 'monitor') return 'Otro proceso ejecuta la sincronización; esta consola la supervisa.';
  return 'La sincronización automática no se ejecuta en este proceso.';
}

/**
 * This process's place with respect to the engine lease, shared by the pieces that act differently when
 * another process runs the engine (SyncController sends *Sincronizar ahora* as a request, the page shows who
 * syncs). `none` until an EngineHost starts: one-shot CLI commands and tests run the engine in-process.
 */
export class EngineRoleState {
  private current: EngineInfo = { role: 'none', holder: null, message: describeEngine('none', null) };
  private readonly listeners = new Set<(info: EngineInfo) => void>();

  get role(): EngineRole {
    return this.current.role;
  }

  info(): EngineInfo {
    return this.current;
  }

  set(role: EngineRole, holder: LeaseHolder | null): void {
    const view = holder
      ? {
          kind: holder.kind,
          pid: holder.pid,
          host: holder.host,
          version: holder.version,
          since: holder.acquiredAt,
          heartbeatAt: holder.heartbeatAt,
        }
      : null;
    const next: EngineInfo = { role, holder: view, message: describeEngine(role, holder) };
    const changed =
      next.role !== this.current.role ||
      next.holder?.pid !== this.current.holder?.pid ||
      next.holder?.host !== this.current.holder?.host ||
      next.holder?.since !== this.current.holder?.since;
    this.current = next;
    if (changed) for (const l of this.listeners) l(next);
  }

  onChange(listener: (info: EngineInfo) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
