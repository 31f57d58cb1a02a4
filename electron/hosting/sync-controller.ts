import { CATALOG_LABELS, CATALOGS, type CatalogName } from '../../shared/catalogs';
import type { HeldCatalogView } from '../../shared/held-view';
import { viewOfHeld } from '../app/held-view';
import { IdentityBlockedError } from '../engine/identity-guard';
import type { EventLog } from '../events/event-log';
import { SYNC_CATEGORY } from '../engine/run-messages';
import type { RunView, SyncProgressView, SyncStatus } from '../../shared/ipc-contract';
import { ConnectionsRepo } from '../settings/connections-repo';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import type { SettingsDb } from '../settings/database';
import type { SyncEngine } from '../engine/sync-engine';
import type { HeldCatalog } from '../engine/held-deactivations-repo';
import type { SyncProgress } from '../engine/run-report';
import type { Scope } from '../core/scope';
import { describeError } from '../app/describe-error';
import { runOfRow, viewOfRun } from '../app/run-view';
import { RunHistoryQueries } from '../engine/run-history-query';
import { UserFacingError } from '../core/user-facing-error';
import { EngineRoleState } from './engine-role';
import { SyncRequestsRepo } from './sync-requests-repo';
import { EngineProgressRepo } from './progress-repo';
import {
  LocalEngineControl,
  RemoteEngineControl,
  type Broadcast,
  type EngineControl,
  type StartResult,
} from './engine-control';

export type { Broadcast } from './engine-control';

/** In push order, as the last run's table lists the catalogs. */
const heldViews = (held: HeldCatalog[]): HeldCatalogView[] =>
  held.sort((a, b) => CATALOGS.indexOf(a.catalog) - CATALOGS.indexOf(b.catalog)).map(viewOfHeld);

const keyOf = (s: Scope) => `${s.connectionId}/${s.companyId}`;
const PROGRESS_EVERY_MS = 150;

/**
 * *Sincronizar ahora* for the console: starts a manual run in the background, relays its progress to the
 * page (throttled, so a fast catalog does not flood IPC) and its result when it ends.
 */
export interface SyncControllerDeps {
  engine: SyncEngine;
  db: SettingsDb;
  /** Where *Reenviar todo* is noted; the engine's own events go through the engine. */
  events?: EventLog;
  broadcast: Broadcast;
  clock?: () => Date;
  /** Every ended run, manual or automatic (the AlertMonitor). */
  afterRun?: (view: RunView) => void;
  /** When another process holds the engine lease, *Sincronizar ahora* becomes a request to it. */
  role?: EngineRoleState;
  actor?: string;
}

export class SyncController {
  private readonly progress = new Map<string, SyncProgressView>();
  private readonly lastSent = new Map<string, number>();
  private readonly connections: ConnectionsRepo;
  private readonly history: RunHistoryQueries;
  private readonly engine: SyncEngine;
  private readonly broadcast: Broadcast;
  private readonly clock: () => Date;
  private readonly afterRun: (view: RunView) => void;
  private readonly role: EngineRoleState;
  private readonly local: LocalEngineControl;
  private readonly remote: RemoteEngineControl;
  /** Progress of this process's runs, published for a console that monitors it. */
  readonly published: EngineProgressRepo;

  constructor(private readonly d: SyncControllerDeps) {
    this.engine = d.engine;
    this.broadcast = d.broadcast;
    this.clock = d.clock ?? (() => new Date());
    this.afterRun = d.afterRun ?? (() => undefined);
    this.role = d.role ?? new EngineRoleState();
    this.connections = new ConnectionsRepo(d.db);
    this.history = new RunHistoryQueries(d.db);
    this.published = new EngineProgressRepo(d.db, () => this.clock().toISOString());
    const requests = new SyncRequestsRepo(d.db, () => this.clock().toISOString());
    this.local = new LocalEngineControl({
      engine: d.engine,
      progress: this.published,
      start: (s, o) => this.start(s, o.full ?? false),
    });
    this.remote = new RemoteEngineControl({
      engine: d.engine,
      requests,
      progress: this.published,
      role: this.role,
      actor: d.actor ?? 'consola',
      broadcast: d.broadcast,
      companyName: (s) => this.nameOf(s),
    });
  }

