import { z } from 'zod';
import { CATALOGS } from '../catalogs';
import { deactivationLimitsInputSchema, type DeactivationLimitsView } from '../deactivation-limits';
import type { HeldCatalogView } from '../held-view';
import type { HeldMethod } from './held-methods';
import { companyRef } from './refs';

/** Which held catalogs to apply or discard; none listed: every one the company has held. */
const heldChoice = companyRef.extend({ catalogs: z.array(z.enum(CATALOGS)).max(CATALOGS.length).optional() }).strict();

/** Held deactivations (*Bajas retenidas*) and the limits that hold them (*Opciones*). */
export const heldRequests = {
  listHeld: { request: companyRef },
  applyHeld: { request: heldChoice },
  discardHeld: { request: heldChoice },
  getDeactivationLimits: { request: z.undefined() },
  saveDeactivationLimits: { request: deactivationLimitsInputSchema },
} satisfies Record<HeldMethod, { request: z.ZodType }>;

export interface HeldResponses {
  listHeld: HeldCatalogView[];
  /** Approves the held sets and starts a run (or asks the process holding the engine for one). */
  applyHeld: { started: boolean; message: string; applied: HeldCatalogView[] };
  /** Forgets the held sets: the store stays as it is and the next run judges those catalogs again. */
  discardHeld: { message: string; discarded: HeldCatalogView[] };
  getDeactivationLimits: DeactivationLimitsView;
  saveDeactivationLimits: DeactivationLimitsView;
}
