import type { SettingsDb } from '../settings/database';
import { ConnectionsRepo, type ConnectionRow } from '../settings/connections-repo';
import { CompanySettingsRepo, type StoredCompanySettings } from '../settings/company-settings-repo';
import type { SecretStore } from '../secrets/secret-store';
import { EVENT_CATEGORIES, type EventLog } from '../events/event-log';
import type { ErpFactory } from '../erp/registry';
import type { ErpConnector } from '../erp/port';
import { capabilitiesOf } from '../erp/capabilities';
import type { DiagnosticReport } from '../../shared/erp-diagnostics';
import type { StoreFactory } from '../store/port';
import { UserFacingError } from '../core/user-facing-error';
import type { CompanyList } from '../../shared/company-list';
import type { CompanySettingsView } from '../../shared/company-settings';
import type { ConnectionInput } from '../../shared/erp-connection';
import type { Responses } from '../../shared/ipc-contract';
import type { SaveResult } from '../../shared/settings-save-result';
import type { TestResult } from '../../shared/test-result';
import { defaultConnectionName, type ErpConfig, type ErpConnectionView } from '../../shared/erp-connection';
import { DESTINATION_CHANGED, erpDestination, storeDestination } from '../../shared/secret-destination';
import {
  DEFAULT_PERIOD,
  type CompanySettings,
  type CompanySettingsInput,
  type FieldError,
} from '../../shared/company-settings';
import { checkStoreUrl, urlForLog } from '../../shared/store-url';
import { planSettingsSave } from './settings-plan';
import { describeError } from './describe-error';
import { RunHistoryQueries, companyHealth } from '../engine/run-history-query';
import type { PreparedOrderSettings } from './order-settings-service';

/** A company id the ERP does not list: invalid input (the CLI exits 2), not a failure of the ERP. */
export class UnknownCompanyError extends UserFacingError {}

export interface ConsoleDeps {
  db: SettingsDb;
  secrets: SecretStore;
  events: EventLog;
  erpFactory: ErpFactory;
  storeFactory: StoreFactory;
  /** Who is making changes (OS user), for the audit columns. */
  actor: string;
  version: string;
  databasePath: string;
  clock?: () => Date;
  /** Whether this process is syncing that company now (a connection is not deleted under a running sync). */
  isSyncing?: (s: { connectionId: number; companyId: string }) => boolean;
}

/**
 * The console's use cases. The IPC handlers (desktop) and the `wopen-sync` CLI (headless) both call this,
 * so both validate and save the same way.
 */
export class ConsoleService {
  private readonly connections: ConnectionsRepo;
  private readonly settings: CompanySettingsRepo;
  private readonly clock: () => Date;
  private readonly history: RunHistoryQueries;

