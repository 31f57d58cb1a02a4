import { BLOCK_SIZE } from '../../block-size';
import type { StartProCatalog } from './catalog-definition';

/** The block number of a row, from the definition's integer column (integer division in both engines). */
function blockExpr(def: StartProCatalog): string {
  return def.blockColumn ? `s.${def.blockColumn} / ${BLOCK_SIZE}` : '0';
}

/**
 * One row per non-empty block: its row count and, per source column, SUM(BINARY_CHECKSUM(<key columns>, column)).
 * - BINARY_CHECKSUM, not CHECKSUM: it is byte-exact, so 'juan' → 'Juan' is a change even under Comercial's
 *   case-insensitive collation.
 * - Not one CHECKSUM_AGG(BINARY_CHECKSUM(all columns)): BINARY_CHECKSUM rotates 4 bits per byte, a full cycle
 *   every 8 bytes, so two equal 8-byte values at aligned positions cancel out. A fully overdue customer has
 *   balance = overdue, and a change of both would go unseen. One checksum per column keeps columns apart.
 * - Each column is checksummed together with the row key, so values swapped between rows still count.
 * - SUM, not CHECKSUM_AGG (an XOR): equal row values do not cancel out.
 * Everything is aggregated inside SQL Server. A miss is still possible (a collision within one value), but
 * it only means the block is not re-read until it changes again (docs/contpaqi-startpro.md, "Block checksums").
 */
export function checksumSql(def: StartProCatalog): string {
  const keys = def.keyColumns.map((c) => `s.${c}`).join(', ');
  const values = def.columns.filter((c) => !def.keyColumns.includes(c));
  const rowChecksums = [
    `BINARY_CHECKSUM(${keys}) AS c0`,
    ...values.map((c, i) => `BINARY_CHECKSUM(${keys}, s.${c}) AS c${i + 1}`),
  ];
  const sums = rowChecksums.map((_, i) => `SUM(CAST(q.c${i} AS BIGINT)) AS s${i}`);
  return `
SELECT q.blk AS blk, COUNT(*) AS cnt, ${sums.join(', ')}
FROM (SELECT ${blockExpr(def)} AS blk, ${rowChecksums.join(', ')} FROM (${def.select}) s) q
GROUP BY q.blk
ORDER BY q.blk`;
}

/** Rows per non-empty block: how read() sizes its pages without loading anything. */
export function countSql(def: StartProCatalog): string {
  return `
SELECT q.blk AS blk, COUNT(*) AS cnt
FROM (SELECT ${blockExpr(def)} AS blk FROM (${def.select}) s) q
GROUP BY q.blk
ORDER BY q.blk`;
}

/**
 * The rows of one id range (@lo..@hi, whole blocks), ordered by block then key. The range is on the bare id
 * column so SQL Server can push it into the source and seek the primary key. Catalogs without a block column
 * are read whole (they are one small block).
 */
export function readSql(def: StartProCatalog): string {
  const where = def.blockColumn ? `\nWHERE s.${def.blockColumn} BETWEEN @lo AND @hi` : '';
  const order = def.keyColumns.map((c) => `s.${c}`).join(', ');
  return `
SELECT s.*, ${blockExpr(def)} AS blk
FROM (${def.select}) s${where}
ORDER BY ${order}`;
}
