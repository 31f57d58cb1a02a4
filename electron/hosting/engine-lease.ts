import os from 'node:os';
import { randomUUID } from 'node:crypto';
import type { SettingsDb } from '../settings/database';
import { pidAlive } from '../settings/pid-alive';

export type EngineKind = 'console' | 'service' | 'cli';

/** Who runs the engine on this settings database. */
export interface LeaseHolder {
  owner: string;
  kind: EngineKind;
  pid: number;
  host: string;
  version: string;
  acquiredAt: string;
  heartbeatAt: string;
  expiresAt: string;
}

export type AcquireResult =
  { acquired: true; tookOverFrom: LeaseHolder | null } | { acquired: false; holder: LeaseHolder };

export interface EngineLeaseOptions {
  kind: EngineKind;
  version: string;
  /** How long a heartbeat keeps the lease; the holder renews every third of it. */
  ttlMs?: number;
  clock?: () => Date;
  pid?: number;
  host?: string;
  isAlive?: (pid: number) => boolean;
}

export const DEFAULT_LEASE_TTL_MS = 30_000;

interface LeaseRow {
  Owner: string;
  Kind: EngineKind;
  Pid: number;
  Host: string;
  Version: string;
  AcquiredAt: string;
  HeartbeatAt: string;
  ExpiresAt: string;
}

const holderOf = (r: LeaseRow): LeaseHolder => ({
  owner: r.Owner,
  kind: r.Kind,
  pid: r.Pid,
  host: r.Host,
  version: r.Version,
  acquiredAt: r.AcquiredAt,
  heartbeatAt: r.HeartbeatAt,
  expiresAt: r.ExpiresAt,
});

/**
 * The single-row lease that lets one process (console or service) run the engine on a settings database.
 * Every read-modify-write is one IMMEDIATE transaction, so two processes racing for it cannot both win.
 * A holder is gone when its heartbeat expired, or — on this host — when its pid no longer exists (kill -9),
 * which lets a restarted service take over at once instead of waiting out the TTL.
 */
export class EngineLease {
  readonly owner = randomUUID();
  readonly ttlMs: number;
  private readonly clock: () => Date;
  private readonly pid: number;
  private readonly host: string;
  private readonly isAlive: (pid: number) => boolean;

  constructor(
    private readonly db: SettingsDb,
    private readonly o: EngineLeaseOptions,
  ) {
    this.ttlMs = o.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.clock = o.clock ?? (() => new Date());
    this.pid = o.pid ?? process.pid;
    this.host = o.host ?? os.hostname();
    this.isAlive = o.isAlive ?? pidAlive;
  }

  /** The current holder, expired or not (null when nobody ever held it or it was released). */
  holder(): LeaseHolder | null {
    const row = this.db.prepare('SELECT * FROM engine_lease WHERE LeaseID = 1').get() as LeaseRow | undefined;
    return row ? holderOf(row) : null;
  }

  /** Whether that holder still counts: unexpired and, on this host, its process alive. */
  isLive(h: LeaseHolder, now: Date = this.clock()): boolean {
    if (h.expiresAt <= now.toISOString()) return false;
    return h.host !== this.host || h.pid === this.pid || this.isAlive(h.pid);
  }

  /** Takes the lease if free, expired or abandoned; renews it if already ours. */
  tryAcquire(): AcquireResult {
    const take = this.db.transaction((): AcquireResult => {
      const now = this.clock();
      const current = this.holder();
      if (current && current.owner !== this.owner && this.isLive(current, now))
        return { acquired: false, holder: current };
      const at = now.toISOString();
      const expires = new Date(now.getTime() + this.ttlMs).toISOString();
      if (current?.owner === this.owner) {
        this.db.prepare('UPDATE engine_lease SET HeartbeatAt = ?, ExpiresAt = ? WHERE LeaseID = 1').run(at, expires);
        return { acquired: true, tookOverFrom: null };
      }
      this.db
        .prepare(
          `INSERT INTO engine_lease (LeaseID, Owner, Kind, Pid, Host, Version, AcquiredAt, HeartbeatAt, ExpiresAt)
           VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (LeaseID) DO UPDATE SET Owner = excluded.Owner, Kind = excluded.Kind, Pid = excluded.Pid,
             Host = excluded.Host, Version = excluded.Version, AcquiredAt = excluded.AcquiredAt,
             HeartbeatAt = excluded.HeartbeatAt, ExpiresAt = excluded.ExpiresAt`,
        )
        .run(this.owner, this.o.kind, this.pid, this.host, this.o.version, at, at, expires);
      return { acquired: true, tookOverFrom: current };
    });
    return take.immediate();
  }

  /** Heartbeat: extends our lease. False when it is no longer ours (another process took it over). */
  renew(): boolean {
    const now = this.clock();
    const r = this.db
      .prepare('UPDATE engine_lease SET HeartbeatAt = ?, ExpiresAt = ? WHERE LeaseID = 1 AND Owner = ?')
      .run(now.toISOString(), new Date(now.getTime() + this.ttlMs).toISOString(), this.owner);
    return r.changes === 1;
  }

  /** Gives the lease up (clean stop), so a waiting process takes over without waiting out the TTL. */
  release(): void {
    this.db.prepare('DELETE FROM engine_lease WHERE LeaseID = 1 AND Owner = ?').run(this.owner);
  }
}