  constructor(private readonly deps: ConsoleDeps) {
    this.connections = new ConnectionsRepo(deps.db);
    this.settings = new CompanySettingsRepo(deps.db);
    this.clock = deps.clock ?? (() => new Date());
    this.history = new RunHistoryQueries(deps.db);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  appInfo(): Omit<Responses['getAppInfo'], 'engine'> {
    return { version: this.deps.version, databasePath: this.deps.databasePath, secretScheme: this.deps.secrets.scheme };
  }

  listConnections(): ErpConnectionView[] {
    return this.connections.list().map((c) => ({
      id: c.id,
      name: c.name,
      config: c.config,
      hasPassword: c.passwordSecretId !== null,
    }));
  }

  async saveConnection(input: ConnectionInput): Promise<{ id: number }> {
    const existing = input.id === undefined ? undefined : this.requireConnection(input.id);
    if (
      existing &&
      !input.newPassword &&
      existing.passwordSecretId !== null &&
      !this.erpPasswordFits(existing, input.config)
    )
      throw new UserFacingError(DESTINATION_CHANGED.erp);
    const sealed = input.newPassword ? await this.deps.secrets.seal(input.newPassword) : null;
    const now = this.now();
    const name = input.name?.trim() || existing?.name || defaultConnectionName(input.config);
    const id = this.deps.db.transaction(() => {
      const secretId = sealed
        ? this.deps.secrets.write(sealed, existing?.passwordSecretId ?? null, now, erpDestination(input.config))
        : (existing?.passwordSecretId ?? null);
      if (existing) {
        this.connections.update(
          { ...existing, name, config: input.config, passwordSecretId: secretId },
          this.deps.actor,
          now,
        );
        return existing.id;
      }
      return this.connections.insert({ name, config: input.config, passwordSecretId: secretId }, this.deps.actor, now);
    })();
    this.deps.events.record({
      level: 'info',
      category: EVENT_CATEGORIES.settings,
      connectionId: id,
      message: `${existing ? 'Se modificó' : 'Se agregó'} la conexión al ERP «${name}».`,
    });
    return { id };
  }

  /**
   * Deletes the connection with everything kept for it (docs/settings-database.md): its companies' settings and
   * Wopen passwords, order settings, sync state and Historial, both inboxes, its stored password. The events
   * of the Visor de eventos stay. Nothing is changed in the ERP or the store.
   */
  deleteConnection(connectionId: number): { deleted: boolean } {
    const existing = this.requireConnection(connectionId);
    const busy = this.connections
      .cachedCompanies(connectionId)
      .find((c) => this.deps.isSyncing?.({ connectionId, companyId: c.companyId }));
    if (busy) {
      throw new UserFacingError(
        `No se eliminó la conexión «${existing.name}»: «${busy.name}» se está sincronizando. Espere a que termine e inténtelo de nuevo.`,
      );
    }
    const secretIds = [
      existing.passwordSecretId,
      ...this.settings.listForConnection(connectionId).map((s) => s.passwordSecretId),
    ];
    this.deps.db.transaction(() => {
      this.connections.delete(connectionId);
      for (const id of secretIds) if (id !== null) this.deps.secrets.remove(id);
    })();
    this.deps.events.record({
      level: 'warning',
      category: EVENT_CATEGORIES.settings,
      message: `Se eliminó la conexión al ERP «${existing.name}» y la configuración de sus empresas.`,
    });
    return { deleted: true };
  }

  async testErpConnection(input: ConnectionInput): Promise<TestResult> {
    const started = Date.now();
    const label = input.name?.trim() || defaultConnectionName(input.config);
    let result: TestResult;
    try {
      result = await this.withConnector(input, (erp) => erp.testConnection());
    } catch (err) {
      const d = describeError(err);
      result = { ok: false, message: d.message, hints: d.hints, elapsedMs: Date.now() - started };
    }
    this.deps.events.record({
      level: result.ok ? 'info' : 'error',
      category: EVENT_CATEGORIES.erpConnection,
      connectionId: input.id ?? null,
      message: `Probar conexión con «${label}»: ${result.message}`,
      details: result.ok ? undefined : { hints: result.hints },
    });
    return result;
  }

  async discoverDatabases(input: ConnectionInput): Promise<Responses['discoverDatabases']> {
    return this.withConnector(input, async (erp) => {
      const discovery = capabilitiesOf(erp).discovery;
      if (!discovery) throw new UserFacingError('Este tipo de ERP no tiene bases de datos que buscar.');
      const databases = await discovery.discoverDatabases();
      return {
        databases,
        message:
          databases.length === 0
            ? 'No se encontraron bases de datos de CONTPAQi Comercial Start/Pro en el servidor.'
            : `Se encontraron ${databases.length} bases de datos de CONTPAQi Comercial Start/Pro.`,
      };
    });
  }

  /** Companies of a connection: read from the ERP, or from the last successful read when it is down. */
  async listCompanies(connectionId: number): Promise<CompanyList> {
    const connection = this.requireConnection(connectionId);
    let warning: string | null = null;
    try {
      const companies = await this.withSavedConnector(connection, (erp) => erp.listCompanies());
      this.connections.replaceCompanies(connectionId, companies, this.now());
    } catch (err) {
      const d = describeError(err);
      warning = `No se pudo leer la lista de empresas del ERP; se muestra la última lista leída. ${d.message}`;
      this.deps.events.record({
        level: 'error',
        category: EVENT_CATEGORIES.companies,
        connectionId,
        message: `No se pudo leer la lista de empresas de «${connection.name}»: ${d.message}`,
        details: { hints: d.hints },
      });
    }
    const saved = new Map(this.settings.listForConnection(connectionId).map((s) => [s.companyId, s]));
    const now = this.clock();
    return {
      warning,
      companies: this.connections.cachedCompanies(connectionId).map((c) => {
        const s = saved.get(c.companyId);
        return {
          companyId: c.companyId,
          name: c.name,
          missing: c.missing,
          configured: s !== undefined,
          sync: s?.sync ?? false,
          health: companyHealth(
            this.history,
            { connectionId, companyId: c.companyId },
            s && { sync: s.sync, periodMinutes: s.period },
            now,
          ),
        };
      }),
    };
  }

  /**
   * Sincronización Pedidos on a database that keeps a branch per document (Microsip 2020+: SUCURSALES has rows)
   * needs the company's *Sucursal*. When the ERP cannot be asked now the save goes on: the writer then keeps the
   * orders pending with the same message.
   */
  private async branchesRequired(
    connection: ConnectionRow,
    values: { companyId: string; orders: boolean; branchId: string | null }[],
    nameOf: (c: number, id: string) => string,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const v of values) {
      if (!v.orders || v.branchId) continue;
      const branches = await this.withSavedConnector(connection, (erp) => erp.listBranches(v.companyId)).catch(
        () => [],
      );
      if (branches.length === 0) continue;
      errors.push({
        companyId: v.companyId,
        field: 'branchId',
        message: `Elija la Sucursal de «${nameOf(connection.id, v.companyId)}»: su base de datos guarda la sucursal de cada pedido y Sincronización Pedidos la necesita.`,
      });
    }
    return errors;
  }