  /** The one place that decides: this process runs the engine, or asks the one holding the lease. */
  private get control(): EngineControl {
    return this.role.role === 'monitor' ? this.remote : this.local;
  }

  /** Relays progress of any run (manual or from the scheduler). */
  readonly onProgress = (p: SyncProgress): void => {
    const key = keyOf(p);
    const view: SyncProgressView = { ...p, catalogLabel: CATALOG_LABELS[p.catalog] };
    const previous = this.progress.get(key);
    this.progress.set(key, view);
    const now = Date.now();
    const catalogChanged = previous?.catalog !== view.catalog;
    if (catalogChanged || p.done === p.total || now - (this.lastSent.get(key) ?? 0) >= PROGRESS_EVERY_MS) {
      this.lastSent.set(key, now);
      this.broadcast('syncProgress', view);
      this.control.published(view);
    }
  };

  /** Tells the page a run ended (manual or automatic). */
  readonly onFinished = (view: RunView, alert = true): void => {
    this.progress.delete(keyOf(view));
    this.control.finished(view);
    this.broadcast('syncFinished', view);
    if (alert) this.afterRun(view);
    for (const l of this.finishedListeners) l(view);
  };

  private readonly finishedListeners = new Set<(view: RunView) => void>();

  /** Every run of this process that ends, manual or automatic (the service logs one line per run). */
  onRunFinished(listener: (view: RunView) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Monitor mode: the lease holder's runs are watched from now on, and each poll relays what they did. */
  watchHolder(): void {
    this.remote.watch();
  }

  relayHolder(): number {
    return this.remote.relay();
  }

  syncNow(s: Scope, opts: { full?: boolean } = {}): StartResult {
    return this.control.syncNow(s, { full: opts.full ?? false });
  }

  /** Manual runs of this process under way, each with the switch that stops it after its current batch. */
  private readonly manualRuns = new Map<string, { abort: AbortController; done: Promise<void> }>();

  /**
   * Stops this process's manual runs after their current batch and waits for them: the lease went to another
   * process (which must be the only one writing to the ERP and the store), or the engine is stopping.
   */
  async stopManualRuns(): Promise<void> {
    const runs = [...this.manualRuns.values()];
    for (const r of runs) r.abort.abort();
    await Promise.all(runs.map((r) => r.done));
  }

  /** A manual run of this process, in the background; its end goes to onFinished either way. */
  private start(s: Scope, full: boolean): void {
    const startedAt = this.clock().toISOString();
    const abort = new AbortController();
    const done = this.engine
      .run(s, { trigger: 'manual', onProgress: this.onProgress, full, signal: abort.signal })
      .then((summary) => this.onFinished(viewOfRun({ ...summary, startedAt, endedAt: this.clock().toISOString() })))
      .catch((err: unknown) => {
        const d = describeError(err);
        this.onFinished(
          viewOfRun({
            runId: null,
            ...s,
            companyName: this.nameOf(s),
            trigger: 'manual',
            dryRun: false,
            state: 'failed',
            startedAt,
            endedAt: this.clock().toISOString(),
            message: d.message,
            catalogs: [],
            phases: [],
          }),
          // Another company's identity has its own alert (identity-guard.ts); this is not a failing sync.
          !(err instanceof IdentityBlockedError),
        );
      })
      .finally(() => this.manualRuns.delete(keyOf(s)));
    this.manualRuns.set(keyOf(s), { abort, done });
  }

  /**
   * *Sincronizar ahora* for every company with Sincronizar ticked (the tray): one answer per company, an error
   * of one company being its answer rather than stopping the others.
   */
  syncAllNow(): { companyName: string; message: string }[] {
    return new CompanySettingsRepo(this.d.db).listTicked().map((c) => {
      const scope = { connectionId: c.connectionId, companyId: c.companyId };
      try {
        return { companyName: this.nameOf(scope), message: this.syncNow(scope).message };
      } catch (err) {
        return { companyName: this.nameOf(scope), message: describeError(err).message };
      }
    });
  }

  /**
   * *Reenviar todo a la tienda*: what the engine remembers as pushed is forgotten and every catalog goes whole.
   * In monitor mode the shared database is changed here and the holder is asked for a run.
   */
  resendAll(s: Scope): StartResult {
    this.engine.preflight(s);
    if (this.engine.isRunning(s) || this.engine.lastRun(s)?.state === 'running') {
      return {
        started: false,
        message: 'Ya hay una sincronización en curso para esta empresa; espere a que termine para reenviar todo.',
      };
    }
    this.d.events?.record({
      level: 'info',
      category: SYNC_CATEGORY,
      connectionId: s.connectionId,
      companyId: s.companyId,
      companyName: this.nameOf(s),
      message: 'Reenvío completo a la tienda solicitado desde la consola.',
    });
    return this.control.resendAll(s);
  }

  /**
   * *Reintentar* in the Historial: a manual run of that run's company. The records that failed are sent
   * again because their blocks were not committed; the rest is skipped as unchanged.
   */
  retryRun(runId: number): StartResult {
    const scope = this.history.scopeOf(runId);
    if (!scope) throw new UserFacingError(`No existe la sincronización ${runId}.`);
    const r = this.syncNow(scope);
    return r.started
      ? { started: true, message: 'Reintento iniciado: se enviarán de nuevo los registros con error.' }
      : r;
  }

  /** *Bajas retenidas* of a company, per catalog. */
  listHeld(s: Scope): HeldCatalogView[] {
    return heldViews(this.engine.held.list(s));
  }

  /**
   * *Aplicar*: the held sets are approved, then a run sends them — here when this process runs the engine,
   * otherwise as a request to the one that does. Refused while the company runs: that run's verdict would
   * replace the approval.
   */
  applyHeld(
    s: Scope,
    catalogs: readonly CatalogName[] = [],
  ): { started: boolean; message: string; applied: HeldCatalogView[] } {
    this.refuseWhileRunning(s, 'aplicar');
    this.engine.preflight(s);
    const actor = this.d.actor ? `consola:${this.d.actor}` : 'consola';
    const applied = heldViews(this.engine.approveHeld(s, catalogs, actor));
    const r = this.syncNow(s);
    const what = applied.map((h) => `${h.count.toLocaleString('es-MX')} de ${h.label}`).join(', ');
    return {
      started: r.started,
      message: `Bajas aprobadas (${what}). ${r.message}`,
      applied,
    };
  }

  /** *Descartar*: nothing is sent, the store stays as it is and the next run judges those catalogs again. */
  discardHeld(s: Scope, catalogs: readonly CatalogName[] = []): { message: string; discarded: HeldCatalogView[] } {
    this.refuseWhileRunning(s, 'descartar');
    const discarded = heldViews(this.engine.discardHeld(s, catalogs));
    const what = discarded.map((h) => `${h.count.toLocaleString('es-MX')} de ${h.label}`).join(', ');
    return {
      message: `Bajas descartadas (${what}): la tienda queda como está. Si el ERP sigue igual, la próxima sincronización las retendrá otra vez.`,
      discarded,
    };
  }

  /** The console-wide limits above which deactivations are held (*Opciones*). */
  get deactivationLimits(): SyncEngine['deactivationLimits'] {
    return this.engine.deactivationLimits;
  }

  private refuseWhileRunning(s: Scope, verb: string): void {
    if (this.status(s).running)
      throw new UserFacingError(
        `Hay una sincronización en curso para esta empresa; espere a que termine para ${verb} las bajas retenidas.`,
      );
  }

  status(s: Scope): SyncStatus {
    const last = this.engine.lastRun(s);
    return {
      running: this.engine.isRunning(s) || this.control.runningElsewhere(last?.state),
      progress: this.progress.get(keyOf(s)) ?? this.control.progressElsewhere(s),
      lastRun: last ? viewOfRun(runOfRow(last, this.engine.history.phasesOf(last.runId), this.nameOf(s))) : null,
    };
  }

  async dryRun(s: Scope): Promise<RunView> {
    const startedAt = this.clock().toISOString();
    const summary = await this.engine.run(s, { trigger: 'manual', dryRun: true, onProgress: this.onProgress });
    this.progress.delete(keyOf(s));
    return viewOfRun({ ...summary, startedAt, endedAt: this.clock().toISOString() });
  }

  private nameOf(s: Scope): string {
    return this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId;
  }
}
