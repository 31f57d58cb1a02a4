import { z } from 'zod';
import type { SyncPauseView } from '../sync-pause';
import type { PauseMethod } from './pause-methods';
import { companyRef } from './refs';

/** One company, or every company. */
const pauseTarget = z.union([companyRef, z.literal('all')]);

/** *Pausar sincronización* / *Reanudar*, per company or for all (docs/pause.md). */
export const pauseRequests = {
  listPauses: { request: z.undefined() },
  pauseSync: {
    request: z
      .object({
        target: pauseTarget,
        /** ISO instant; null = until resumed. The service checks it lies in the future and within a year. */
        until: z.string().datetime({ offset: true }).nullable(),
      })
      .strict(),
  },
  resumeSync: { request: z.object({ target: pauseTarget }).strict() },
} satisfies Record<PauseMethod, { request: z.ZodType }>;

export interface PauseResponses {
  /** The pauses in force, the all-companies one first. */
  listPauses: SyncPauseView[];
  pauseSync: { pause: SyncPauseView; message: string };
  resumeSync: { message: string };
}
