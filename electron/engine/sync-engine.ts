import type { SettingsDb } from '../settings/database';
import { ConnectionsRepo } from '../settings/connections-repo';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import type { SecretStore } from '../secrets/secret-store';
import type { EventLog } from '../events/event-log';
import type { ErpFactory } from '../erp/registry';
import { capabilitiesOf } from '../erp/capabilities';
import type { StoreFactory } from '../store/port';
import { UserFacingError } from '../core/user-facing-error';
import { CATALOGS, type CatalogName } from '../../shared/catalogs';
import { DESTINATION_CHANGED, erpDestination, storeDestination } from '../../shared/secret-destination';
import { runCompanyPass } from './company-run';
import type { RunSummary, SyncProgress } from './run-report';
import { ALL_FIELDS } from './field-toggles';
import { DEFAULT_STOCK_RULE } from './sellable-stock';
import { RunHistoryRepo, type RunRow, type RunTrigger } from './run-history-repo';
import { SyncStateRepo } from './sync-state-repo';
import type { Scope } from '../core/scope';
import { OrderInboxRepo } from './phases/orders/order-inbox-repo';
import { OrderSettingsRepo } from './phases/orders/order-settings-repo';
import { InvoiceInboxRepo } from './phases/invoices/invoice-inbox-repo';
import { DestinationRepo } from './destination-repo';
import { PHASES } from './phases';
import type { Phase } from './phases/phase';
import { HeldDeactivationsRepo, type HeldCatalog } from './held-deactivations-repo';
import { DeactivationLimitsRepo } from '../settings/deactivation-limits-repo';
import { CATALOG_LABELS } from '../../shared/catalogs';
import { PauseRepo } from '../settings/pause-repo';
import { pauseEndText } from '../../shared/sync-pause';
import { WatchdogSettingsRepo } from '../settings/watchdog-settings-repo';
import { Watchdog } from './watchdog';
import { watchedStore } from './watched-store';
import { SYNC_CATEGORY } from './run-messages';
import { IdentityGuard, type IdentityGuardDeps } from './identity-guard';
import { IdentityRepo } from './identity-repo';

export interface EngineDeps {
  db: SettingsDb;
  secrets: SecretStore;
  events: EventLog;
  erpFactory: ErpFactory;
  storeFactory: StoreFactory;
  clock?: () => Date;
  pushBatchSize?: number;
  readBatchSize?: number;
  /** The inbound phases of every run; the registered ones unless a test adds its own. */
  phases?: readonly Phase[];
  /** Stall time of the watchdog; absent: the console-wide setting (tests use a few seconds). */
  watchdogMs?: number;
  /** A run the watchdog stopped (after it ended): the alert. */
  onStalled?: (s: Scope, run: { runId: number | null; companyName: string; message: string }) => void;
  /** The identity alert and its end (docs/identity-guard.md). */
  identityAlerts?: Pick<IdentityGuardDeps, 'onBlocked' | 'onConfirmed'>;
}

export interface RunOptions {
  trigger: RunTrigger;
  dryRun?: boolean;
  catalogs?: readonly CatalogName[];
  signal?: AbortSignal;
  onProgress?: (p: SyncProgress) => void;
  /** `sync --full` / *Reenviar todo a la tienda*: every record is pushed again. */
  full?: boolean;
}

export class AlreadyRunningError extends UserFacingError {}
/** *Pausar sincronización* is in force for the company: no run starts, manual or automatic (docs/pause.md). */
export class PausedError extends UserFacingError {}

const keyOf = (s: Scope) => `${s.connectionId}/${s.companyId}`;

/**
 * The sync engine: runs companies, never two passes of one company at once. It imports the ERP and store
 * ports only; adapters come in through the factories.
 */
export class SyncEngine {
  readonly state: SyncStateRepo;
  readonly history: RunHistoryRepo;
  readonly inbox: OrderInboxRepo;
  readonly orderSettings: OrderSettingsRepo;
  readonly invoiceInbox: InvoiceInboxRepo;
  readonly destinations: DestinationRepo;
  readonly held: HeldDeactivationsRepo;
  readonly deactivationLimits: DeactivationLimitsRepo;
  /** Read at every run start: a pause saved by another process (service or console) applies here too. */
  readonly pauses: PauseRepo;
  readonly watchdogSettings: WatchdogSettingsRepo;
  readonly identity: IdentityGuard;
  private readonly connections: ConnectionsRepo;
  private readonly settings: CompanySettingsRepo;
  private readonly running = new Map<string, Promise<RunSummary>>();
  private readonly clock: () => Date;

