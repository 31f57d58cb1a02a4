import type { SettingsDb } from '../settings/database';
import type { EventLog } from '../events/event-log';
import type { SyncEngine } from '../engine/sync-engine';
import { SYNC_CATEGORY } from '../engine/run-messages';
import { ConnectionsRepo } from '../settings/connections-repo';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import { UserFacingError } from '../core/user-facing-error';
import type { Scope } from '../core/scope';
import type { AttentionKind } from '../alerts/alert-monitor';
import {
  MAX_PAUSE_MS,
  isAllPause,
  pauseEndText,
  type PauseTarget,
  type SyncPause,
  type SyncPauseView,
} from '../../shared/sync-pause';

const DAY_MS = 86_400_000;

const targetOf = (p: SyncPause): PauseTarget =>
  p.connectionId === null || p.companyId === null ? 'all' : { connectionId: p.connectionId, companyId: p.companyId };

/** What the service uses of the AlertMonitor. */
export interface PauseAlerts {
  raise(
    scope: Scope,
    kind: AttentionKind,
    a: { subject: string; text: string; level?: 'warning' | 'error' },
  ): Promise<void>;
  resolve(scope: Scope, kind: AttentionKind): void;
}

export interface PauseServiceDeps {
  db: SettingsDb;
  engine: SyncEngine;
  events: EventLog;
  alerts: PauseAlerts;
  clock?: () => Date;
  /** Who pauses from this process when the caller does not say (the console's user). */
  actor: string;
}

export type NamedPause = SyncPauseView;

/**
 * *Pausar sincronización* / *Reanudar* for the console, the tray and the CLI (docs/pause.md): saves the pause in
 * the settings database — where the engine of whichever process holds the lease reads it at every run start —,
 * notes who and until when in the Visor de eventos, ends expired pauses and alerts a pause left on for a day.
 */
export class PauseService {
  private readonly clock: () => Date;
  private readonly connections: ConnectionsRepo;
  private readonly settings: CompanySettingsRepo;

  readonly actor: string;

  constructor(private readonly d: PauseServiceDeps) {
    this.actor = d.actor;
    this.clock = d.clock ?? (() => new Date());
    this.connections = new ConnectionsRepo(d.db);
    this.settings = new CompanySettingsRepo(d.db);
  }

  list(): NamedPause[] {
    return this.d.engine.pauses.list().map((p) => this.named(p));
  }

  /** The pause holding this company now, if any. */
  of(s: Scope): SyncPause | null {
    return this.d.engine.pauses.of(s);
  }

  /** Pauses a company or every company until `until` (ISO) or, with null, until resumed. */
  pause(target: PauseTarget, until: string | null, by: string): { pause: NamedPause; message: string } {
    if (target !== 'all') this.requireCompany(target);
    if (until !== null) {
      const end = Date.parse(until);
      const now = this.clock().getTime();
      if (Number.isNaN(end)) throw new UserFacingError(`La fecha de fin de la pausa no es válida («${until}»).`);
      if (end <= now) throw new UserFacingError('La fecha de fin de la pausa ya pasó: indique una fecha futura.');
      if (end - now > MAX_PAUSE_MS)
        throw new UserFacingError('Una pausa con fecha de fin puede durar a lo más un año; use «hasta reanudar».');
      until = new Date(end).toISOString();
    }
    const pause = this.named(this.d.engine.pauses.set(target, until, by));
    const what = this.whatText(pause);
    const running = this.affected(target).filter((s) => this.d.engine.isRunning(s)).length;
    this.record(pause, `Sincronización ${what} pausada ${pauseEndText(pause)} por ${by}.`);
    const tail =
      running > 0
        ? ' La sincronización en curso termina su trabajo; no empieza otra hasta reanudar.'
        : ' No empezará ninguna sincronización mientras dure.';
    return { pause, message: `Sincronización ${what} pausada ${pauseEndText(pause)}.${tail}` };
  }

