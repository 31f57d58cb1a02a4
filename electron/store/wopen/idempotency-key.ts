import { createHash } from 'node:crypto';

/**
 * The batch's Idempotency-Key: a hash of the catalog, the exact body sent and the push it belongs to.
 * Every retry of one pushBatch call sends the same bytes and so the same key, letting the store replay
 * instead of applying twice. The scope keeps a later push of identical content (a value that went A→B→A
 * within the store's 24 h window) from being answered with the old replay and silently not applied.
 */
export function batchIdempotencyKey(catalog: string, scope: string, body: string): string {
  return createHash('sha256').update(catalog).update('\n').update(scope).update('\n').update(body).digest('hex');
}
