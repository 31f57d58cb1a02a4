import {
  describeIdentity,
  type CompanyIdentity,
  type IdentityBlockView,
  type IdentityStatusView,
} from '../../shared/company-identity';
import type { IdentityReader } from '../erp/port';
import type { EventLog } from '../events/event-log';
import type { Scope } from '../core/scope';
import { UserFacingError } from '../core/user-facing-error';
import { SYNC_CATEGORY } from './run-messages';
import type { IdentityRepo } from './identity-repo';

/** A run refused because the company is (or just became) blocked by its identity. Nothing was pushed or imported. */
export class IdentityBlockedError extends UserFacingError {
  constructor(readonly block: IdentityBlockView) {
    super(blockedMessage(block));
  }
}

/** What a run found, compared with what was remembered. */
export type IdentityVerdict =
  { kind: 'same' } | { kind: 'updated'; notes: string[] } | { kind: 'changed'; reasons: string[] };

/**
 * Another company: a different RFC, or a different database (its GUID / creation date, or its path when neither
 * side has one). Only the name changed, or an RFC that could not be read before is read now: the same company,
 * remembered as it is now (an event says so), nothing blocks. A part that cannot be read now proves nothing.
 */
export function compareIdentity(before: CompanyIdentity, now: CompanyIdentity): IdentityVerdict {
  const what = now.databaseKind === 'file' ? 'el archivo' : 'la base de datos';
  const reasons: string[] = [];
  const notes: string[] = [];
  if (before.rfc && now.rfc && before.rfc !== now.rfc) reasons.push(`el RFC cambió de ${before.rfc} a ${now.rfc}`);
  else if (!before.rfc && now.rfc) notes.push(`se leyó el RFC ${now.rfc}`);
  const samePlace = before.database === now.database;
  if (before.stamp && now.stamp) {
    if (before.stamp !== now.stamp)
      reasons.push(
        `${what} es otro${samePlace ? ` aunque se llame igual (${now.database})` : ` (${now.database})`}: antes ${before.stamp}, ahora ${now.stamp}`,
      );
    else if (!samePlace) notes.push(`${what} cambió de nombre: ${before.database} → ${now.database}`);
  } else if (!samePlace) {
    reasons.push(`${what} es otro: antes ${before.database}, ahora ${now.database}`);
  }
  if (reasons.length === 0 && before.name && now.name && before.name !== now.name)
    notes.push(`el nombre cambió de «${before.name}» a «${now.name}» (mismo RFC)`);
  if (reasons.length) return { kind: 'changed', reasons };
  return notes.length ? { kind: 'updated', notes } : { kind: 'same' };
}

export interface IdentityGuardDeps {
  repo: IdentityRepo;
  events: EventLog;
  /** The alert (AlertMonitor.raise(scope, 'identity', …)) when a company is blocked, and its end on confirm. */
  onBlocked?: (block: IdentityBlockView) => void;
  onConfirmed?: (scope: Scope) => void;
  /** The company's name as the console lists it (for the views of every blocked company). */
  nameOf?: (scope: Scope) => string;
}

/**
 * The company identity guard: at the start of every real run, reads who the company is and compares it with
 * what was remembered. First run: remembered, nothing blocks. Another company: the company is blocked (stored,
 * so the scheduler and every process skip it) until a person confirms (docs/identity-guard.md).
 */
export class IdentityGuard {
  constructor(private readonly d: IdentityGuardDeps) {}

  isBlocked(s: Scope): boolean {
    return this.d.repo.isBlocked(s);
  }

  /** Throws IdentityBlockedError when the company is blocked, before anything is opened. */
  assertNotBlocked(s: Scope, companyName: string): void {
    const block = this.blockOf(s, companyName);
    if (block) throw new IdentityBlockedError(block);
  }

  /** The one call at run start: a blocked company stops here; otherwise, when the ERP can tell, compares. */
  async beforeRun(s: Scope, companyName: string, reader: IdentityReader | null): Promise<void> {
    this.assertNotBlocked(s, companyName);
    if (reader) await this.check(s, companyName, reader);
  }

