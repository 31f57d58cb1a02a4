import { BLOCK_SIZE } from '../../block-size';
import type { MicrosipCatalog } from './catalog-definition';

/**
 * Two primes below 2^31: each row's hash is reduced modulo one of them before SUM, so a block sum stays
 * below 2^31 × rows (≈ 2^44 for the biggest stock block), far from BIGINT overflow and exact in a JS number.
 */
const PRIME_1 = 2_147_483_647;
const PRIME_2 = 2_147_483_629;

/**
 * The row as one OCTETS string: every column once, NUL-separated, NULL as byte 0x01. OCTETS keeps the stored
 * Windows-1252 bytes, so 'Ñ' → 'N' or '€' → 'E' changes the string. Microsip text never holds NUL bytes, so the
 * separators cannot shift between columns. Each column is referenced once on purpose: Firebird re-evaluates a
 * derived-table column (and its subqueries) at every reference.
 */
function rowText(def: MicrosipCatalog): string {
  const parts = Object.entries(def.columns).map(([column, kind]) =>
    kind !== 'value'
      ? `COALESCE(s.${column}, x'01')`
      : `COALESCE(CAST(s.${column} AS VARCHAR(64) CHARACTER SET OCTETS), x'01')`,
  );
  return [`CAST(s.${def.blockColumn} AS VARCHAR(20) CHARACTER SET OCTETS)`, ...parts].join(` || x'00' || `);
}

/**
 * One row per non-empty block: its row count and two sums of per-row hashes, all computed by Firebird.
 * - HASH() of Firebird 3 is a 64-bit ELF/PJW hash: each byte shifts the state by only 4 bits, so two nearby
 *   byte changes can cancel out ("aa" and "bQ" hash alike). The second sum hashes the reversed string, where
 *   the same pair weighs differently; a miss needs both to collide.
 * - SUM, not XOR: equal rows do not cancel out; the ID is part of each row, so values swapped between rows count.
 * A miss only means the block is re-read the next time it changes (docs/microsip.md, "Block checksums").
 */
export function checksumSql(def: MicrosipCatalog, select: string): string {
  return `
SELECT q.BLK, COUNT(*) AS CNT, SUM(MOD(HASH(q.R), ${PRIME_1})) AS H1, SUM(MOD(HASH(REVERSE(q.R)), ${PRIME_2})) AS H2
FROM (SELECT s.${def.blockColumn} / ${BLOCK_SIZE} AS BLK, ${rowText(def)} AS R FROM (${select}) s) q
GROUP BY q.BLK
ORDER BY q.BLK`;
}

/** The rows of the id range bound inside `select`, ordered by block, then by the catalog's key columns. */
export function readSql(def: MicrosipCatalog, select: string): string {
  const order = def.keyColumns.map((c) => `s.${c}`).join(', ');
  return `
SELECT s.*, s.${def.blockColumn} / ${BLOCK_SIZE} AS BLK
FROM (${select}) s
ORDER BY ${order}`;
}