  /**
   * *Diagnóstico* (read-only): what the adapter relies on in the connection's database, or in one company's.
   * The company must be one the ERP lists; the list is read first when it was never read.
   */
  async diagnoseErp(connectionId: number, companyId: string | null): Promise<DiagnosticReport> {
    const connection = this.requireConnection(connectionId);
    if (companyId !== null && this.connections.companyName(connectionId, companyId) === undefined) {
      const companies = await this.withSavedConnector(connection, (erp) => erp.listCompanies()).catch(() => null);
      if (companies) this.connections.replaceCompanies(connectionId, companies, this.now());
      // An ERP that cannot be read now still gets diagnosed: the report says why it cannot connect.
      if (companies && !companies.some((c) => c.id === companyId)) {
        throw new UnknownCompanyError(`La empresa ${companyId} no existe en la conexión «${connection.name}».`);
      }
    }
    let report: DiagnosticReport;
    try {
      report = await this.withSavedConnector(connection, (erp) => {
        const diagnosis = capabilitiesOf(erp).diagnosis;
        if (!diagnosis)
          throw new UserFacingError(
            `La conexión «${connection.name}» es de un tipo de ERP que todavía no tiene Diagnóstico.`,
          );
        return diagnosis.diagnose(companyId);
      });
    } catch (err) {
      if (err instanceof UserFacingError) throw err;
      throw new UserFacingError(
        `No se pudo hacer el diagnóstico de «${connection.name}». ${describeError(err).message}`,
      );
    }
    const { correcto, advertencia, falta } = report.summary;
    this.deps.events.record({
      level: falta > 0 ? 'warning' : 'info',
      category: EVENT_CATEGORIES.erpConnection,
      connectionId,
      companyId,
      companyName:
        report.companyName ??
        (companyId === null ? null : (this.connections.companyName(connectionId, companyId) ?? null)),
      message: `Diagnóstico de «${connection.name}»: ${correcto} correcto, ${advertencia} advertencia, ${falta} falta.`,
      // What needs attention, so support finds it in the Visor de eventos without the copied report.
      details: {
        server: report.server,
        problems: report.sections.flatMap((s) =>
          s.checks.filter((c) => c.status !== 'correcto').map((c) => `${s.title} · ${c.subject}: ${c.message}`),
        ),
      },
    });
    return report;
  }

