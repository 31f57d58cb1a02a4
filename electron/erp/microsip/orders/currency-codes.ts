/**
 * MONEDAS has no ISO code (reference §2.5: MONEDA_ID, ES_MONEDA_LOCAL, NOMBRE, SIMBOLO). The local currency is
 * MXN; the others are recognised by the names and symbols Mexican companies give them. A currency we cannot
 * recognise is not offered: orders in it are rejected as unsupported instead of written in the wrong currency.
 */

export interface CurrencyRow {
  id: number;
  isLocal: boolean;
  name: string;
  symbol: string;
}

const KNOWN: ReadonlyArray<{ iso: string; names: RegExp; symbols: readonly string[] }> = [
  { iso: 'USD', names: /^(d[oó]lar|dolares|d[oó]lares|usd|us dollar)/i, symbols: ['US$', 'USD', 'DLS', 'U$S', 'DLLS'] },
  { iso: 'EUR', names: /^(euro|eur)/i, symbols: ['€', 'EUR'] },
  { iso: 'CAD', names: /^d[oó]lar canadiense|^cad/i, symbols: ['CAD', 'C$', 'CA$'] },
];

/** ISO 4217 code of a MONEDAS row, or null when it cannot be told. */
export function isoCodeOf(row: CurrencyRow): string | null {
  if (row.isLocal) return 'MXN';
  const name = row.name.trim();
  const symbol = row.symbol.trim().toUpperCase();
  // Canadian first: its name also starts with "Dólar".
  const ordered = [KNOWN[2], KNOWN[0], KNOWN[1]];
  for (const k of ordered) {
    if (!k) continue;
    if (k.symbols.includes(symbol) || k.names.test(name)) return k.iso;
  }
  return null;
}

/** MONEDA_ID by ISO code; the first row wins when two rows map to the same code. */
export function currencyMap(rows: readonly CurrencyRow[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) {
    const iso = isoCodeOf(r);
    if (iso && !out.has(iso)) out.set(iso, r.id);
  }
  return out;
}
