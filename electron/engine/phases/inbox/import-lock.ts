import { randomUUID } from 'node:crypto';
import { pidAlive } from '../../../settings/pid-alive';
import type { SettingsDb } from '../../../settings/database';
import type { Scope } from '../../../core/scope';

/** How long a lock holds without renewal; every inbound pass renews it before each document. */
export const IMPORT_LOCK_LEASE_MS = 600_000;

/** A pass's hold on its company's import lock. */
export interface ImportLockHold {
  /** Extends the hold; false when it was lost (a long stall, another process took over): stop before any write. */
  renew(): boolean;
  release(): void;
}

/**
 * One inbound pass (orders, invoices, any later flow) per company at a time, across processes and within one:
 * a row in `import_locks` with the holder's pid and a lease. The engine lease alone does not give this: the
 * console runs *Sincronizar ahora* in-process when its engine host could not start, and a holder that lost
 * the lease after a stall finishes the manual run it had started. A holder whose pid is gone (kill -9) or
 * whose lease ran out loses the lock.
 */
export class ImportLock {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly isAlive: (pid: number) => boolean = pidAlive,
  ) {}

  /** Takes the company's lock for `owner` (or renews it); refused while another live holder has it. */
  tryLock(s: Scope, owner: string, leaseMs: number = IMPORT_LOCK_LEASE_MS): boolean {
    const take = this.db.transaction((): boolean => {
      const now = this.now();
      const held = this.db
        .prepare('SELECT Owner, Pid, Until FROM import_locks WHERE ConnectionID = ? AND CompanyID = ?')
        .get(s.connectionId, s.companyId) as { Owner: string; Pid: number; Until: string } | undefined;
      if (held && held.Owner !== owner && held.Until > now && this.isAlive(held.Pid)) return false;
      const until = new Date(Date.parse(now) + leaseMs).toISOString();
      this.db
        .prepare(
          `INSERT INTO import_locks (ConnectionID, CompanyID, Owner, Pid, Until) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET Owner = excluded.Owner, Pid = excluded.Pid, Until = excluded.Until`,
        )
        .run(s.connectionId, s.companyId, owner, process.pid, until);
      return true;
    });
    return take.immediate();
  }

  unlock(s: Scope, owner: string): void {
    this.db
      .prepare('DELETE FROM import_locks WHERE ConnectionID = ? AND CompanyID = ? AND Owner = ?')
      .run(s.connectionId, s.companyId, owner);
  }

  /** A new pass's hold on the company's lock, or null while another pass holds it. */
  hold(s: Scope, leaseMs: number = IMPORT_LOCK_LEASE_MS): ImportLockHold | null {
    const owner = randomUUID();
    if (!this.tryLock(s, owner, leaseMs)) return null;
    return { renew: () => this.tryLock(s, owner, leaseMs), release: () => this.unlock(s, owner) };
  }
}