  async listBranches(connectionId: number, companyId: string): Promise<Responses['listBranches']> {
    const connection = this.requireConnection(connectionId);
    try {
      const branches = await this.withSavedConnector(connection, (erp) => erp.listBranches(companyId));
      return { branches, warning: null };
    } catch (err) {
      const d = describeError(err);
      return { branches: [], warning: `No se pudieron leer las sucursales del ERP. ${d.message}` };
    }
  }

  getCompanySettings(connectionId: number, companyId: string): CompanySettingsView {
    this.requireConnection(connectionId);
    const companyName = this.connections.companyName(connectionId, companyId);
    if (companyName === undefined) throw new UserFacingError(`La empresa ${companyId} no existe en esta conexión.`);
    const s = this.settings.get(connectionId, companyId);
    if (!s) {
      return {
        companyId,
        companyName,
        sync: false,
        period: DEFAULT_PERIOD,
        orders: false,
        invoices: false,
        branchId: null,
        autoStamp: false,
        claveProdServ: null,
        claveUnidad: null,
        url: null,
        user: null,
        syncNames: true,
        syncDescriptions: true,
        hoursWindow: null,
        negativeStockAsZero: true,
        safetyStock: 0,
        hasPassword: false,
        updatedAt: null,
        updatedBy: null,
      };
    }
    return toView(s, companyName);
  }

  /**
   * *Aceptar*: validates every edited company (and, when given, its *Pedidos y cotizaciones*, already checked
   * by OrderSettingsService.prepare) and saves all of them in one transaction, or none.
   */
  async saveSettings(
    connectionId: number,
    inputs: CompanySettingsInput[],
    orders?: PreparedOrderSettings,
  ): Promise<SaveResult> {
    const connection = this.requireConnection(connectionId);
    const nameOf = (connId: number, companyId: string): string =>
      this.connections.companyName(connId, companyId) ?? companyId;
    const plan = planSettingsSave({
      connectionId,
      inputs,
      stored: (companyId) => this.settings.get(connectionId, companyId),
      knownCompany: (companyId) => this.connections.companyName(connectionId, companyId) !== undefined,
      urlOwners: this.settings.urlOwners(),
      nameOf,
      destinationOf: (stored) => this.storePasswordDestination(stored),
    });
    const refusal = plan.ok
      ? await this.branchesRequired(
          connection,
          plan.items.map((i) => i.value),
          nameOf,
        )
      : plan.errors;
    const orderErrors = orders?.errors ?? [];
    if (!plan.ok || refusal.length > 0 || orderErrors.length > 0) {
      const companies = [...new Set([...refusal, ...orderErrors].map((e) => e.companyId))];
      const only = companies.length === 1 ? companies[0] : undefined;
      this.deps.events.record({
        level: 'warning',
        category: EVENT_CATEGORIES.settings,
        connectionId,
        companyId: only ?? null,
        companyName: only ? nameOf(connectionId, only) : null,
        message: `No se guardó la configuración de «${connection.name}»: ${[...refusal, ...orderErrors].map((e) => e.message).join(' ')}`,
      });
      return orderErrors.length > 0 ? { ok: false, errors: refusal, orderErrors } : { ok: false, errors: refusal };
    }
    // Encrypt first (async), then write everything synchronously in one transaction.
    const sealed = new Map<string, Buffer>();
    for (const item of plan.items) {
      if (typeof item.newPassword === 'string')
        sealed.set(item.value.companyId, await this.deps.secrets.seal(item.newPassword));
    }
    const now = this.now();
    try {
      this.deps.db.transaction(() => {
        this.settings.releaseUrls(
          connectionId,
          plan.items.map((i) => i.value.companyId),
        );
        for (const item of plan.items) {
          const previous = item.previous?.passwordSecretId ?? null;
          let secretId = previous;
          const seal = sealed.get(item.value.companyId);
          if (seal) secretId = this.deps.secrets.write(seal, previous, now, storeDestination(item.value.url));
          this.settings.upsert(
            {
              ...item.value,
              connectionId,
              urlKey: item.urlKey,
              passwordSecretId: item.newPassword === null ? null : secretId,
            },
            this.deps.actor,
            now,
          );
          if (item.newPassword === null && previous !== null) this.deps.secrets.remove(previous);
          this.deps.events.record({
            level: 'info',
            category: EVENT_CATEGORIES.settings,
            connectionId,
            companyId: item.value.companyId,
            companyName: nameOf(connectionId, item.value.companyId),
            message: describeSaved(item.value, item.newPassword),
          });
        }
        orders?.write();
      })();
    } catch (err) {
      const d = describeError(err);
      this.deps.events.record({
        level: 'error',
        category: EVENT_CATEGORIES.settings,
        connectionId,
        message: `No se guardó la configuración: ${d.message}`,
      });
      throw new UserFacingError(`No se guardó la configuración; no se modificó nada. ${d.message}`);
    }
    return {
      ok: true,
      saved: new Set([...plan.items.map((i) => i.value.companyId), ...(orders?.companies ?? [])]).size,
    };
  }

