/**
 * Faults of the local machine under the settings database: a full disk (SQLITE_FULL, also what
 * `PRAGMA max_page_count` gives), a read-only file or folder (SQLITE_READONLY*), a failing disk (SQLITE_IOERR*),
 * a file that cannot be opened or written (SQLITE_CANTOPEN, SQLITE_PERM). The service keeps running through them
 * and reports each episode once; the CLI exits with DB_FAULT_PREFIX instead of hanging.
 */

const FAULT_CODE = /^SQLITE_(FULL|READONLY|IOERR|CANTOPEN|PERM)(_|$)/;

/** How the CLI and the service name the fault; the SQLite text follows. */
export const DB_FAULT_PREFIX = 'No se pudo escribir en la base de datos de configuración (disco lleno o sin permiso)';

/** True for a SQLite error that says the disk (not the data) is the problem. */
export function isDbFault(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && FAULT_CODE.test(code);
}

/** `DB_FAULT_PREFIX: <what SQLite said> (<code>)`. */
export function describeDbFault(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const text = err instanceof Error ? err.message : String(err);
  return `${DB_FAULT_PREFIX}: ${text}${typeof code === 'string' ? ` (${code})` : ''}. Libere espacio en el disco o revise los permisos de la carpeta de datos; la sincronización se reanuda sola.`;
}

/** Where one fault episode is told: a log line always, an event and an alert when they can be delivered. */
export interface DbFaultChannels {
  log: (event: string, fields: Record<string, unknown>) => void;
  /** Writes to the same database: may throw again, which is swallowed. */
  event?: (level: 'error' | 'info', message: string) => void;
  /** An alert that does not need the database (e-mail, desktop); its rejection is swallowed. */
  alert?: (message: string) => Promise<void>;
}

/**
 * Reports a database fault once per episode: the first failure logs, records an event if it still can and sends
 * an alert; later failures of the same episode only count. `clear()` (a write that succeeded) ends the episode
 * with one recovery line, so the next fault is reported again.
 */
export class DbFaultReporter {
  private episode: { since: string; count: number } | null = null;

  constructor(
    private readonly channels: DbFaultChannels,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get faulted(): boolean {
    return this.episode !== null;
  }

  /** Returns whether `err` was a database fault (and so was handled here). */
  report(err: unknown): boolean {
    if (!isDbFault(err)) return false;
    if (this.episode) {
      this.episode.count++;
      return true;
    }
    this.episode = { since: this.clock().toISOString(), count: 1 };
    const message = describeDbFault(err);
    this.channels.log('db.fault', { code: (err as { code?: string }).code, message });
    try {
      this.channels.event?.('error', message);
    } catch {
      // The event log lives in the database that just failed: the log line above is the record.
    }
    void this.channels.alert?.(message).catch(() => undefined);
    return true;
  }

  /**
   * A run went through again. The episode ends only if the recovery event can be written too: a run whose few rows
   * fit in pages the file already had proves little on a full disk, and a flapping disk must not log every run.
   */
  clear(): void {
    if (!this.episode) return;
    const { since, count } = this.episode;
    try {
      this.channels.event?.(
        'info',
        `La base de datos de configuración vuelve a aceptar escrituras (falló ${count.toLocaleString('es-MX')} veces desde ${since}).`,
      );
    } catch (err) {
      if (isDbFault(err)) {
        this.episode.count++;
        return;
      }
    }
    this.episode = null;
    this.channels.log('db.recovered', { since, failures: count });
  }
}