  /**
   * Reads the identity and compares. Throws IdentityBlockedError when it is another company. A failed read
   * does not block: the run goes on and fails (or not) on its own reads, and the next run compares again.
   */
  async check(s: Scope, companyName: string, reader: IdentityReader): Promise<void> {
    let seen: CompanyIdentity;
    try {
      seen = await reader.readIdentity(s.companyId);
    } catch {
      return;
    }
    const stored = this.d.repo.get(s);
    const event = (level: 'info' | 'warning' | 'error', message: string, details: Record<string, unknown>) =>
      this.d.events.record({
        level,
        category: SYNC_CATEGORY,
        connectionId: s.connectionId,
        companyId: s.companyId,
        companyName,
        message,
        details,
      });
    if (!stored) {
      this.d.repo.record(s, seen);
      event('info', `Identidad de la empresa registrada: ${describeIdentity(seen)}.`, { identidad: seen });
      return;
    }
    const verdict = compareIdentity(stored.identity, seen);
    if (verdict.kind === 'same') return;
    if (verdict.kind === 'updated') {
      this.d.repo.record(s, seen);
      event('warning', `La identidad de la empresa se actualizó: ${verdict.notes.join('; ')}.`, {
        antes: stored.identity,
        ahora: seen,
      });
      return;
    }
    this.d.repo.block(s, seen, verdict.reasons);
    const block = this.blockOf(s, companyName)!;
    event(
      'error',
      `${blockedMessage(block)} Antes: ${describeIdentity(stored.identity)}. Ahora: ${describeIdentity(seen)}.`,
      { antes: stored.identity, ahora: seen, motivos: verdict.reasons },
    );
    this.d.onBlocked?.(block);
    throw new IdentityBlockedError(block);
  }

  /** Every company waiting for a person: the console's prompt, `identity show`. */
  blocked(): IdentityBlockView[] {
    return this.d.repo
      .blockedScopes()
      .map((s) => this.blockOf(s, this.nameOf(s)))
      .filter((b): b is IdentityBlockView => b !== null);
  }

  nameOf(s: Scope): string {
    return this.d.nameOf?.(s) ?? s.companyId;
  }

  blockOf(s: Scope, companyName: string): IdentityBlockView | null {
    const stored = this.d.repo.get(s);
    if (!stored?.block) return null;
    return {
      ...s,
      companyName,
      recorded: stored.identity,
      recordedAt: stored.recordedAt,
      seen: stored.block.seen,
      blockedAt: stored.block.blockedAt,
      reasons: stored.block.reasons,
      question: identityQuestion(companyName, stored.block.seen),
    };
  }

  status(s: Scope, companyName: string): IdentityStatusView {
    const stored = this.d.repo.get(s);
    return {
      ...s,
      companyName,
      recorded: stored?.identity ?? null,
      recordedAt: stored?.recordedAt ?? null,
      confirmedAt: stored?.confirmedAt ?? null,
      confirmedBy: stored?.confirmedBy ?? null,
      block: this.blockOf(s, companyName),
    };
  }

  /** *Sí, es la misma*: adopts the identity seen and lets the company sync again. */
  confirm(s: Scope, companyName: string, by: string): CompanyIdentity {
    const block = this.blockOf(s, companyName);
    if (!block) throw new UserFacingError(`La sincronización de «${companyName}» no está detenida por identidad.`);
    const adopted = this.d.repo.confirm(s, by)!;
    this.d.events.record({
      level: 'info',
      category: SYNC_CATEGORY,
      connectionId: s.connectionId,
      companyId: s.companyId,
      companyName,
      message: `${by} confirmó que es la misma empresa: ${describeIdentity(adopted)}. La sincronización se reanuda.`,
      details: { antes: block.recorded, ahora: adopted },
    });
    this.d.onConfirmed?.(s);
    return adopted;
  }
}

/** «La empresa X ahora es RFC … / archivo …: ¿es la misma empresa?» */
export function identityQuestion(companyName: string, seen: CompanyIdentity): string {
  const fiscal = seen.rfc ? `RFC ${seen.rfc}` : 'sin RFC';
  const where = seen.databaseKind === 'file' ? `archivo ${seen.database}` : `base de datos ${seen.database}`;
  return `La empresa ${companyName} ahora es ${fiscal} / ${where}: ¿es la misma empresa?`;
}

function blockedMessage(b: IdentityBlockView): string {
  return (
    `Sincronización detenida: «${b.companyName}» parece otra empresa (${b.reasons.join('; ')}). ` +
    'No se envió ni se importó nada. Confírmelo en Wopen Sync Console o con ' +
    `«wopen-sync identity confirm --connection ${b.connectionId} --company ${b.companyId}».`
  );
}