  async testStoreConnection(req: {
    connectionId: number;
    companyId: string;
    url: string;
    user: string;
    newPassword?: string;
  }): Promise<TestResult> {
    const started = Date.now();
    const fail = (message: string, hints: string[] = []): TestResult => ({
      ok: false,
      message,
      hints,
      elapsedMs: Date.now() - started,
    });
    const companyName = this.connections.companyName(req.connectionId, req.companyId) ?? req.companyId;
    let result: TestResult;
    const check = checkStoreUrl(req.url);
    const stored = this.settings.get(req.connectionId, req.companyId);
    if (!check.ok) result = fail(check.message);
    else if (!req.user.trim()) result = fail('Capture el Usuario de Wopen.');
    else {
      try {
        // A saved password is tried only against the store it was saved for; another URL needs it typed.
        const goesTo = storeDestination(check.url.toString());
        const savedFits = stored?.passwordSecretId != null && goesTo === this.storePasswordDestination(stored);
        if (req.newPassword === undefined && stored?.passwordSecretId != null && !savedFits)
          throw new UserFacingError(DESTINATION_CHANGED.store);
        const password =
          req.newPassword ??
          (savedFits && stored?.passwordSecretId != null && goesTo
            ? await this.deps.secrets.read(stored.passwordSecretId, {
                destination: goesTo,
                changed: DESTINATION_CHANGED.store,
              })
            : null);
        if (!password) result = fail('Capture la Contraseña de Wopen.');
        else
          result = await this.deps
            .storeFactory({ url: check.url.toString(), user: req.user.trim(), password })
            .testConnection();
      } catch (err) {
        const d = describeError(err);
        result = fail(d.message, d.hints);
      }
    }
    this.deps.events.record({
      level: result.ok ? 'info' : 'error',
      category: EVENT_CATEGORIES.storeConnection,
      connectionId: req.connectionId,
      companyId: req.companyId,
      companyName,
      message: `Probar conexión con Wopen (${urlForLog(req.url)}): ${result.message}`,
    });
    return result;
  }

  private requireConnection(id: number): ConnectionRow {
    const c = this.connections.get(id);
    if (!c) throw new UserFacingError(`No existe la conexión ${id}.`);
    return c;
  }

