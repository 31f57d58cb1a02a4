import { z } from 'zod';

/** *Detener una sincronización sin avance después de (min.)*: console-wide, in app_settings. */
export const DEFAULT_STALL_MINUTES = 15;
/** Below this a store retrying one batch (5 attempts of up to 30 s, with backoff) could look stalled. */
export const STALL_MINUTES_MIN = 5;
export const STALL_MINUTES_MAX = 1440;

export const WATCHDOG_MESSAGE = `«Detener una sincronización sin avance después de (min.)» debe ser un número entero entre ${STALL_MINUTES_MIN} y ${STALL_MINUTES_MAX}.`;

/** What *Opciones* and `wopen-sync config watchdog` accept. */
export const watchdogInputSchema = z
  .object({
    stallMinutes: z
      .number({ error: WATCHDOG_MESSAGE })
      .int(WATCHDOG_MESSAGE)
      .min(STALL_MINUTES_MIN, WATCHDOG_MESSAGE)
      .max(STALL_MINUTES_MAX, WATCHDOG_MESSAGE),
  })
  .strict();
export type WatchdogSettings = z.infer<typeof watchdogInputSchema>;

/** Whole minutes as typed in a text box, or null when they are not valid. */
export function parseStallMinutes(raw: string): number | null {
  const text = raw.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const n = Number(text);
  return n >= STALL_MINUTES_MIN && n <= STALL_MINUTES_MAX ? n : null;
}
