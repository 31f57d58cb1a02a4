import { z } from 'zod';
import { watchdogInputSchema, type WatchdogSettings } from '../watchdog-settings';
import type { WatchdogMethod } from './watchdog-methods';

/** The watchdog: minutes without progress after which a run is stopped (*Opciones*). */
export const watchdogRequests = {
  getWatchdogSettings: { request: z.undefined() },
  saveWatchdogSettings: { request: watchdogInputSchema },
} satisfies Record<WatchdogMethod, { request: z.ZodType }>;

export interface WatchdogResponses {
  getWatchdogSettings: WatchdogSettings;
  saveWatchdogSettings: WatchdogSettings;
}