  private async withConnector<T>(input: ConnectionInput, fn: (erp: ErpConnector) => Promise<T>): Promise<T> {
    let password = input.newPassword;
    if (password === undefined && input.id !== undefined) {
      const saved = this.requireConnection(input.id);
      // *Probar conexión* / discovery with another server or database use only a password typed for it.
      if (saved.passwordSecretId !== null && !this.erpPasswordFits(saved, input.config))
        throw new UserFacingError(DESTINATION_CHANGED.erp);
      if (saved.passwordSecretId !== null)
        password = await this.deps.secrets.read(saved.passwordSecretId, {
          destination: erpDestination(input.config),
          changed: DESTINATION_CHANGED.erp,
        });
    }
    const erp = this.deps.erpFactory(input.config, password ?? '');
    try {
      return await fn(erp);
    } finally {
      await erp.close();
    }
  }

  /** Where the saved ERP password may go: the destination bound to it, else the saved connection's. */
  private erpPasswordFits(saved: ConnectionRow, config: ErpConfig): boolean {
    if (saved.passwordSecretId === null) return false;
    const bound = this.deps.secrets.destinationOf(saved.passwordSecretId) ?? erpDestination(saved.config);
    return bound === erpDestination(config);
  }

  /** Where a company's saved store password may go: the destination bound to it, else its saved URL's store. */
  private storePasswordDestination(stored: StoredCompanySettings): string | null {
    if (stored.passwordSecretId === null) return null;
    return this.deps.secrets.destinationOf(stored.passwordSecretId) ?? storeDestination(stored.url);
  }

  private async withSavedConnector<T>(c: ConnectionRow, fn: (erp: ErpConnector) => Promise<T>): Promise<T> {
    return this.withConnector({ id: c.id, config: c.config }, fn);
  }
}

function toView(s: StoredCompanySettings, companyName: string): CompanySettingsView {
  return {
    companyId: s.companyId,
    companyName,
    sync: s.sync,
    period: s.period,
    orders: s.orders,
    invoices: s.invoices,
    branchId: s.branchId,
    autoStamp: s.autoStamp,
    claveProdServ: s.claveProdServ,
    claveUnidad: s.claveUnidad,
    url: s.url,
    user: s.user,
    syncNames: s.syncNames,
    syncDescriptions: s.syncDescriptions,
    hoursWindow: s.hoursWindow,
    negativeStockAsZero: s.negativeStockAsZero,
    safetyStock: s.safetyStock,
    hasPassword: s.passwordSecretId !== null,
    updatedAt: s.updatedAt,
    updatedBy: s.updatedBy,
  };
}

const yesNo = (b: boolean): string => (b ? 'Sí' : 'No');

function describeSaved(v: CompanySettings, newPassword: string | null | undefined): string {
  // Worded so redactText (which hides "contraseña: <valor>") leaves it readable.
  const pw =
    newPassword === undefined
      ? 'sin cambio de contraseña'
      : newPassword === null
        ? 'contraseña eliminada'
        : 'contraseña nueva guardada';
  return (
    `Configuración guardada. Sincronizar: ${yesNo(v.sync)}; periodo: ${v.period} min.; pedidos: ${yesNo(v.orders)}; ` +
    `facturas: ${yesNo(v.invoices)}; timbrado automático: ${yesNo(v.autoStamp)}; URL: ${v.url ?? '(vacía)'}; ` +
    `usuario: ${v.user ?? '(vacío)'}; ${pw}; nombres: ${yesNo(v.syncNames)}; descripciones: ${yesNo(v.syncDescriptions)}; ` +
    `horario: ${v.hoursWindow ?? 'todo el día'}; existencias negativas como 0: ${yesNo(v.negativeStockAsZero)}; ` +
    `existencia de seguridad: ${v.safetyStock} unidades.`
  );
}
