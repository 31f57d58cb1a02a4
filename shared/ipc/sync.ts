import { z } from 'zod';
import type { SyncMethod } from './sync-methods';
import { companyRef, id } from './refs';

/** Runs: start one, resend everything, simulate, retry a past run, and the status of a company. */
export const syncRequests = {
  syncNow: { request: companyRef },
  resendAll: { request: companyRef },
  getSyncStatus: { request: companyRef },
  dryRun: { request: companyRef },
  retryRun: { request: z.object({ runId: id }).strict() },
} satisfies Record<SyncMethod, { request: z.ZodType }>;

// `SyncResponses` sits in ../ipc-contract.ts, next to the run views it names, until those have their own module
// (importing them from there would close an import cycle).
