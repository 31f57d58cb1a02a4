import type { RunView, SyncProgressView } from '../../shared/ipc-contract';
import type { SyncEngine } from '../engine/sync-engine';
import type { RunOptions } from '../engine/sync-engine';
import type { Scope } from '../core/scope';
import type { EngineRoleState } from './engine-role';
import type { SyncRequestsRepo } from './sync-requests-repo';
import type { EngineProgressRepo } from './progress-repo';

export type StartResult = { started: boolean; message: string };

/**
 * How this process reaches the engine of its settings database: it runs it (owner, LocalEngineControl) or asks
 * the process holding the lease (monitor, RemoteEngineControl). SyncController picks one per call from the
 * role, so the owner/monitor branch is written here and nowhere else.
 */
export interface EngineControl {
  /** A manual run now: started here, or requested from the holder. */
  syncNow(s: Scope, opts: { full: boolean }): StartResult;
  /** *Reenviar todo*: the pushed state is forgotten and every catalog goes whole. */
  resendAll(s: Scope): StartResult;
  /** Whether a run of that company is under way in another process, as the history shows it. */
  runningElsewhere(lastState: string | undefined): boolean;
  /** The progress another process published for that company, if any. */
  progressElsewhere(s: Scope): SyncProgressView | null;
  /** This process's run progressed / ended: published for a console that monitors it. */
  published(view: SyncProgressView): void;
  finished(view: RunView): void;
}

const BUSY = 'Ya hay una sincronización en curso para esta empresa.';

export interface LocalEngineControlDeps {
  engine: SyncEngine;
  progress: EngineProgressRepo;
  /** Runs a manual run in the background and reports its end (SyncController's relay). */
  start(s: Scope, opts: Pick<RunOptions, 'full'>): void;
}

export class LocalEngineControl implements EngineControl {
  constructor(private readonly d: LocalEngineControlDeps) {}

  syncNow(s: Scope, opts: { full: boolean }): StartResult {
    if (this.d.engine.isRunning(s)) return { started: false, message: BUSY };
    this.d.engine.preflight(s);
    this.d.start(s, { full: opts.full });
    return { started: true, message: 'Sincronización iniciada.' };
  }

  resendAll(s: Scope): StartResult {
    const r = this.syncNow(s, { full: true });
    return r.started
      ? { started: true, message: 'Reenvío completo iniciado: se envían todos los catálogos a la tienda.' }
      : r;
  }

  runningElsewhere(): boolean {
    return false;
  }

  progressElsewhere(): SyncProgressView | null {
    return null;
  }

  published(view: SyncProgressView): void {
    this.d.progress.write(view);
  }

  finished(view: RunView): void {
    this.d.progress.clear(view);
  }
}

export interface RemoteEngineControlDeps {
  engine: SyncEngine;
  requests: SyncRequestsRepo;
  progress: EngineProgressRepo;
  role: EngineRoleState;
  actor: string;
}

/** Monitor mode: the process holding the lease picks a request up within a second or two and its runs are relayed. */
export class RemoteEngineControl implements EngineControl {
  constructor(private readonly d: RemoteEngineControlDeps) {}

  syncNow(s: Scope): StartResult {
    this.d.engine.preflight(s);
    if (this.d.engine.lastRun(s)?.state === 'running') return { started: false, message: BUSY };
    this.d.requests.request(s, this.d.actor);
    const who = this.d.role.info().holder?.kind === 'service' ? 'al servicio' : 'a la consola';
    return { started: true, message: `Sincronización solicitada ${who} que sincroniza esta base de datos.` };
  }

  /** The shared database is changed here and the holder is asked for a run. */
  resendAll(s: Scope): StartResult {
    this.d.engine.state.reset(s);
    return this.syncNow(s);
  }

  runningElsewhere(lastState: string | undefined): boolean {
    return lastState === 'running';
  }

  progressElsewhere(s: Scope): SyncProgressView | null {
    return this.d.progress.get(s);
  }

  published(): void {}

  finished(): void {}
}
