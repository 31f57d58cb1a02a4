import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3';

/** Bearer tokens, persisted so a client keeps its session across a sandbox restart (like a real store). */
export class TokensStore {
  constructor(private readonly db: Database) {}

  issue(ttlSeconds: number): string {
    const token = randomBytes(24).toString('base64url');
    this.db.prepare('INSERT INTO tokens (token, expires_at) VALUES (?, ?)').run(token, Date.now() + ttlSeconds * 1000);
    return token;
  }

  isValid(token: string): boolean {
    const row = this.db.prepare('SELECT expires_at FROM tokens WHERE token = ?').get(token) as
      { expires_at: number } | undefined;
    return row !== undefined && row.expires_at > Date.now();
  }

  /** Simulates every session expiring at once (the next call of each client gets 401). */
  expireAll(): number {
    return this.db.prepare('DELETE FROM tokens').run().changes;
  }
}