  constructor(private readonly deps: EngineDeps) {
    this.clock = deps.clock ?? (() => new Date());
    this.state = new SyncStateRepo(deps.db);
    this.history = new RunHistoryRepo(deps.db, () => this.clock().toISOString());
    this.inbox = new OrderInboxRepo(deps.db, () => this.clock().toISOString());
    this.orderSettings = new OrderSettingsRepo(deps.db, () => this.clock().toISOString());
    this.invoiceInbox = new InvoiceInboxRepo(deps.db, () => this.clock().toISOString());
    this.destinations = new DestinationRepo(deps.db, () => this.clock().toISOString());
    this.held = new HeldDeactivationsRepo(deps.db, () => this.clock().toISOString());
    this.deactivationLimits = new DeactivationLimitsRepo(deps.db, this.clock);
    this.pauses = new PauseRepo(deps.db, this.clock);
    this.watchdogSettings = new WatchdogSettingsRepo(deps.db, this.clock);
    this.connections = new ConnectionsRepo(deps.db);
    this.settings = new CompanySettingsRepo(deps.db);
    this.identity = new IdentityGuard({
      repo: new IdentityRepo(deps.db, () => this.clock().toISOString()),
      events: deps.events,
      nameOf: (s) => this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId,
      ...deps.identityAlerts,
    });
  }

  isRunning(s: Scope): boolean {
    return this.running.has(keyOf(s));
  }

  runningCount(): number {
    return this.running.size;
  }

  lastRun(s: Scope): RunRow | undefined {
    return this.history.last(s);
  }

  /** Throws the Spanish reason a company cannot sync now (missing connection or store credentials). */
  preflight(s: Scope): void {
    this.refuseIfPaused(s);
    const connection = this.connections.get(s.connectionId);
    if (!connection) throw new UserFacingError(`No existe la conexión ${s.connectionId}.`);
    const saved = this.settings.get(s.connectionId, s.companyId);
    if (!saved?.url || !saved.user || saved.passwordSecretId === null) {
      const name = this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId;
      throw new UserFacingError(
        `Configure y guarde la URL, el Usuario y la Contraseña de Wopen de «${name}» antes de sincronizar.`,
      );
    }
    this.identity.assertNotBlocked(s, this.identity.nameOf(s));
  }

  /** Starts a pass and returns its summary. Refuses (AlreadyRunningError) while the company is running. */
  run(s: Scope, opts: RunOptions): Promise<RunSummary> {
    const key = keyOf(s);
    if (this.running.has(key)) throw new AlreadyRunningError('Ya hay una sincronización en curso para esta empresa.');
    this.refuseIfPaused(s);
    const p = this.execute(s, opts).finally(() => this.running.delete(key));
    this.running.set(key, p);
    return p;
  }

  /** Throws PausedError, naming the pause and its end, while the company (or every company) is paused. */
  refuseIfPaused(s: Scope): void {
    const reason = this.pauseReason(s);
    if (reason) throw new PausedError(reason);
  }

  /** Why the company cannot run now because of a pause, or null. */
  pauseReason(s: Scope): string | null {
    const pause = this.pauses.of(s);
    if (!pause) return null;
    const name = this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId;
    const whose = pause.connectionId === null ? `de todas las empresas (incluida «${name}»)` : `de «${name}»`;
    return `La sincronización ${whose} está en pausa ${pauseEndText(pause)} (la pausó ${pause.pausedBy}). Reanúdela para sincronizar ahora.`;
  }

  /**
   * *Aplicar* on held deactivations: the next run of the company — here or in the process holding the engine —
   * sends exactly the held keys, each only if the ERP still lacks it then; anything new is judged as in any run.
   */
  approveHeld(s: Scope, catalogs: readonly CatalogName[], by: string): HeldCatalog[] {
    const held = this.heldOf(s, catalogs);
    this.held.approve(
      s,
      held.map((h) => h.catalog),
      by,
    );
    return held;
  }

  /** *Descartar*: nothing is sent and the held set is forgotten; the next run judges those catalogs again. */
  discardHeld(s: Scope, catalogs: readonly CatalogName[]): HeldCatalog[] {
    const held = this.heldOf(s, catalogs);
    for (const h of held) this.held.replace(s, h.catalog, null);
    return held;
  }

