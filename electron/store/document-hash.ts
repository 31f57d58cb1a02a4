import { createHash } from 'node:crypto';
import { stableStringify } from '../../shared/stable-stringify';

/** What may change while an order stays the same document (it is paid later): never part of its hash. */
export const ORDER_HASH_IGNORES = ['paymentStatus'] as const;

/**
 * SHA-256 of a store document's content, keys sorted, without the fields that may change while it stays the
 * same document: a reused id with another hash is another document.
 */
export function documentHash(value: object, ignore: readonly string[] = []): string {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of ignore) delete copy[k];
  return createHash('sha256').update(stableStringify(copy)).digest('hex');
}
