import type { SettingsDb } from '../settings/database';
import type { EventLog } from '../events/event-log';
import type { SyncEngine } from '../engine/sync-engine';
import type { SyncController } from './sync-controller';
import type { EngineRoleState } from './engine-role';
import { Scheduler } from '../engine/scheduler';
import { viewOfRun } from '../app/run-view';
import { SYNC_CATEGORY } from '../engine/run-messages';
import { ConnectionsRepo } from '../settings/connections-repo';
import { describeError } from '../app/describe-error';
import { EngineLease, type EngineKind, type LeaseHolder } from './engine-lease';
import { SyncRequestsRepo } from './sync-requests-repo';
import type { RunView } from '../../shared/ipc-contract';
import type { DbFaultReporter } from '../settings/db-faults';

export type HostLog = (event: string, fields?: Record<string, unknown>) => void;

/** What the host uses of the composed console (compose.ts: engineHostDeps). */
export interface EngineHostDeps {
  db: SettingsDb;
  engine: SyncEngine;
  sync: SyncController;
  events: EventLog;
  role: EngineRoleState;
  /** Daily maintenance: the Visor de eventos retention. */
  purgeEvents: () => void;
  /** Each scheduler tick: alerts for companies that stopped syncing. */
  checkStale: (now: Date) => void;
  /** Each scheduler tick: pauses past their end end, a pause on for a day alerts (PauseService.tick). */
  checkPauses?: (now: Date) => void;
}

export interface EngineHostOptions extends EngineHostDeps {
  kind: EngineKind;
  version: string;
  /** Lease time-to-live; the heartbeat renews it every third. */
  leaseTtlMs?: number;
  /** How often requests are picked up, the lease is retried and (monitor) the holder's runs are relayed. */
  pollMs?: number;
  /** Scheduler tick and the length of a period's minute (tests shorten both). */
  tickMs?: number;
  minuteMs?: number;
  /** false: never become a monitor-then-owner; give up when the lease is held (wopen-sync run without --standby). */
  standby?: boolean;
  log?: HostLog;
  /** Reports a full or read-only settings database once per episode (the service); absent: logged per poll. */
  faults?: DbFaultReporter;
  /** After each heartbeat (service: the heartbeat file). */
  onHeartbeat?: (info: { role: 'owner' | 'monitor'; running: number }) => void;
  /** Every run this process finished (service: one log line per run). */
  onRunFinished?: (view: RunView) => void;
}

/**
 * Runs the engine in this process only while it holds the settings database's lease: the
 * scheduler, *Sincronizar ahora* requests from a monitoring console, and the heartbeat. Without the lease it
 * monitors — relays the holder's progress and finished runs to the page — and keeps trying, so a crashed
 * holder is replaced within the lease's TTL (at once on the same host, where its dead pid is seen).
 */
export class EngineHost {
  readonly lease: EngineLease;
  private readonly requests: SyncRequestsRepo;
  private readonly connections: ConnectionsRepo;
  private scheduler: Scheduler | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lastHeartbeat = 0;
  private stopped = false;

  constructor(private readonly o: EngineHostOptions) {
    this.lease = new EngineLease(o.db, { kind: o.kind, version: o.version, ttlMs: o.leaseTtlMs });
    this.requests = new SyncRequestsRepo(o.db);
    this.connections = new ConnectionsRepo(o.db);
    if (o.onRunFinished) this.unsubscribe = o.sync.onRunFinished(o.onRunFinished);
  }

  private readonly unsubscribe: () => void = () => undefined;

  get role(): 'owner' | 'monitor' | 'none' {
    return this.o.role.role;
  }

  /** First attempt at the lease. Returns the holder that refused us, or null when we run the engine. */
  start(): LeaseHolder | null {
    let refusedBy: LeaseHolder | null;
    try {
      refusedBy = this.attempt();
    } catch (err) {
      // SQLITE_BUSY or a disk error on the first try: a standby process keeps polling (and stays without an
      // engine until it holds the lease) instead of staying role-less for good.
      if (this.o.standby === false) throw err;
      this.o.log?.('host.error', { message: err instanceof Error ? err.message : String(err) });
      refusedBy = null;
    }
    if (refusedBy && this.o.standby === false) return refusedBy;
    this.timer = setInterval(() => this.poll(), this.o.pollMs ?? 1000);
    return refusedBy;
  }

