import type { SettingsDb } from './database';
import { DEFAULT_DEACTIVATION_LIMITS, type DeactivationLimits } from '../engine/deactivation-guard';
import { deactivationLimitsInputSchema, type DeactivationLimitsInput } from '../../shared/deactivation-limits';

export { deactivationLimitsInputSchema, type DeactivationLimitsInput } from '../../shared/deactivation-limits';

const COUNT_KEY = 'deactivations.maxCount';
const SHARE_KEY = 'deactivations.maxSharePct';

/** Console-wide limits above which a run holds a catalog's deactivations for a person (app_settings). */
export class DeactivationLimitsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get(): DeactivationLimits {
    const read = (key: string) => {
      const row = this.db.prepare('SELECT Value FROM app_settings WHERE Key = ?').get(key) as
        { Value: string } | undefined;
      const n = row ? Number(row.Value) : NaN;
      return Number.isInteger(n) && n >= 0 ? n : null;
    };
    const count = read(COUNT_KEY);
    const pct = read(SHARE_KEY);
    return {
      maxCount: count ?? DEFAULT_DEACTIVATION_LIMITS.maxCount,
      maxShare: pct === null ? DEFAULT_DEACTIVATION_LIMITS.maxShare : Math.min(pct, 100) / 100,
    };
  }

  /** Both values or neither: validated first, written in one transaction. */
  save(input: DeactivationLimitsInput): DeactivationLimits {
    const v = deactivationLimitsInputSchema.parse(input);
    const put = this.db.prepare(
      `INSERT INTO app_settings (Key, Value, UpdatedOn) VALUES (?, ?, ?)
       ON CONFLICT (Key) DO UPDATE SET Value = excluded.Value, UpdatedOn = excluded.UpdatedOn`,
    );
    const at = this.clock().toISOString();
    this.db.transaction(() => {
      put.run(COUNT_KEY, String(v.maxCount), at);
      put.run(SHARE_KEY, String(v.maxSharePct), at);
    })();
    return this.get();
  }
}
