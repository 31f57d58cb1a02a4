import { z } from 'zod';

/** Pieces that several domains' requests share. */
export const id = z.number().int().positive();
export const companyRef = z.object({ connectionId: id, companyId: z.string().min(1).max(64) }).strict();