  /** Clean stop: no new runs; running passes stop after their current batch; the lease is given up. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([this.stopScheduler(), this.o.sync.stopManualRuns()]);
    if (this.role === 'owner') {
      this.o.sync.published.clearAll();
      this.lease.release();
      this.o.log?.('lease.released');
    }
    this.o.role.set('none', null);
    this.unsubscribe();
  }

  private attempt(): LeaseHolder | null {
    const r = this.lease.tryAcquire();
    if (!r.acquired) {
      if (this.role !== 'monitor') {
        this.o.role.set('monitor', r.holder);
        this.o.log?.('lease.held', {
          holder: r.holder.kind,
          pid: r.holder.pid,
          host: r.holder.host,
          since: r.holder.acquiredAt,
        });
        this.o.sync.watchHolder();
      } else this.o.role.set('monitor', r.holder);
      return r.holder;
    }
    this.lastHeartbeat = Date.now();
    this.becomeOwner(r.tookOverFrom);
    this.o.onHeartbeat?.({ role: 'owner', running: this.o.engine.runningCount() });
    return null;
  }

  private becomeOwner(previous: LeaseHolder | null): void {
    this.o.role.set('owner', this.lease.holder());
    this.o.sync.published.clearAll();
    if (previous) {
      this.o.events.record({
        level: 'warning',
        category: SYNC_CATEGORY,
        message: `${this.o.kind === 'console' ? 'Esta consola' : 'El servicio'} tomó la sincronización: el proceso que la ejecutaba (${previous.kind === 'console' ? 'consola' : 'servicio'}, ${previous.pid} en ${previous.host}) dejó de responder.`,
      });
    }
    this.o.log?.(
      'lease.acquired',
      previous ? { tookOverFrom: { kind: previous.kind, pid: previous.pid, host: previous.host } } : {},
    );
    this.scheduler = new Scheduler({
      db: this.o.db,
      engine: this.o.engine,
      events: this.o.events,
      tickMs: this.o.tickMs,
      minuteMs: this.o.minuteMs,
      onProgress: this.o.sync.onProgress,
      onFinished: (summary, startedAt, endedAt) =>
        this.o.sync.onFinished(viewOfRun({ ...summary, startedAt, endedAt })),
      maintenance: () => {
        this.o.purgeEvents();
        this.requests.purge(new Date(Date.now() - 7 * 86_400_000).toISOString());
      },
      onTick: (now) => {
        this.o.checkPauses?.(now);
        this.o.checkStale(now);
      },
      faults: this.o.faults,
    });
    this.scheduler.start();
  }

  private async stopScheduler(): Promise<void> {
    const s = this.scheduler;
    this.scheduler = null;
    if (s) await s.stop();
  }

  private poll(): void {
    if (this.stopped) return;
    try {
      if (this.role === 'owner') this.ownerPoll();
      else if (this.attempt()) this.relay();
    } catch (err) {
      // SQLITE_BUSY under a long write elsewhere, a disk error: try again on the next poll.
      if (this.o.faults?.report(err)) return;
      this.o.log?.('host.error', { message: err instanceof Error ? err.message : String(err) });
    }
  }

  private ownerPoll(): void {
    const ttl = this.lease.ttlMs;
    if (Date.now() - this.lastHeartbeat >= ttl / 3) {
      if (!this.lease.renew()) {
        this.lost();
        return;
      }
      this.lastHeartbeat = Date.now();
      this.o.onHeartbeat?.({ role: 'owner', running: this.o.engine.runningCount() });
    }
    for (const r of this.requests.pending()) {
      const scope = { connectionId: r.connectionId, companyId: r.companyId };
      let result: string;
      try {
        result = this.o.sync.syncNow(scope).message;
      } catch (err) {
        result = describeError(err).message;
      }
      this.requests.handled(r.requestId, result);
      this.o.log?.('request.handled', { ...scope, requestedBy: r.requestedBy, result });
    }
  }

  /** Another process took the lease (we stalled past the TTL): stop our engine at once, then monitor. */
  private lost(): void {
    const holder = this.lease.holder();
    this.o.events.record({
      level: 'warning',
      category: SYNC_CATEGORY,
      message:
        'Otro proceso tomó la sincronización de esta base de datos; este proceso se detiene y solo la supervisa.',
    });
    this.o.log?.('lease.lost', holder ? { holder: holder.kind, pid: holder.pid } : {});
    this.o.role.set('monitor', holder);
    void this.stopScheduler();
    void this.o.sync.stopManualRuns();
  }

  /** Monitor: the holder's progress and the runs it finished, to this console's page (RemoteEngineControl). */
  private relay(): void {
    // Relayed first and on its own line: `onHeartbeat?.(…)` would skip its argument when there is no heartbeat.
    const running = this.o.sync.relayHolder();
    this.o.onHeartbeat?.({ role: 'monitor', running });
  }
}
