/** How pushBatch retries transient failures (network, timeouts, 408, 429, 5xx). */
export interface RetryOptions {
  /** Total tries per request, the first one included. */
  attempts: number;
  /** Backoff before retry n is random(0, min(maxDelayMs, baseDelayMs · 2^(n-1))): "full jitter". */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A store asking to wait longer than this is waited this long (then the retry may fail again). */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** Full-jitter exponential backoff; `retry` is 1 for the first retry. */
export function backoffDelayMs(retry: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as milliseconds (delta-seconds or HTTP-date), capped; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | null, capMs: number, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(capMs, Math.max(0, Math.round(ms)));
}
