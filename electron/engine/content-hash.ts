import crypto from 'node:crypto';
import { stableStringify } from '../../shared/stable-stringify';

export { stableStringify };

/** The content hash stored per pushed record: what the store last accepted for that key. */
export function contentHash(data: Record<string, unknown>): string {
  return crypto.createHash('sha1').update(stableStringify(data)).digest('base64url');
}
