import os from 'node:os';
import type { SettingsDb } from '../settings/database';
import type { EventLog } from '../events/event-log';
import { redactText } from '../events/redact';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import { ConnectionsRepo } from '../settings/connections-repo';
import { isInsideWindow, parseHoursWindow } from '../../shared/hours-window';
import type { RunView } from '../../shared/run-view';
import { RUN_STATE_LABELS, TRIGGER_LABELS } from '../../shared/labels';
import { CHANNEL_LABELS, joinSpanish, type Alert, type AlertNotifier } from './notifier';

export const ALERT_CATEGORY = 'Alertas';
const DAY_MS = 86_400_000;

type Scope = { connectionId: number; companyId: string };
/** Conditions a person must act on, each alerted once while it lasts (then at most a daily reminder). */
export type AttentionKind = 'review' | 'identity' | 'paused' | 'watchdog';
type ProblemKind = 'failing' | 'stale' | AttentionKind;
/** What a successful run ends; a pause or another company's identity ends only when a person says so. */
const ENDED_BY_SUCCESS: readonly ProblemKind[] = ['failing', 'stale', 'review', 'watchdog'];
export type CompanyHealth = 'ok' | 'failing' | 'stale' | 'never';

/** What the monitor needs of a finished run (a RunView, from the console, the scheduler or the CLI). */
export type FinishedRun = Pick<
  RunView,
  'runId' | 'connectionId' | 'companyId' | 'companyName' | 'trigger' | 'dryRun' | 'state' | 'message'
>;

export interface AlertMonitorOptions {
  db: SettingsDb;
  events: EventLog;
  notifiers: readonly AlertNotifier[];
  clock?: () => Date;
  /** "Still failing" reminders: at most one per this interval per problem (default one day). */
  reminderMs?: number;
  /** Send a short "recuperada" notice when an alerted problem clears (default true). */
  notifyRecovery?: boolean;
  /** A company being synced right now is not called stale (a long first pass is not a problem). */
  isRunning?: (s: Scope) => boolean;
  /** A company stopped on purpose (a maintenance pause, its identity waiting for a person) is not called stale. */
  isStopped?: (s: Scope) => boolean;
  /** Also run on each scheduler tick, after the stale check (the daily digest). */
  onTick?: (now: Date) => Promise<unknown>;
}

interface ProblemRow {
  Kind: ProblemKind;
  OpenedAt: string;
  LastAlertAt: string;
  Occurrences: number;
}

/**
 * Turns finished runs and the scheduler's clock into alerts, once per problem: the open problem of each
 * company is kept in SQLite (`alert_problems`), so a company failing every five minutes sends one alert,
 * then at most a daily "sigue fallando" reminder, and a new alert only after it recovered and failed again.
 */
