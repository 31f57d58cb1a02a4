import { z } from 'zod';

/**
 * Faults for the next N matching API requests. `apply` says whether the request is really processed before
 * the fault hits: a lost response (apply=true) is what makes idempotency matter.
 */
export const FaultSpecSchema = z.object({
  kind: z.enum(['status', 'hang', 'delay', 'reset', 'slow-body', 'bad-json', 'oversize']),
  method: z.string().toUpperCase().optional(),
  /** Prefix of the API path, with or without /api/sync/v1 (e.g. "/catalogs/articles/batch", "/catalogs/"). */
  path: z.string().default('/'),
  count: z.number().int().positive().default(1),
  /** kind=status: the status to answer (500, 503, 429, 413, 401…). */
  status: z.number().int().min(100).max(599).optional(),
  /** kind=status: Retry-After header, seconds or HTTP date. */
  retryAfter: z.union([z.number().nonnegative(), z.string()]).optional(),
  /** kind=status: JSON body to send (default {"error": "injected fault"}). */
  body: z.unknown().optional(),
  /** kind=delay: answer after this many ms. */
  delayMs: z.number().int().nonnegative().default(0),
  /** kind=slow-body: bytes per chunk and pause between chunks. */
  chunkBytes: z.number().int().positive().default(8),
  chunkDelayMs: z.number().int().nonnegative().default(100),
  /** kind=oversize: how many bytes of valid JSON to answer, at least (the envelope alone may be a few more). */
  bytes: z
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  apply: z.boolean().optional(),
});
export type FaultSpec = z.infer<typeof FaultSpecSchema>;

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
  /** Resolved default of `apply` for this kind. */
  apply: boolean;
}

const APPLIES_BY_DEFAULT: Record<FaultSpec['kind'], boolean> = {
  status: false,
  hang: false,
  reset: false,
  delay: true,
  'slow-body': true,
  'bad-json': true,
  // The huge body replaces the answer, so there is no reason to have processed the request.
  oversize: false,
};

export const API_PREFIX = '/api/sync/v1';

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(spec: FaultSpec): Fault {
    const fault: Fault = {
      ...spec,
      id: this.nextId++,
      remaining: spec.count,
      apply: spec.apply ?? APPLIES_BY_DEFAULT[spec.kind],
    };
    this.faults.push(fault);
    return fault;
  }

  /** The oldest fault matching this request, consumed once. */
  take(method: string, fullPath: string): Fault | undefined {
    const apiPath = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
    const fault = this.faults.find(
      (f) =>
        (!f.method || f.method === method) && (f.path.startsWith(API_PREFIX) ? fullPath : apiPath).startsWith(f.path),
    );
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  list(): Fault[] {
    return [...this.faults];
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }
}
