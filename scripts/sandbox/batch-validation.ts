import { isCatalogName } from '../../shared/catalogs';

export const MAX_BATCH_RECORDS = 1000;

export interface ParsedBatch {
  upserts: { key: string; data: Record<string, unknown> }[];
  deletes: string[];
}

export type BatchParse = { ok: true; batch: ParsedBatch } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKey = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Shape checks that fail the whole batch with 400 (docs/wopen-api.md, "Catalog batches"). */
export function parseBatch(catalog: string, body: unknown): BatchParse {
  if (!isCatalogName(catalog)) return { ok: false, message: `unknown catalog "${catalog}"` };
  if (!isObject(body)) return { ok: false, message: 'body must be a JSON object' };
  const { upserts, deletes } = body;
  if (!Array.isArray(upserts)) return { ok: false, message: 'upserts must be an array' };
  if (!Array.isArray(deletes)) return { ok: false, message: 'deletes must be an array' };
  if (upserts.length + deletes.length > MAX_BATCH_RECORDS) {
    return {
      ok: false,
      message: `at most ${MAX_BATCH_RECORDS} records per batch (got ${upserts.length + deletes.length})`,
    };
  }
  for (let i = 0; i < upserts.length; i++) {
    const u: unknown = upserts[i];
    if (!isObject(u) || !isKey(u.key)) return { ok: false, message: `upserts[${i}].key must be a non-empty string` };
    if (!isObject(u.data)) return { ok: false, message: `upserts[${i}].data must be an object` };
  }
  for (let i = 0; i < deletes.length; i++) {
    if (!isKey(deletes[i])) return { ok: false, message: `deletes[${i}] must be a non-empty string` };
  }
  return { ok: true, batch: { upserts, deletes } as ParsedBatch };
}

/** Fields that must be numbers ≥ 0 when present; fields that must only be numbers (stock may go negative). */
const NON_NEGATIVE: Partial<Record<string, string[]>> = {
  taxes: ['rate'],
  'payment-terms': ['days', 'prontoPagoPercent'],
  'price-lists': ['position'],
  'customer-balances': ['creditLimit'],
  'article-prices': ['price'],
  discounts: ['percent', 'minQuantity'],
};
const NUMERIC: Partial<Record<string, string[]>> = {
  stock: ['onHand', 'committed', 'available'],
  'customer-balances': ['balance', 'overdue', 'notDue'],
};
const ENUMS: Partial<Record<string, Record<string, readonly string[]>>> = {
  taxes: { kind: ['IVA', 'IEPS', 'OTRO'] },
  customers: { status: ['active', 'suspended'] },
  discounts: { kind: ['customer', 'article', 'promotion', 'volume'] },
};

/** A record the store refuses on its own (reported in `rejected`, the rest of the batch is stored). */
export function recordProblem(catalog: string, data: Record<string, unknown>): string | undefined {
  for (const field of NON_NEGATIVE[catalog] ?? []) {
    const v = data[field];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${field} must be a number`;
    if (v < 0) return `${field} must be ≥ 0`;
  }
  for (const field of NUMERIC[catalog] ?? []) {
    const v = data[field];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) return `${field} must be a number`;
  }
  if (catalog === 'discounts' && typeof data.percent === 'number' && data.percent > 100) return 'percent must be ≤ 100';
  for (const [field, allowed] of Object.entries(ENUMS[catalog] ?? {})) {
    const v = data[field];
    if (v !== undefined && !allowed.includes(v as string)) return `${field} must be one of ${allowed.join(', ')}`;
  }
  return undefined;
}
