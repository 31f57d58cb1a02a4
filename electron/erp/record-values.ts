/** Turning ERP column values into docs/wopen-api.md record fields, the same way for every adapter. */

/** Trimmed text, null when empty. */
export function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' ? null : s;
}

/** A key column as text (BIGINT arrives as string from mssql, as number elsewhere). */
export function keyText(v: unknown): string {
  return String(v);
}

/** A reference to another catalog; both ERPs write NULL or 0 for "none". */
export function refKey(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === '' || Number(s) === 0 ? null : s;
}

/** A number without float noise (NUMERIC sums, FLOAT columns): 0.1 + 0.2 stays 0.3. */
export function num(v: unknown): number {
  const n = Number(v ?? 0);
  return Number.isFinite(n) ? Math.round(n * 1e6) / 1e6 : 0;
}

/** A yes/no column: true, 1 or '1' (SQL Server BIT, the 0/1 of a Firebird 'S'/'N' flag expression). */
export function truthy(v: unknown): boolean {
  return v === true || Number(v) === 1;
}

/** A name that is never empty in the store. */
export function nameOr(v: unknown, fallback: string): string {
  return text(v) ?? fallback;
}
