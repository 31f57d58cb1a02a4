import iconv from 'iconv-lite';

/**
 * Microsip's Delphi client writes Windows-1252 bytes into text columns declared CHARACTER SET NONE
 * (sometimes ISO8859_1). What we proved against Firebird 3.0.11 with node-firebird 2.17.1:
 *  - NONE columns reach the driver as raw bytes and are decoded with the *connection* charset:
 *    UTF8 connection → U+FFFD garbage; NONE/ISO8859_1 connection → latin1 (`€` becomes U+0080).
 *    A WIN1252 connection decodes them right, but only because 2.17 added a real cp1252 codec.
 *  - ISO8859_1 columns holding WIN1252 bytes (0x80–0x9F) fail on a WIN1252 connection with
 *    "Cannot transliterate character between character sets", and read as C1 controls on UTF8.
 *  - `CAST(col AS VARCHAR(n) CHARACTER SET OCTETS)` always comes back as a Buffer holding the stored
 *    bytes, whatever the connection charset or the column charset.
 * So every Microsip text column is read through an OCTETS cast and decoded here with iconv-lite:
 * independent of the driver's codecs and of how each column was declared.
 */

export const MICROSIP_TEXT_ENCODING = 'windows-1252';

/** Column charsets whose bytes are already UTF-8 (rare in Microsip; seen only in newer add-on tables). */
const UTF8_CHARSETS = new Set(['UTF8', 'UNICODE_FSS']);

/** SQL identifier check: identifiers cannot be parameterized, so only plain names are interpolated. */
export function sqlIdentifier(name: string): string {
  if (!/^[A-Z][A-Z0-9_$]{0,62}$/.test(name)) throw new Error(`Identificador SQL no válido: ${name}`);
  return name;
}

/** `CAST(<column> AS VARCHAR(<bytes>) CHARACTER SET OCTETS) AS <alias>`. */
export function selectAsOctets(column: string, byteLength: number, alias: string = column): string {
  const bytes = Math.min(Math.max(1, Math.trunc(byteLength)), 32_765);
  return `CAST(${sqlIdentifier(column)} AS VARCHAR(${bytes}) CHARACTER SET OCTETS) AS ${sqlIdentifier(alias)}`;
}

/**
 * Decodes a value read through `selectAsOctets`. `columnCharset` is the declared charset of the source
 * column (RDB$CHARACTER_SET_NAME); anything but UTF-8 is treated as Windows-1252 bytes. CHAR padding
 * (spaces, or NULs for OCTETS) is removed.
 */
export function decodeMicrosipText(value: unknown, columnCharset = 'NONE'): string | null {
  if (value === null || value === undefined) return null;
  const text = Buffer.isBuffer(value)
    ? UTF8_CHARSETS.has(columnCharset.trim().toUpperCase())
      ? value.toString('utf8')
      : iconv.decode(value, MICROSIP_TEXT_ENCODING)
    : String(value);
  return text.replace(/[ \0]+$/, '');
}

/** The bytes Microsip would store for `text`; throws when a character has no Windows-1252 form. */
export function encodeMicrosipText(text: string): Buffer {
  const bytes = iconv.encode(text, MICROSIP_TEXT_ENCODING);
  if (iconv.decode(bytes, MICROSIP_TEXT_ENCODING) !== text) {
    throw new Error(`El texto "${text}" tiene caracteres que Microsip no puede guardar (Windows-1252).`);
  }
  return bytes;
}

/**
 * A stored document that should be UTF-8 (a CFDI's XML: the SAT requires UTF-8) but sits in a Microsip BLOB whose
 * charset Firebird does not enforce: UTF-8 when the bytes are valid UTF-8 (BOM dropped), else Windows-1252 (a
 * document re-saved by a Windows-1252 client). Never trims: the XML is signed byte for byte.
 */
export function decodeDocumentBytes(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (!Buffer.isBuffer(value)) return String(value);
  const bytes =
    value.length >= 3 && value[0] === 0xef && value[1] === 0xbb && value[2] === 0xbf ? value.subarray(3) : value;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, MICROSIP_TEXT_ENCODING);
  }
}