  /** Ends the pause of a company, or (`'all'`) every pause. */
  resume(target: PauseTarget, by: string): { resumed: NamedPause[]; message: string } {
    if (target !== 'all') this.requireCompany(target);
    const resumed = (
      target === 'all'
        ? this.d.engine.pauses.clearAll()
        : [this.d.engine.pauses.clear(target)].filter((p) => p !== null)
    ).map((p) => this.named(p));
    for (const p of resumed) this.record(p, `Sincronización ${this.whatText(p)} reanudada por ${by}.`);
    this.resolveEnded();
    const still = target === 'all' ? null : this.d.engine.pauses.of(target);
    if (still)
      return {
        resumed,
        message: `La empresa sigue en pausa: la sincronización de todas las empresas está pausada ${pauseEndText(still)}. Use «Reanudar todas».`,
      };
    if (resumed.length === 0)
      return { resumed, message: target === 'all' ? 'No había ninguna pausa.' : 'La empresa no estaba en pausa.' };
    return {
      resumed,
      message:
        target === 'all'
          ? 'Sincronización reanudada para todas las empresas.'
          : `Sincronización de «${this.nameOf(target)}» reanudada.`,
    };
  }

  /**
   * Each scheduler tick of the process holding the engine: pauses past their end are deleted (one event each) and
   * a pause in force for more than a day alerts — once, then the AlertMonitor's daily reminder.
   */
  tick(now: Date = this.clock()): void {
    for (const p of this.d.engine.pauses.takeExpired())
      this.record(this.named(p), `Terminó la pausa ${this.whatText(this.named(p))} (${pauseEndText(p)}).`);
    this.resolveEnded();
    for (const p of this.d.engine.pauses.list()) {
      if (now.getTime() - Date.parse(p.pausedAt) < DAY_MS) continue;
      const named = this.named(p);
      for (const s of this.affected(targetOf(p))) {
        if (this.d.engine.pauses.of(s) === null) continue;
        void this.d.alerts.raise(s, 'paused', {
          subject: `Sincronización en pausa por más de un día: ${this.nameOf(s)}`,
          text: `La sincronización ${this.whatText(named)} está en pausa desde ${p.pausedAt} (la pausó ${p.pausedBy}), ${pauseEndText(p)}. Mientras dure, la tienda no recibe cambios del ERP. Reanúdela al terminar el mantenimiento.`,
        });
      }
    }
  }

  /** The companies a pause target covers: the one, or every company with Sincronizar ticked. */
  private affected(target: PauseTarget): Scope[] {
    if (target !== 'all') return [target];
    return this.settings.listTicked().map((c) => ({ connectionId: c.connectionId, companyId: c.companyId }));
  }

  /** Closes the 'paused' alert of every company no pause holds any more. */
  private resolveEnded(): void {
    for (const c of this.settings.listAll()) {
      const s = { connectionId: c.connectionId, companyId: c.companyId };
      if (this.d.engine.pauses.of(s) === null) this.d.alerts.resolve(s, 'paused');
    }
  }

  private requireCompany(s: Scope): void {
    if (!this.connections.get(s.connectionId)) throw new UserFacingError(`No existe la conexión ${s.connectionId}.`);
    if (
      this.connections.companyName(s.connectionId, s.companyId) === undefined &&
      !this.settings.get(s.connectionId, s.companyId)
    )
      throw new UserFacingError(`La conexión ${s.connectionId} no tiene la empresa «${s.companyId}».`);
  }

  private record(p: NamedPause, message: string): void {
    this.d.events.record({
      level: 'warning',
      category: SYNC_CATEGORY,
      connectionId: p.connectionId,
      companyId: p.companyId,
      companyName: p.companyName,
      message,
    });
  }

  private whatText(p: NamedPause): string {
    return isAllPause(p) ? 'de todas las empresas' : `de «${p.companyName ?? p.companyId}»`;
  }

  private named(p: SyncPause): NamedPause {
    return {
      ...p,
      companyName: ((t) => (t === 'all' ? null : this.nameOf(t)))(targetOf(p)),
    };
  }

  private nameOf(s: Scope): string {
    return this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId;
  }
}
