import { z } from 'zod';
import type { IdentityBlockView } from '../company-identity';
import type { IdentityMethod } from './identity-methods';

/** The company identity guard: companies stopped because they look like another company, and *Sí, es la misma*. */
export const identityRequests = {
  listIdentityBlocks: { request: z.undefined() },
  confirmIdentity: {
    request: z.object({
      connectionId: z.number().int().positive(),
      companyId: z.string().trim().min(1, 'Falta la empresa.').max(64),
    }),
  },
} satisfies Record<IdentityMethod, { request: z.ZodType }>;

export interface IdentityResponses {
  listIdentityBlocks: IdentityBlockView[];
  confirmIdentity: { ok: true };
}