export class AlertMonitor {
  private readonly clock: () => Date;
  private readonly settings: CompanySettingsRepo;
  private readonly connections: ConnectionsRepo;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly o: AlertMonitorOptions) {
    this.clock = o.clock ?? (() => new Date());
    this.settings = new CompanySettingsRepo(o.db);
    this.connections = new ConnectionsRepo(o.db);
  }

  /** Call for every run that ended (manual or automatic). Never throws; delivery continues in the background. */
  readonly onRunFinished = (run: FinishedRun): Promise<void> => {
    if (run.dryRun || run.state === 'running') return Promise.resolve();
    try {
      const alerts =
        run.state === 'success' ? this.recovered(run) : run.state === 'review' ? this.review(run) : this.failed(run);
      return this.deliverAll(alerts);
    } catch (err) {
      this.recordError(err);
      return Promise.resolve();
    }
  };

  /** Called on each scheduler tick: companies with Sincronizar on and no successful sync for two periods. */
  readonly checkStale = (now: Date = this.clock()): Promise<void> => {
    const hook = this.o.onTick ? this.tracked(Promise.resolve().then(() => this.o.onTick!(now))) : Promise.resolve();
    try {
      const alerts: Alert[] = [];
      for (const s of this.settings.listAll()) {
        const scope = { connectionId: s.connectionId, companyId: s.companyId };
        const open = this.problems(scope);
        const stale = open.find((p) => p.Kind === 'stale');
        if (!s.sync) {
          if (stale) this.close(scope, 'stale');
          continue;
        }
        if (open.some((p) => p.Kind === 'failing')) continue; // same problem, already alerted as failing
        if (this.o.isRunning?.(scope)) continue;
        if (this.o.isStopped?.(scope)) {
          if (stale) this.close(scope, 'stale');
          continue;
        }
        const periodMs = s.period * 60_000;
        const window = s.hoursWindow ? parseHoursWindow(s.hoursWindow) : null;
        // With an hours window, only call it stale after two periods inside the window (not overnight).
        if (window && !(isInsideWindow(window, now) && isInsideWindow(window, new Date(now.getTime() - 2 * periodMs))))
          continue;
        const lastOk = this.lastSuccess(scope);
        const since = lastOk ?? s.updatedAt;
        const isStale = now.getTime() - Date.parse(since) >= 2 * periodMs;
        if (!isStale) {
          if (stale) this.close(scope, 'stale');
          continue;
        }
        const name = this.nameOf(scope);
        const sinceText = formatLocal(since);
        const message = lastOk
          ? `${name} no se ha sincronizado con éxito desde ${sinceText} (más de dos periodos de ${s.period} min.).`
          : `${name} tiene Sincronizar activado desde ${sinceText} y no se ha sincronizado con éxito (más de dos periodos de ${s.period} min.).`;
        const hints =
          'Revise que Wopen Sync Console o el servicio wopen-sync estén abiertos en el equipo, el Horario de sincronización y el Visor de eventos.';
        if (!stale) {
          this.open(scope, 'stale', null, message);
          alerts.push(
            this.alert(
              'stale',
              'warning',
              `Wopen Sync: ${name} lleva tiempo sin sincronizar`,
              `${message}\n\n${hints}`,
              scope,
              name,
            ),
          );
        } else if (this.reminderDue(stale, now)) {
          this.touch(scope, 'stale', null, message);
          alerts.push(
            this.alert(
              'stale',
              'warning',
              `Wopen Sync: ${name} sigue sin sincronizar`,
              `${message}\n\n${hints}`,
              scope,
              name,
            ),
          );
        }
      }
      return Promise.all([this.deliverAll(alerts), hook]).then(() => undefined);
    } catch (err) {
      this.recordError(err);
      return hook;
    }
  };

  /**
   * A condition a person must act on (held deactivations, another company's identity, a pause left on, a run
   * aborted by the watchdog): alerted when it opens, reminded at most once per `reminderMs` while it lasts.
   */
  raise(
    scope: Scope,
    kind: AttentionKind,
    a: { subject: string; text: string; level?: 'warning' | 'error'; runId?: number | null },
  ): Promise<void> {
    try {
      const open = this.problems(scope).find((p) => p.Kind === kind);
      const name = this.nameOf(scope);
      if (open && !this.reminderDue(open, this.clock())) {
        this.touch(scope, kind, a.runId ?? null, a.text, false);
        return Promise.resolve();
      }
      if (open) this.touch(scope, kind, a.runId ?? null, a.text, true);
      else this.open(scope, kind, a.runId ?? null, a.text);
      return this.deliverAll([this.alert(kind, a.level ?? 'warning', a.subject, a.text, scope, name)]);
    } catch (err) {
      this.recordError(err);
      return Promise.resolve();
    }
  }

  /** The condition ended (applied, resumed, confirmed): closed without a message. */
  resolve(scope: Scope, kind: AttentionKind): void {
    try {
      this.close(scope, kind);
    } catch (err) {
      this.recordError(err);
    }
  }

  /** For the companies grid: 'failing' / 'stale' while a problem is open, 'never' without a successful run. */
  health(scope: Scope): CompanyHealth {
    const open = this.problems(scope);
    if (open.some((p) => p.Kind === 'failing')) return 'failing';
    if (open.some((p) => p.Kind === 'stale')) return 'stale';
    return this.lastSuccess(scope) ? 'ok' : 'never';
  }

  /** Resolves when every alert started so far was delivered or failed (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  private failed(run: FinishedRun): Alert[] {
    const scope = { connectionId: run.connectionId, companyId: run.companyId };
    const now = this.clock();
    const name = run.companyName || this.nameOf(scope);
    const what = run.state === 'partial' ? `terminó con errores (${RUN_STATE_LABELS.partial})` : 'falló';
    const kind = TRIGGER_LABELS[run.trigger].toLowerCase();
    const detail = redactText(run.message ?? 'Sin detalle.');
    const body = (intro: string) =>
      `${intro}\n\nMensaje: ${detail}\nEmpresa: ${name}\nFecha: ${formatLocal(now.toISOString())}\nEquipo: ${os.hostname()}\n\n` +
      'Revise el Visor de eventos y el Historial de sincronización en Wopen Sync Console. ' +
      'No se enviará otra alerta por este problema mientras siga igual (a lo más un recordatorio al día); se avisará cuando se recupere.';
    const failing = this.problems(scope).find((p) => p.Kind === 'failing');
    if (!failing) {
      this.open(scope, 'failing', run.runId, detail);
      this.close(scope, 'stale'); // now reported as failing: one problem, one alert
      return [
        this.alert(
          'failing',
          'error',
          `Wopen Sync: falló la sincronización de ${name}`,
          body(`La sincronización ${kind} de ${name} ${what}.`),
          scope,
          name,
        ),
      ];
    }
    this.touch(scope, 'failing', run.runId, detail, false);
    if (!this.reminderDue(failing, now)) return [];
    this.touch(scope, 'failing', run.runId, detail, true);
    return [
      this.alert(
        'still-failing',
        'error',
        `Wopen Sync: la sincronización de ${name} sigue fallando`,
        body(
          `La sincronización de ${name} sigue fallando desde ${formatLocal(failing.OpenedAt)} (${failing.Occurrences + 1} intentos fallidos). El último ${what}.`,
        ),
        scope,
        name,
      ),
    ];
  }

  /** Deactivations held for a person: one alert while they wait; the run itself is not "failing". */
  private review(run: FinishedRun): Alert[] {
    const scope = { connectionId: run.connectionId, companyId: run.companyId };
    const name = run.companyName || this.nameOf(scope);
    this.close(scope, 'failing');
    this.close(scope, 'stale');
    void this.raise(scope, 'review', {
      runId: run.runId,
      subject: `Wopen Sync: ${name} requiere revisión`,
      text:
        `La sincronización de ${name} retuvo bajas: no las envió a la tienda.\n\nMensaje: ${redactText(run.message ?? '')}\n` +
        `Fecha: ${formatLocal(this.clock().toISOString())}\nEquipo: ${os.hostname()}\n\n` +
        'Revíselas en Wopen Sync Console (Bajas retenidas) y elija Aplicar o Descartar, o use «wopen-sync held list». ' +
        'Los demás cambios se siguen enviando.',
    });
    return [];
  }

  private recovered(run: FinishedRun): Alert[] {
    const scope = { connectionId: run.connectionId, companyId: run.companyId };
    const open = this.problems(scope).filter((p) => ENDED_BY_SUCCESS.includes(p.Kind));
    if (open.length === 0) return [];
    for (const p of open) this.close(scope, p.Kind);
    if (this.o.notifyRecovery === false) return [];
    const name = run.companyName || this.nameOf(scope);
    const since = formatLocal(open.map((p) => p.OpenedAt).sort()[0]!);
    return [
      this.alert(
        'recovered',
        'info',
        `Wopen Sync: ${name} se recuperó`,
        `La sincronización de ${name} se recuperó: terminó con éxito (${redactText(run.message ?? RUN_STATE_LABELS.success)}). El problema venía desde ${since}.`,
        scope,
        name,
      ),
    ];
  }

  private alert(
    kind: Alert['kind'],
    level: Alert['level'],
    subject: string,
    text: string,
    scope: Scope,
    companyName: string,
  ): Alert {
    return { kind, level, subject, text, connectionId: scope.connectionId, companyId: scope.companyId, companyName };
  }

  /** Records the alert as an event, then sends it through every enabled channel; failures become events. */
  private deliverAll(alerts: Alert[]): Promise<void> {
    if (alerts.length === 0) return Promise.resolve();
    const work = Promise.all(alerts.map((a) => this.deliver(a))).then(() => undefined);
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return work;
  }

  /** Keeps `idle()` waiting for background work of the tick hook. */
  private tracked(p: Promise<unknown>): Promise<void> {
    const work = p.then(
      () => undefined,
      (err: unknown) => this.recordError(err),
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return work;
  }

  private async deliver(a: Alert): Promise<void> {
    const channels = this.o.notifiers.filter((n) => safeEnabled(n));
    const via = channels.length
      ? `por ${joinSpanish(channels.map((n) => CHANNEL_LABELS[n.channel]))}`
      : 'sin enviar: no hay notificaciones, correo ni webhook configurados';
    this.o.events.record({
      level: a.level,
      category: ALERT_CATEGORY,
      connectionId: a.connectionId ?? null,
      companyId: a.companyId ?? null,
      companyName: a.companyName ?? null,
      message: `Alerta (${via}): ${a.subject}`,
      details: { kind: a.kind },
    });
    await Promise.all(
      channels.map(async (n) => {
        try {
          await n.send(a);
        } catch (err) {
          this.o.events.record({
            level: 'warning',
            category: ALERT_CATEGORY,
            connectionId: a.connectionId ?? null,
            companyId: a.companyId ?? null,
            companyName: a.companyName ?? null,
            message: `No se pudo enviar la alerta por ${CHANNEL_LABELS[n.channel]}: ${err instanceof Error ? err.message : String(err)}`,
          });
        }
      }),
    );
  }

  private recordError(err: unknown): void {
    try {
      this.o.events.record({
        level: 'error',
        category: ALERT_CATEGORY,
        message: `Error al evaluar alertas: ${err instanceof Error ? err.message : String(err)}`,
      });
    } catch {
      // The database itself is failing; nothing else to do here.
    }
  }

  private reminderDue(p: ProblemRow, now: Date): boolean {
    return now.getTime() - Date.parse(p.LastAlertAt) >= (this.o.reminderMs ?? DAY_MS);
  }

  private problems(s: Scope): ProblemRow[] {
    return this.o.db
      .prepare(
        'SELECT Kind, OpenedAt, LastAlertAt, Occurrences FROM alert_problems WHERE ConnectionID = ? AND CompanyID = ?',
      )
      .all(s.connectionId, s.companyId) as ProblemRow[];
  }

  private open(s: Scope, kind: ProblemKind, runId: number | null, message: string): void {
    const at = this.clock().toISOString();
    this.o.db
      .prepare(
        `INSERT INTO alert_problems (ConnectionID, CompanyID, Kind, OpenedAt, LastAlertAt, Occurrences, LastRunID, Message) VALUES (?, ?, ?, ?, ?, 1, ?, ?)
         ON CONFLICT (ConnectionID, CompanyID, Kind) DO NOTHING`,
      )
      .run(s.connectionId, s.companyId, kind, at, at, runId, message);
  }

  /** Counts one more occurrence; `alerted` moves the reminder clock. */
  private touch(s: Scope, kind: ProblemKind, runId: number | null, message: string, alerted = true): void {
    this.o.db
      .prepare(
        `UPDATE alert_problems SET Occurrences = Occurrences + ?, LastRunID = COALESCE(?, LastRunID), Message = ?,
           LastAlertAt = CASE WHEN ? THEN ? ELSE LastAlertAt END
         WHERE ConnectionID = ? AND CompanyID = ? AND Kind = ?`,
      )
      .run(
        alerted ? 0 : 1,
        runId,
        message,
        alerted ? 1 : 0,
        this.clock().toISOString(),
        s.connectionId,
        s.companyId,
        kind,
      );
  }

  private close(s: Scope, kind: ProblemKind): void {
    this.o.db
      .prepare('DELETE FROM alert_problems WHERE ConnectionID = ? AND CompanyID = ? AND Kind = ?')
      .run(s.connectionId, s.companyId, kind);
  }

  private lastSuccess(s: Scope): string | null {
    const r = this.o.db
      .prepare(
        `SELECT MAX(COALESCE(EndedAt, StartedAt)) AS at FROM sync_runs WHERE ConnectionID = ? AND CompanyID = ? AND State = 'success' AND DryRun = 0`,
      )
      .get(s.connectionId, s.companyId) as { at: string | null };
    return r.at;
  }

  private nameOf(s: Scope): string {
    return this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId;
  }
}

function safeEnabled(n: AlertNotifier): boolean {
  try {
    return n.enabled();
  } catch {
    return false;
  }
}

/** "12/05/2026, 14:03" in the machine's local time. */
export function formatLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString('es-MX', { dateStyle: 'short', timeStyle: 'short' });
}