  private heldOf(s: Scope, catalogs: readonly CatalogName[]): HeldCatalog[] {
    const held = this.held.list(s).filter((h) => catalogs.length === 0 || catalogs.includes(h.catalog));
    if (held.length === 0) {
      const which = catalogs.map((c) => CATALOG_LABELS[c]).join(', ');
      throw new UserFacingError(
        which ? `No hay bajas retenidas de ${which} para esta empresa.` : 'No hay bajas retenidas para esta empresa.',
      );
    }
    return held;
  }

  /** Waits for every running pass (after their signals were aborted, for a clean stop). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }

  private async execute(s: Scope, opts: RunOptions): Promise<RunSummary> {
    const connection = this.connections.get(s.connectionId);
    if (!connection) throw new UserFacingError(`No existe la conexión ${s.connectionId}.`);
    const saved = this.settings.get(s.connectionId, s.companyId);
    const companyName = this.connections.companyName(s.connectionId, s.companyId) ?? s.companyId;
    const dryRun = opts.dryRun ?? false;
    if (!dryRun) this.preflight(s);
    // Each saved password goes only where it was saved for (docs/secrets.md "A secret follows its destination").
    const erpPassword =
      connection.passwordSecretId === null
        ? ''
        : await this.deps.secrets.read(connection.passwordSecretId, {
            destination: erpDestination(connection.config),
            changed: DESTINATION_CHANGED.erp,
          });
    const store =
      dryRun || !saved?.url || !saved.user || saved.passwordSecretId === null
        ? null
        : this.deps.storeFactory({
            url: saved.url,
            user: saved.user,
            password: await this.deps.secrets.read(saved.passwordSecretId, {
              destination: storeDestination(saved.url) ?? '',
              changed: DESTINATION_CHANGED.store,
            }),
          });
    const erp = this.deps.erpFactory(connection.config, erpPassword);
    const stallMs = this.deps.watchdogMs ?? this.watchdogSettings.get().stallMinutes * 60_000;
    const dog = new Watchdog(stallMs, opts.signal, (err) =>
      this.deps.events.record({
        level: 'error',
        category: SYNC_CATEGORY,
        connectionId: s.connectionId,
        companyId: s.companyId,
        companyName,
        message: `${companyName}: ${err.message}`,
        trigger: opts.trigger,
      }),
    );
    const touch = () => dog.touch();
    try {
      const syncable = capabilitiesOf(erp).catalogs;
      if (!syncable) throw new UserFacingError('Este tipo de ERP todavía no puede sincronizar catálogos.');
      // Another company behind the same configuration stops the run here, before anything is pushed or imported.
      if (!dryRun) await this.identity.beforeRun(s, companyName, capabilitiesOf(erp).identity);
      const summary = await runCompanyPass(
        {
          scope: s,
          companyName,
          trigger: opts.trigger,
          dryRun,
          erp: syncable,
          store: store && watchedStore(store, touch),
          state: this.state,
          history: this.history,
          events: { record: (e) => (touch(), this.deps.events.record(e)) },
          toggles: saved ? { names: saved.syncNames, descriptions: saved.syncDescriptions } : ALL_FIELDS,
          stockRule: saved
            ? { negativeAsZero: saved.negativeStockAsZero, safetyStock: saved.safetyStock }
            : DEFAULT_STOCK_RULE,
          // Stamped invoices go to the store only with Sincronización Facturas on.
          catalogs: (opts.catalogs ?? CATALOGS).filter((c) => c !== 'invoices' || saved?.invoices === true),
          pushBatchSize: this.deps.pushBatchSize ?? 1000,
          readBatchSize: this.deps.readBatchSize ?? 500,
          signal: dog.signal,
          onProgress: (p) => {
            touch();
            opts.onProgress?.(p);
          },
          onActivity: touch,
          destinations: this.destinations,
          full: opts.full ?? false,
          deactivations: {
            limits: this.deactivationLimits.get(),
            held: this.held,
            approved: dryRun ? {} : this.held.approved(s),
          },
          freightArticleId: this.orderSettings.get(s).freightArticleId,
          inbound: saved ? { settings: saved, db: this.deps.db, now: () => this.clock().toISOString() } : null,
        },
        this.deps.phases ?? PHASES,
      );
      if (dog.stalled) this.deps.onStalled?.(s, { runId: summary.runId, companyName, message: summary.message });
      return summary;
    } finally {
      dog.stop();
      await erp.close();
    }
  }
}
