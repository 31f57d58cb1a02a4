/**
 * A run that stops making progress (an ERP query that never returns, a store that accepts the connection and
 * never answers) would hold its company forever: the scheduler never starts it again while it "runs". The
 * watchdog aborts the run's signal when nothing moved for `stallMs`. What counts as movement is decided by
 * whoever calls `touch()` (SyncEngine: every batch read from the ERP, every store answer, every event a run or
 * a phase writes).
 */
/** The abort reason of a stalled run; its message is the one the history, the event and the alert show. */
export class RunStalledError extends Error {
  override readonly name = 'RunStalledError';
  constructor(readonly stallMs: number) {
    super(
      `La sincronización se detuvo porque no avanzó en ${describeSpan(stallMs)} (ni lecturas del ERP ni respuestas de la tienda); ` +
        'se cerró la conexión con el ERP y la siguiente sincronización lo intentará de nuevo.',
    );
  }
}

export function describeSpan(ms: number): string {
  if (ms < 60_000) return `${Math.max(1, Math.round(ms / 1000))} s`;
  const min = Math.round(ms / 60_000);
  return `${min} min.`;
}

export class Watchdog {
  private readonly controller = new AbortController();
  private last = Date.now();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onParentAbort = () => this.abort(this.parent?.reason);

  constructor(
    private readonly stallMs: number,
    private readonly parent?: AbortSignal,
    private readonly onStall?: (err: RunStalledError) => void,
  ) {
    if (parent?.aborted) this.abort(parent.reason);
    else parent?.addEventListener('abort', this.onParentAbort, { once: true });
    this.arm(stallMs);
  }

  /** Aborted when the run stalls or when the caller's own signal aborts (with its reason). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The stall that aborted the run, if that is what happened. */
  get stalled(): RunStalledError | null {
    const reason: unknown = this.controller.signal.reason;
    return reason instanceof RunStalledError ? reason : null;
  }

  /** Something moved. Cheap: called for every batch, so it only stamps the time. */
  touch(): void {
    this.last = Date.now();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.parent?.removeEventListener('abort', this.onParentAbort);
  }

  private arm(ms: number): void {
    this.timer = setTimeout(() => this.check(), Math.max(1, ms));
    this.timer.unref?.();
  }

  private check(): void {
    if (this.controller.signal.aborted) return;
    const idle = Date.now() - this.last;
    if (idle < this.stallMs) {
      this.arm(this.stallMs - idle);
      return;
    }
    const err = new RunStalledError(this.stallMs);
    this.abort(err);
    this.onStall?.(err);
  }

  private abort(reason: unknown): void {
    this.stop();
    if (!this.controller.signal.aborted) this.controller.abort(reason);
  }
}

/**
 * Settles with `work`, or rejects with the signal's reason as soon as it aborts: the caller stops waiting at
 * once; whoever owns the call (the catalog source) is closed on the same abort, which ends the call itself.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined); // a late rejection after the abort is expected, not unhandled
  if (signal.aborted) return Promise.reject(abortReason(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** `items`, each step under `untilAborted`. The source is not asked to finish a step that was abandoned. */
export async function* eachUntilAborted<T>(
  items: AsyncIterable<T>,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  if (!signal) {
    yield* items;
    return;
  }
  const it = items[Symbol.asyncIterator]();
  let waiting = false;
  try {
    for (;;) {
      waiting = true;
      const step = await untilAborted(it.next(), signal);
      waiting = false;
      if (step.done) return;
      yield step.value;
    }
  } finally {
    if (!waiting) await it.return?.();
  }
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('La sincronización se detuvo.');
}
