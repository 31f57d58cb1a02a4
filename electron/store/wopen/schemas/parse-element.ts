import type { z } from 'zod';
import { documentHash } from '../../document-hash';
import type { Incoming } from '../../port';
import { LIMITS, hasControlChars } from './bounds';
import { spanishIssue } from './spanish-issues';

/** What a malformed element keeps for the inbox and the event: at most this much of its JSON. */
const EXCERPT_CHARS = 4096;

/** The element's own id when it has a usable one (so it can be rejected in the store), else null. */
function usableId(raw: unknown): string | null {
  const id = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 && id.length <= LIMITS.idChars && !hasControlChars(id) ? id : null;
}

/**
 * Parses one element of a page on its own: a valid one becomes the domain value with its content hash, a
 * malformed one a Spanish reason that names the field (and its id, when it has a usable one).
 */
export function parseElement<W, T extends object>(
  raw: unknown,
  schema: z.ZodType<W>,
  whole: string,
  toDomain: (wire: W) => T,
  hashIgnores: readonly string[] = [],
): Incoming<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const excerpt = (JSON.stringify(raw) ?? String(raw)).slice(0, EXCERPT_CHARS);
    return { ok: false, id: usableId(raw), reason: spanishIssue(parsed.error, whole), excerpt };
  }
  const value = toDomain(parsed.data);
  return { ok: true, value, contentHash: documentHash(value, hashIgnores) };
}
