import iconv from 'iconv-lite';
import { MICROSIP_TEXT_ENCODING } from '../win1252-text';

/**
 * Free text for Microsip columns. Characters Windows-1252 cannot hold (emoji, CJK…) become '?', which is what
 * Microsip's own client stores for them; lengths are measured in the resulting bytes, as the columns count them.
 */
export function toMicrosipBytes(text: string): Buffer {
  let safe = '';
  for (const ch of text.normalize('NFC')) {
    const bytes = iconv.encode(ch, MICROSIP_TEXT_ENCODING);
    safe += iconv.decode(bytes, MICROSIP_TEXT_ENCODING) === ch ? ch : '?';
  }
  return iconv.encode(safe, MICROSIP_TEXT_ENCODING);
}

/** `CAST(? AS VARCHAR(n) CHARACTER SET OCTETS)`: the way text parameters reach NONE columns byte for byte. */
export function octetsParam(bytes: Buffer): string {
  return `CAST(? AS VARCHAR(${Math.max(1, bytes.length)}) CHARACTER SET OCTETS)`;
}

/** Whether `text` survives a round trip through Windows-1252 unchanged. */
export function isWin1252(text: string): boolean {
  return iconv.decode(iconv.encode(text, MICROSIP_TEXT_ENCODING), MICROSIP_TEXT_ENCODING) === text;
}
