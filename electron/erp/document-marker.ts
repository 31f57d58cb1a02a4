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

const HEADS = { order: 'WOPEN-', invoice: 'WOPEN-F-' } as const;

/** The store's tag in markers: 6 base-32 characters of its storeId (the part of the store key after '#'). */
export const storeTagOf = (storeKey: string): string => base32Hash(storeKey.slice(storeKey.indexOf('#') + 1), 6);

/** Ids kept readable in a marker: printable ASCII with no space at either end (ERP comparisons trim them). */
const READABLE_ID = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The marker written on the ERP document (docs/wopen-api.md "Store identity"): `WOPEN-<tag>-<id>` while it
 * fits, else `WOPEN-<tag>#<hash of the id>`; invoices `WOPEN-F-<tag>…`. The tag (from the storeId) makes crash
 * reconciliation look only for this store's documents; the literal head is how Comercial's series check and
 * a person in the ERP recognise the connector's documents.
 */
export function erpMarker(kind: 'order' | 'invoice', storeKey: string, id: string): string {
  const head = `${HEADS[kind]}${storeTagOf(storeKey)}`;
  const readable = `${head}-${id}`;
  return readable.length <= MAX_MARKER_CHARS && READABLE_ID.test(id)
    ? readable
    : `${head}#${base32Hash(id, MAX_MARKER_CHARS - head.length - 1)}`;
}

/** The store request id a CONTPAQi invoice marker carries in readable form (a hashed one carries none). */
export function requestIdOfInvoiceMarker(title: string | null | undefined): string | null {
  if (!title) return null;
  const current = /^WOPEN-F-[A-Z2-7]{6}-(.+)$/.exec(title);
  if (current) return current[1] ?? null;
  if (/^WOPEN-F-[A-Z2-7]{6}#/.test(title)) return null;
  return title.startsWith(HEADS.invoice) ? title.slice(HEADS.invoice.length) || null : null;
}
