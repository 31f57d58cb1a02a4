import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openConsole, type OpenedConsole } from '../../electron/hosting/compose';
import { childArgs } from './run-child';

export interface Timed<T> {
  seconds: number;
  value: T;
}

export interface ThreePasses<T> {
  full: Timed<T>;
  noop: Timed<T>;
  one: Timed<T>;
  /** Returned by `change`, e.g. the key that changed. */
  changed: unknown;
  /** After the full pass, and at the end. */
  fullPeakRssMb: number;
  peakRssMb: number;
  /** Event-loop delay during the full pass. */
  loopP99Ms: number;
  loopMaxMs: number;
}

/**
 * What every engine phase of the benchmark measures, in a child process of its own: a full pass (with its
 * event-loop delay and peak RSS), a pass with nothing changed, and a pass after `change`.
 */
export async function threePasses<T>(
  pass: (opened: OpenedConsole, scope: { connectionId: number; companyId: string }) => Promise<T>,
  change: (folder: string, company: number) => Promise<unknown>,
): Promise<ThreePasses<T>> {
  const a = childArgs();
  const scope = { connectionId: Number(a.connection), companyId: a.company! };
  const opened = openConsole({ databasePath: a.db!, version: 'bench' });
  const timed = async (): Promise<Timed<T>> => {
    const t0 = performance.now();
    const value = await pass(opened, scope);
    return { seconds: (performance.now() - t0) / 1000, value };
  };
  try {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const full = await timed();
    loop.disable();
    const fullPeakRssMb = process.resourceUsage().maxRSS / 1024;
    const noop = await timed();
    const changed = await change(a.folder!, Number(a.company));
    const one = await timed();
    return {
      full,
      noop,
      one,
      changed,
      fullPeakRssMb,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      loopP99Ms: loop.percentile(99) / 1e6,
      loopMaxMs: loop.max / 1e6,
    };
  } finally {
    opened.close();
  }
}

/** Prints the child's result for run-child.ts, or fails the child. */
export function report(result: Promise<Record<string, unknown>>): void {
  result.then(
    (r) => process.stdout.write(`RESULT ${JSON.stringify(r)}\n`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
