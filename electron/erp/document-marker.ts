import { createHash } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `chars` base-32 characters of SHA-256(text): short, upper case, safe in any ERP text column. */
export function base32Hash(text: string, chars: number): string {
  const bytes = createHash('sha256').update(text).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= chars) break;
  }
  return out;
}

/** The longest ERP marker we write: fits Microsip's ORDEN_COMPRA (35) and Start/Pro's Title. */
export const MAX_MARKER_CHARS = 35;

/**
 * The marker written on the ERP document (docs/wopen-api.md "Store identity"): `W<tag>-<id>` while it fits,
 * else `W<tag>#<hash of the id>`. The tag makes crash reconciliation look only for this store's documents.
 */
export function erpMarker(prefix: 'W' | 'WF', storeKey: string, id: string): string {
  const head = `${prefix}${base32Hash(storeKey, 6)}`;
  const readable = `${head}-${id}`;
  return readable.length <= MAX_MARKER_CHARS && /^[\x20-\x7e]+$/.test(id) ? readable : `${head}#${base32Hash(id, 24)}`;
}

/** Markers written before store identities existed (still found for rows of that time). */
export const LEGACY_ORDER_PREFIX = 'WOPEN-';
export const LEGACY_INVOICE_PREFIX = 'WOPEN-F-';

/** The store request id a CONTPAQi invoice marker carries in readable form (a hashed one carries none). */
export function requestIdOfInvoiceMarker(title: string | null | undefined): string | null {
  if (!title) return null;
  if (title.startsWith(LEGACY_INVOICE_PREFIX)) return title.slice(LEGACY_INVOICE_PREFIX.length) || null;
  const m = /^WF[A-Z2-7]{6}-(.+)$/.exec(title);
  return m?.[1] ?? null;
}
