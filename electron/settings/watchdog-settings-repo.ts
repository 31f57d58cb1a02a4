import { z } from 'zod';
import type { SettingsDb } from './database';
import { DEFAULT_STALL_MINUTES, STALL_MINUTES_MAX, STALL_MINUTES_MIN } from '../engine/watchdog';

const KEY = 'watchdog.stallMinutes';

export const WATCHDOG_MESSAGE = `Detener una sincronización sin avance después de (min.) debe ser un número entero entre ${STALL_MINUTES_MIN} y ${STALL_MINUTES_MAX}.`;

/** What *Opciones* and `config watchdog` accept. */
export const watchdogInputSchema = z
  .object({
    stallMinutes: z
      .number({ error: WATCHDOG_MESSAGE })
      .int(WATCHDOG_MESSAGE)
      .min(STALL_MINUTES_MIN, WATCHDOG_MESSAGE)
      .max(STALL_MINUTES_MAX, WATCHDOG_MESSAGE),
  })
  .strict();
export type WatchdogInput = z.infer<typeof watchdogInputSchema>;

/** Console-wide: minutes without progress after which a run is stopped (app_settings). */
export class WatchdogSettingsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get(): WatchdogInput {
    const row = this.db.prepare('SELECT Value FROM app_settings WHERE Key = ?').get(KEY) as
      { Value: string } | undefined;
    const n = row ? Number(row.Value) : NaN;
    const valid = Number.isInteger(n) && n >= STALL_MINUTES_MIN && n <= STALL_MINUTES_MAX;
    return { stallMinutes: valid ? n : DEFAULT_STALL_MINUTES };
  }

  save(input: WatchdogInput): WatchdogInput {
    const v = watchdogInputSchema.parse(input);
    this.db
      .prepare(
        `INSERT INTO app_settings (Key, Value, UpdatedOn) VALUES (?, ?, ?)
         ON CONFLICT (Key) DO UPDATE SET Value = excluded.Value, UpdatedOn = excluded.UpdatedOn`,
      )
      .run(KEY, String(v.stallMinutes), this.clock().toISOString());
    return this.get();
  }
}
