/**
 * docDocument.TotalLetter, the amount in Spanish words as Comercial stores it. The shape comes from BROS's SQL-puro
 * templates, whose documents were compared column by column with native ones (contpaqi-startpro-schema.md §3.6,
 * PLANTILLA_ORDEN_COMPRA_SQL_PURO.sql; real-installations.md §2.3) [C]:
 *   1234.50 → 'MIL DOSCIENTOS TREINTA Y CUATRO PESOS 50/100 M.N.'
 * upper case, no accents (DIECISEIS, VEINTIDOS), 'MIL' not 'UN MIL', 'CIEN' alone, a final 'UNO' shortened to 'UN'
 * ('VEINTIUN PESOS'), cents as two digits over 100, no parentheses.
 * [?] beyond the template's tested cases: 'UN' before MIL/MILLON inside the number ('VEINTIUN MIL'), millions in
 * words ('UN MILLON', 'DOS MILLONES'; the template writes them as digits), and other currencies: their wording is
 * not published, so they get NULL (the column is nullable: the native NuevoDocumento leaves it out [C]).
 */

const UNITS = [
  '',
  'UNO',
  'DOS',
  'TRES',
  'CUATRO',
  'CINCO',
  'SEIS',
  'SIETE',
  'OCHO',
  'NUEVE',
  'DIEZ',
  'ONCE',
  'DOCE',
  'TRECE',
  'CATORCE',
  'QUINCE',
  'DIECISEIS',
  'DIECISIETE',
  'DIECIOCHO',
  'DIECINUEVE',
  'VEINTE',
  'VEINTIUNO',
  'VEINTIDOS',
  'VEINTITRES',
  'VEINTICUATRO',
  'VEINTICINCO',
  'VEINTISEIS',
  'VEINTISIETE',
  'VEINTIOCHO',
  'VEINTINUEVE',
];
const TENS = ['', '', '', 'TREINTA', 'CUARENTA', 'CINCUENTA', 'SESENTA', 'SETENTA', 'OCHENTA', 'NOVENTA'];
const HUNDREDS = [
  '',
  'CIENTO',
  'DOSCIENTOS',
  'TRESCIENTOS',
  'CUATROCIENTOS',
  'QUINIENTOS',
  'SEISCIENTOS',
  'SETECIENTOS',
  'OCHOCIENTOS',
  'NOVECIENTOS',
];

/** 1…999 in words; '' for 0. */
function belowThousand(n: number): string {
  if (n === 100) return 'CIEN';
  const h = Math.floor(n / 100);
  const r = n % 100;
  let rest = '';
  if (r < 30) rest = UNITS[r] ?? '';
  else rest = `${TENS[Math.floor(r / 10)] ?? ''}${r % 10 ? ` Y ${UNITS[r % 10] ?? ''}` : ''}`;
  return [HUNDREDS[h] ?? '', rest].filter(Boolean).join(' ');
}

/** 'VEINTIUNO' → 'VEINTIUN', 'TREINTA Y UNO' → 'TREINTA Y UN' (before a noun: MIL, MILLONES, PESOS). */
const shortened = (words: string): string => words.replace(/UNO$/, 'UN');

/** A whole number (0 … 999 999 999 999) in upper-case Spanish words without accents. */
export function integerInWords(n: number): string {
  if (n === 0) return 'CERO';
  const millions = Math.floor(n / 1_000_000);
  const thousands = Math.floor((n % 1_000_000) / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (millions === 1) parts.push('UN MILLON');
  else if (millions > 1) parts.push(`${shortened(integerInWords(millions))} MILLONES`);
  if (thousands === 1) parts.push('MIL');
  else if (thousands > 1) parts.push(`${shortened(belowThousand(thousands))} MIL`);
  if (rest > 0) parts.push(belowThousand(rest));
  return parts.join(' ');
}

/** TotalLetter for a document total in `iso`; null when the currency's wording is unknown (anything but MXN). */
export function totalLetter(total: number, iso: string): string | null {
  if (iso !== 'MXN' || !Number.isFinite(total) || total < 0 || total >= 1e12) return null;
  const cents = Math.round(total * 100);
  const whole = Math.floor(cents / 100);
  return `${shortened(integerInWords(whole))} PESOS ${String(cents % 100).padStart(2, '0')}/100 M.N.`;
}
