import type { SettingsDb } from './database';
import {
  DEFAULT_STALL_MINUTES,
  STALL_MINUTES_MAX,
  STALL_MINUTES_MIN,
  watchdogInputSchema,
  type WatchdogSettings,
} from '../../shared/watchdog-settings';

const KEY = 'watchdog.stallMinutes';

/** Console-wide: minutes without progress after which a run is stopped (app_settings). */
export class WatchdogSettingsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get(): WatchdogSettings {
    const row = this.db.prepare('SELECT Value FROM app_settings WHERE Key = ?').get(KEY) as
      { Value: string } | undefined;
    const n = row ? Number(row.Value) : NaN;
    const valid = Number.isInteger(n) && n >= STALL_MINUTES_MIN && n <= STALL_MINUTES_MAX;
    return { stallMinutes: valid ? n : DEFAULT_STALL_MINUTES };
  }

  /** Validated first (zod, Spanish message); nothing is written when it fails. */
  save(input: WatchdogSettings): WatchdogSettings {
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
