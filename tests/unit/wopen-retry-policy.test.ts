import { describe, expect, it } from 'vitest';
import { batchIdempotencyKey } from '../../electron/store/wopen/idempotency-key';
import {
  backoffDelayMs,
  DEFAULT_RETRY,
  isRetryableStatus,
  parseRetryAfterMs,
} from '../../electron/store/wopen/retry-policy';

describe('Wopen retry policy', () => {
  it('reads Retry-After as seconds or an HTTP date, never negative, capped', () => {
    const now = Date.parse('2025-06-01T12:00:00Z');
    expect(parseRetryAfterMs('3', 60_000, now)).toBe(3_000);
    expect(parseRetryAfterMs('0.5', 60_000, now)).toBe(500);
    expect(parseRetryAfterMs('Sun, 01 Jun 2025 12:00:20 GMT', 60_000, now)).toBe(20_000);
    expect(parseRetryAfterMs('Sun, 01 Jun 2025 11:00:00 GMT', 60_000, now)).toBe(0);
    expect(parseRetryAfterMs('86400', 60_000, now)).toBe(60_000);
    expect(parseRetryAfterMs(null, 60_000, now)).toBeUndefined();
    expect(parseRetryAfterMs('pronto', 60_000, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter up to the maximum', () => {
    const opts = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1_000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, opts, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelayMs(3, opts, () => 0)).toBe(0);
  });

  it('retries only what a later try can fix', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 413, 422].some(isRetryableStatus)).toBe(false);
  });

  it('derives the same key for the same catalog, scope and body only', () => {
    const k = batchIdempotencyKey('articles', 's', '{"upserts":[],"deletes":[]}');
    expect(batchIdempotencyKey('articles', 's', '{"upserts":[],"deletes":[]}')).toBe(k);
    expect(batchIdempotencyKey('stock', 's', '{"upserts":[],"deletes":[]}')).not.toBe(k);
    expect(batchIdempotencyKey('articles', 't', '{"upserts":[],"deletes":[]}')).not.toBe(k);
  });
});
