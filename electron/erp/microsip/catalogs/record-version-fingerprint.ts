import { BLOCK_SIZE } from '../../block-size';

/**
 * Cheap change detection for the big catalogs (articles, stock, prices, customers).
 *
 * Firebird stamps every record version with the number of the transaction that wrote it
 * (`RDB$RECORD_VERSION`, maintained by the engine itself, not by Microsip). Per block and per source table we
 * take COUNT(*), SUM(version) and SUM(version XOR id): an insert or delete moves the
 * count, an update writes a new version and moves both sums. Unlike hashing every row's text, this reads no
 * column values, so an unchanged 500,000-row catalog costs a few hundred milliseconds.
 *
 * SUM, not MAX: a long transaction that started before our last pass commits a *lower* version number than
 * rows written after it; MAX would miss it, SUM does not. Two updates in one block could only cancel out if
 * both sums matched exactly (the XOR mixes in each row's id, so equal shifts on two rows do not cancel twice).
 * Sums stay below 2^63: versions and ids are below 2^32, blocks hold thousands of rows. After a backup/restore (gbak) the numbers restart: every block reads as changed
 * once, the per-record content hashes find nothing new, and nothing is pushed.
 */
export interface RecordVersionSource {
  /** `TABLE alias` plus any JOINs. */
  from: string;
  /** The catalog's block id column in that table, e.g. `si.ARTICULO_ID`. */
  id: string;
  /** Aliases whose record versions count (several for joined tables, e.g. detail + header). */
  versionsOf: readonly string[];
  where?: string;
}

/**
 * One slot of a fingerprint: a table, or several tables holding the same kind of row (facturas of Ventas and of
 * Punto de Venta) whose counts and sums add up per block. A list keeps the slot count, so adding a table to a
 * slot leaves the checksums of blocks it has no rows in exactly as they were.
 */
export type FingerprintSlot = RecordVersionSource | readonly RecordVersionSource[];

export interface Fingerprint {
  /** Sources whose rows belong to one block each; the first slot also gives the block's row count. */
  perBlock: readonly FingerprintSlot[];
  /** Small reference tables that affect every record (key roles, hidden warehouses): part of every block. */
  global?: readonly { from: string; alias: string; where?: string }[];
  /** The records depend on today's date (overdue vs not yet due): every block moves at midnight. */
  dependsOnDate?: boolean;
}

function versionSum(aliases: readonly string[]): string {
  return aliases.map((a) => `${a}.RDB$RECORD_VERSION`).join(' + ');
}

/** `BLK, CNT, S1, S2` per block of one source. */
export function perBlockSql(s: RecordVersionSource): string {
  const v = versionSum(s.versionsOf);
  return `SELECT ${s.id} / ${BLOCK_SIZE} AS BLK, COUNT(*) AS CNT, SUM(${v}) AS S1, SUM(BIN_XOR(${v}, ${s.id})) AS S2
FROM ${s.from}${s.where ? `\nWHERE ${s.where}` : ''}
GROUP BY 1`;
}

/** `CNT, S1` of a whole reference table. */
export function globalSql(g: { from: string; alias: string; where?: string }): string {
  return `SELECT COUNT(*) AS CNT, SUM(${g.alias}.RDB$RECORD_VERSION) AS S1 FROM ${g.from}${g.where ? ` WHERE ${g.where}` : ''}`;
}
