import type { SettingsDb } from '../settings/database';
import type { CompanyIdentity } from '../../shared/company-identity';
import type { Scope } from '../core/scope';

export interface StoredIdentity {
  identity: CompanyIdentity;
  recordedAt: string;
  confirmedAt: string | null;
  confirmedBy: string | null;
  /** Set while the company is blocked: what the run saw and why it stopped. */
  block: { seen: CompanyIdentity; reasons: string[]; blockedAt: string } | null;
}

interface Row {
  Identity: string;
  RecordedAt: string;
  ConfirmedAt: string | null;
  ConfirmedBy: string | null;
  BlockedAt: string | null;
  Seen: string | null;
  Reasons: string | null;
}

/** `company_identities`: the identity remembered per company and the "blocked by identity" flag. */
export class IdentityRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string,
  ) {}

  get(s: Scope): StoredIdentity | null {
    const r = this.db
      .prepare(
        `SELECT Identity, RecordedAt, ConfirmedAt, ConfirmedBy, BlockedAt, Seen, Reasons FROM company_identities
          WHERE ConnectionID = ? AND CompanyID = ?`,
      )
      .get(s.connectionId, s.companyId) as Row | undefined;
    if (!r) return null;
    return {
      identity: JSON.parse(r.Identity) as CompanyIdentity,
      recordedAt: r.RecordedAt,
      confirmedAt: r.ConfirmedAt,
      confirmedBy: r.ConfirmedBy,
      block:
        r.BlockedAt && r.Seen
          ? {
              seen: JSON.parse(r.Seen) as CompanyIdentity,
              reasons: JSON.parse(r.Reasons ?? '[]') as string[],
              blockedAt: r.BlockedAt,
            }
          : null,
    };
  }

  isBlocked(s: Scope): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM company_identities WHERE ConnectionID = ? AND CompanyID = ? AND BlockedAt IS NOT NULL')
        .get(s.connectionId, s.companyId) !== undefined
    );
  }

  /** The companies waiting for a person (the console's prompt, `identity show` without a company). */
  blockedScopes(): Scope[] {
    return (
      this.db
        .prepare(
          'SELECT ConnectionID, CompanyID FROM company_identities WHERE BlockedAt IS NOT NULL ORDER BY BlockedAt',
        )
        .all() as { ConnectionID: number; CompanyID: string }[]
    ).map((r) => ({ connectionId: r.ConnectionID, companyId: r.CompanyID }));
  }

  /** First run, a name change, an RFC learned: the identity becomes this one (the block, if any, is kept). */
  record(s: Scope, identity: CompanyIdentity): void {
    this.db
      .prepare(
        `INSERT INTO company_identities (ConnectionID, CompanyID, Identity, RecordedAt) VALUES (?, ?, ?, ?)
         ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET Identity = excluded.Identity, RecordedAt = excluded.RecordedAt`,
      )
      .run(s.connectionId, s.companyId, JSON.stringify(identity), this.now());
  }

  block(s: Scope, seen: CompanyIdentity, reasons: string[]): string {
    const at = this.now();
    this.db
      .prepare(
        'UPDATE company_identities SET BlockedAt = ?, Seen = ?, Reasons = ? WHERE ConnectionID = ? AND CompanyID = ?',
      )
      .run(at, JSON.stringify(seen), JSON.stringify(reasons), s.connectionId, s.companyId);
    return at;
  }

  /** *Sí, es la misma*: the identity seen becomes the one remembered and the block is lifted. */
  confirm(s: Scope, by: string): CompanyIdentity | null {
    const stored = this.get(s);
    if (!stored?.block) return null;
    const at = this.now();
    this.db
      .prepare(
        `UPDATE company_identities SET Identity = ?, RecordedAt = ?, ConfirmedAt = ?, ConfirmedBy = ?,
                BlockedAt = NULL, Seen = NULL, Reasons = NULL
          WHERE ConnectionID = ? AND CompanyID = ?`,
      )
      .run(JSON.stringify(stored.block.seen), at, at, by, s.connectionId, s.companyId);
    return stored.block.seen;
  }
}
