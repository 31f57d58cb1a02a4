import type Database from 'better-sqlite3';

/**
 * SQLite stand-ins for the T-SQL built-ins of the block checksums. EMULATION, not SQL Server's exact values:
 * - BINARY_CHECKSUM(a, b, …): the same algorithm family as SQL Server's (a 32-bit rotate-left-4-bits-and-XOR
 *   over the bytes of the values: NVARCHAR as UTF-16LE, integers as 8-byte BIGINT, other numbers as 8-byte
 *   FLOAT, NULL as a marker). So it is byte-exact (case matters) and has the same weaknesses: equal 8-byte
 *   values at aligned positions cancel, and some multi-byte edits cancel. Its 255-character limit on
 *   NVARCHAR(MAX) is not emulated, and the exact values differ from SQL Server's.
 * - LEN(s): characters without trailing spaces, as in T-SQL.
 * - UPPER(s): Unicode upper-casing, as SQL Server does for NVARCHAR.
 * Tests may therefore compare checksums only with each other, never with literal values.
 */
export function registerTsqlChecksumFunctions(db: Database.Database): void {
  db.function('BINARY_CHECKSUM', { varargs: true, deterministic: true }, (...values: unknown[]) =>
    binaryChecksum(values),
  );
  db.function('LEN', { deterministic: true }, (value: unknown) =>
    value === null ? null : String(value).replace(/ +$/, '').length,
  );
  db.function('UPPER', { deterministic: true }, (value: unknown) =>
    value === null ? null : String(value).toUpperCase(),
  );
}

export function binaryChecksum(values: readonly unknown[]): number {
  let h = 0;
  const fold = (byte: number) => {
    h = (((h << 4) | (h >>> 28)) ^ byte) | 0;
  };
  for (const value of values) {
    for (const byte of bytesOf(value)) fold(byte);
  }
  return h;
}

function bytesOf(value: unknown): Uint8Array {
  if (value === null || value === undefined) return Uint8Array.of(0xff, 0xfe);
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isSafeInteger(value))) {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(BigInt(value));
    return buf;
  }
  if (typeof value === 'number') {
    const buf = Buffer.alloc(8);
    buf.writeDoubleLE(value);
    return buf;
  }
  if (value instanceof Uint8Array) return value;
  return Buffer.from(String(value), 'utf16le');
}
