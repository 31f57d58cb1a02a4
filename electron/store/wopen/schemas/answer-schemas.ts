import { z } from 'zod';
import { LIMITS } from './bounds';

/** `POST /auth/token` → 200. */
export const TokenSchema = z.object({
  token: z.string().min(1).max(4096),
  expiresIn: z.number().positive().finite().nullish(),
});

/** `GET /ping` → 200: storeId is the store's identity (docs/wopen-api.md "Store identity"). */
export const PingSchema = z.object({
  ok: z.literal(true),
  storeId: z.string().min(1).max(128),
  store: z.object({ name: z.string().max(500).nullish() }).nullish(),
  serverTime: z.string().max(100).nullish(),
});

/** `POST /catalogs/{catalog}/batch` → 200. */
export const BatchResultSchema = z.object({
  accepted: z.number().int().nonnegative(),
  rejected: z.array(z.object({ key: z.string(), message: z.string().max(2000) })),
});

const cursor = z.string().min(1).max(LIMITS.cursorChars).nullable();

/**
 * A page envelope (`orders` or `requests`, plus `nextCursor`): the elements stay unknown here and are parsed one by
 * one, so one bad element never blocks the rest.
 */
export const pageEnvelope = (
  key: 'orders' | 'requests',
  limit: number,
): z.ZodType<{ elements: unknown[]; nextCursor: string | null }> =>
  z.object({ [key]: z.array(z.unknown()).max(limit), nextCursor: cursor }).transform((o) => ({
    elements: (o as Record<string, unknown[]>)[key]!,
    nextCursor: o.nextCursor as string | null,
  }));
