import { z } from 'zod';

/** Limits of docs/wopen-api.md ("How the client reads every answer", "Orders", "Invoice requests"). */
export const LIMITS = {
  idChars: 64,
  keyChars: 64,
  linesPerDocument: 1_000,
  maxQuantity: 10_000_000,
  maxAmount: 1_000_000_000,
  lineNotesChars: 1_000,
  notesChars: 4_000,
  rfcChars: 13,
  cursorChars: 512,
  /** Bytes of one answer, read as a stream and counted. */
  pageBytes: 16 * 1024 * 1024,
  batchResultBytes: 1024 * 1024,
  smallAnswerBytes: 64 * 1024,
} as const;

/** C0 controls and DEL: an id with one is not an id a person typed (and breaks logs and ERP text). */
export const hasControlChars = (s: string): boolean =>
  [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** Only a JSON string; `what` is the fragment after the subject, e.g. "no tiene clave de cliente". */
export const text = (what: string, max: number) =>
  z
    .string({ error: `${what} (se esperaba texto)` })
    .min(1, { error: what })
    .max(max, { error: `${what.replace(/^no tiene /, 'tiene ')} de más de ${max.toLocaleString('es-MX')} caracteres` });

/** An identifier: 1..idChars characters, no control characters. */
export const identifier = (what: string) =>
  text(`no tiene ${what}`, LIMITS.idChars).refine((s) => !hasControlChars(s), {
    error: `tiene ${what} con caracteres de control`,
  });

/** Free text that may be absent or null. */
export const optionalText = (what: string, max: number) =>
  z
    .string({ error: `tiene ${what} que no es texto` })
    .max(max, { error: `tiene ${what} de más de ${max.toLocaleString('es-MX')} caracteres` })
    .nullish();

/**
 * A JSON number, finite, within bounds. No coercion of any kind: "12.5", true, null or [7] are not numbers.
 * `low` and `high` are the fragments for a value under the minimum and over the maximum.
 */
const number = (missing: string, low: { ok: (n: number) => boolean; message: string }, max: number, high: string) =>
  z
    .number({ error: missing })
    .refine(Number.isFinite, { error: missing })
    .refine(low.ok, { error: low.message })
    .refine((n) => n <= max, { error: high });

const fmt = (n: number) => n.toLocaleString('es-MX');

export const quantity = number(
  'no tiene cantidad numérica',
  { ok: (n) => n > 0, message: 'tiene una cantidad que no es mayor que cero' },
  LIMITS.maxQuantity,
  `tiene una cantidad mayor que ${fmt(LIMITS.maxQuantity)}`,
);
export const price = number(
  'no tiene precio unitario numérico',
  { ok: (n) => n >= 0, message: 'tiene un precio unitario negativo' },
  LIMITS.maxAmount,
  `tiene un precio unitario mayor que ${fmt(LIMITS.maxAmount)}`,
);
export const discount = number(
  'no tiene descuento numérico',
  { ok: (n) => n >= 0, message: 'tiene un descuento negativo' },
  100,
  'tiene un descuento mayor que 100 %',
).nullish();
export const freight = number(
  'no tiene flete numérico',
  { ok: (n) => n >= 0, message: 'tiene un flete negativo' },
  LIMITS.maxAmount,
  `tiene un flete mayor que ${fmt(LIMITS.maxAmount)}`,
);

export const currency = z
  .string({ error: 'no tiene moneda (se esperaba texto)' })
  .regex(/^[A-Z]{3}$/, { error: 'tiene una moneda que no es una clave ISO 4217 de tres letras mayúsculas' });

export const lines = <T extends z.ZodType>(line: T) =>
  z
    .array(line, { error: 'no tiene partidas (se esperaba una lista)' })
    .min(1, { error: 'no tiene partidas' })
    .max(LIMITS.linesPerDocument, {
      error: `tiene más de ${LIMITS.linesPerDocument.toLocaleString('es-MX')} partidas`,
    });
