/** Where a page ended: the sort key of its last element (pending lists are ordered by created_at, then seq). */
export interface Position {
  createdAt: string;
  seq: number;
}

/** Opaque to the client: base64url of `created_at|seq`. */
export function encodeCursor(p: Position): string {
  return Buffer.from(`${p.createdAt}|${p.seq}`, 'utf8').toString('base64url');
}

/** The position a cursor names, or undefined when the text is not a cursor this sandbox hands out. */
export function decodeCursor(cursor: string): Position | undefined {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.lastIndexOf('|');
  const seq = text.slice(bar + 1);
  if (bar < 0 || !/^[1-9]\d{0,14}$/.test(seq)) return undefined;
  const position = { createdAt: text.slice(0, bar), seq: Number(seq) };
  // Base64 decoding forgives padding and stray characters: only the exact encoding of a position counts.
  return encodeCursor(position) === cursor ? position : undefined;
}
