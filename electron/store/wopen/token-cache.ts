export interface IssuedToken {
  token: string;
  /** Seconds, as the store said; undefined when it did not. */
  expiresIn?: number;
}

/** Refresh this long before the store's expiry, so a push never starts with a token about to lapse. */
const EXPIRY_MARGIN_MS = 60_000;

/**
 * One bearer token shared by all pushes of a client. Concurrent callers wait on the same authentication;
 * a 401 invalidates only the token that got it, so parallel batches re-authenticate once, not N times.
 */
export class TokenCache {
  private current: { token: string; expiresAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly issue: () => Promise<IssuedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.current && this.current.expiresAt > this.now()) return Promise.resolve(this.current.token);
    this.pending ??= this.issue()
      .then(({ token, expiresIn }) => {
        const ttlMs =
          expiresIn !== undefined ? Math.max(0, expiresIn * 1000 - EXPIRY_MARGIN_MS) : Number.POSITIVE_INFINITY;
        this.current = { token, expiresAt: this.now() + ttlMs };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  invalidate(token: string): void {
    if (this.current?.token === token) this.current = undefined;
  }
}
