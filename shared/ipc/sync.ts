import { z } from 'zod';
import type { SyncMethod } from './sync-methods';
import { companyRef, id } from './refs';
import type { RunView, SyncStatus } from '../run-view';

/** Runs: start one, resend everything, simulate, retry a past run, and the status of a company. */
export const syncRequests = {
  syncNow: { request: companyRef },
  resendAll: { request: companyRef },
  getSyncStatus: { request: companyRef },
  dryRun: { request: companyRef },
  retryRun: { request: z.object({ runId: id }).strict() },
} satisfies Record<SyncMethod, { request: z.ZodType }>;

export interface SyncResponses {
  /** Starts a manual run in the background; progress and result arrive as events. */
  syncNow: { started: boolean; message: string };
  /** *Reenviar todo a la tienda*: forgets what was pushed for the company and starts a full run. */
  resendAll: { started: boolean; message: string };
  getSyncStatus: SyncStatus;
  /** Waits for the simulation and returns what a sync would push, per catalog. */
  dryRun: RunView;
  /** Starts a manual run of that run's company; records that failed are sent again. */
  retryRun: { started: boolean; message: string };
}
