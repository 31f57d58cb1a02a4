import { DESTINATION_CHANGED, erpDestination } from '../../shared/secret-destination';
import type { CatalogSource } from '../erp/catalog-source';
import { capabilitiesOf } from '../erp/capabilities';
import type { ErpFactory } from '../erp/registry';
import type { EventLog } from '../events/event-log';
import type { SecretStore } from '../secrets/secret-store';
import { ConnectionsRepo } from '../settings/connections-repo';
import { CompanySettingsRepo } from '../settings/company-settings-repo';
import type { SettingsDb } from '../settings/database';
import type { SyncEngine } from '../engine/sync-engine';
import type { Scope } from '../core/scope';
import { UserFacingError } from '../core/user-facing-error';
import type { OrderFieldError } from '../../shared/settings-save-result';
import {
  orderSettingsInputSchema,
  type Choice,
  type FailedOrderView,
  type OrderSettingsInput,
  type OrderSettingsValues,
  type OrderSettingsView,
} from '../../shared/order-settings';
import { describeError } from './describe-error';

/** Articles offered for *Artículo de fletes* (the first ones by block order, or those matching the search). */
export const ARTICLE_CHOICES_LIMIT = 2000;

const ARTICLE_KEYED = ['articles', 'stock', 'article-prices'] as const;

export interface OrderSettingsServiceDeps {
  db: SettingsDb;
  secrets: SecretStore;
  erpFactory: ErpFactory;
  engine: SyncEngine;
  events: EventLog;
  actor: string;
  /** Starts a manual run after *Reintentar* (SyncController.syncNow). */
  syncNow: (s: Scope) => { started: boolean; message: string };
}

export type SaveOrderSettingsResult = { ok: true } | { ok: false; errors: { field: string; message: string }[] };

/** Order settings checked for one *Aceptar*: what was refused, and the write to run in the save's transaction. */
export interface PreparedOrderSettings {
  errors: OrderFieldError[];
  /** Companies whose order settings `write` saves. */
  companies: string[];
  write(): void;
}

const fieldErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => ({ field: String(i.path[0] ?? ''), message: i.message }));

/** *Pedidos y cotizaciones* of one company — settings with choices from the ERP, failed orders, Reintentar. */
export class OrderSettingsService {
  private readonly connections: ConnectionsRepo;
  private readonly companySettings: CompanySettingsRepo;

  constructor(private readonly deps: OrderSettingsServiceDeps) {
    this.connections = new ConnectionsRepo(deps.db);
    this.companySettings = new CompanySettingsRepo(deps.db);
  }

  async get(s: Scope, articleSearch?: string): Promise<OrderSettingsView> {
    this.requireCompany(s);
    const view: OrderSettingsView = {
      settings: this.deps.engine.orderSettings.get(s),
      choices: { seriesPedidos: [], seriesCotizaciones: [], articles: [], warehouses: [] },
      warnings: [],
    };
    const connection = this.connections.get(s.connectionId)!;
    const password =
      connection.passwordSecretId !== null
        ? await this.deps.secrets.read(connection.passwordSecretId, {
            destination: erpDestination(connection.config),
            changed: DESTINATION_CHANGED.erp,
          })
        : '';
    const erp = this.deps.erpFactory(connection.config, password);
    try {
      const caps = capabilitiesOf(erp);
      if (caps.orders) {
        try {
          const writer = await caps.orders.openOrders(s.companyId);
          try {
            // Folios are per branch in Microsip 2020+: the series of the company's saved *Sucursal*.
            const branchId = this.companySettings.get(s.connectionId, s.companyId)?.branchId ?? null;
            view.choices.seriesPedidos = await writer.listSeries('pedido', branchId);
            view.choices.seriesCotizaciones = await writer.listSeries('cotizacion', branchId);
          } finally {
            await writer.close().catch(() => undefined);
          }
        } catch (err) {
          view.warnings.push(`No se pudieron leer las series del ERP. ${describeError(err).message}`);
        }
      } else {
        view.warnings.push('Este ERP todavía no puede recibir pedidos: no hay series para elegir.');
      }
      if (caps.catalogs) {
        let source: CatalogSource | null = null;
        try {
          source = await caps.catalogs.openCatalogs(s.companyId);
          view.choices.articles = await readChoices(source, 'articles', ARTICLE_CHOICES_LIMIT, articleSearch);
          view.choices.warehouses = await readChoices(source, 'warehouses', 500);
        } catch (err) {
          view.warnings.push(`No se pudieron leer los artículos o almacenes del ERP. ${describeError(err).message}`);
        } finally {
          await source?.close().catch(() => undefined);
        }
      } else {
        view.warnings.push('Este ERP no ofrece su catálogo de artículos y almacenes.');
      }
    } finally {
      await erp.close().catch(() => undefined);
    }
    return view;
  }

  /** The saved settings only (no ERP read): the CLI's `config show`. */
  current(s: Scope): OrderSettingsValues {
    this.requireCompany(s);
    return this.deps.engine.orderSettings.get(s);
  }

  save(input: OrderSettingsInput): SaveOrderSettingsResult {
    const parsed = orderSettingsInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
    const { connectionId, companyId, ...settings } = parsed.data;
    const s = { connectionId, companyId };
    this.requireCompany(s);
    this.deps.db.transaction(() => this.write(s, settings))();
    return { ok: true };
  }

  /**
   * *Pedidos y cotizaciones* saved by the dialog's *Aceptar* with the company settings. Checks every
   * input now, writes nothing; `write` is called by ConsoleService.saveSettings inside its own transaction,
   * and only when nothing (company or order setting) was refused.
   */
  prepare(connectionId: number, inputs: readonly OrderSettingsInput[]): PreparedOrderSettings {
    const errors: OrderFieldError[] = [];
    const ready: { scope: Scope; settings: OrderSettingsValues }[] = [];
    const seen = new Set<string>();
    for (const input of inputs) {
      const companyId = String(input.companyId);
      const refuse = (field: string, message: string) => errors.push({ companyId, field, message });
      const parsed = orderSettingsInputSchema.safeParse(input);
      if (!parsed.success) {
        for (const e of fieldErrors(parsed.error.issues)) refuse(e.field, e.message);
        continue;
      }
      const { connectionId: own, companyId: _id, ...settings } = parsed.data;
      if (own !== connectionId)
        refuse('connectionId', `La configuración de pedidos de la empresa ${companyId} es de otra conexión.`);
      else if (seen.has(companyId))
        refuse('companyId', `La configuración de pedidos de la empresa ${companyId} viene dos veces.`);
      else if (this.connections.companyName(connectionId, companyId) === undefined) {
        refuse('companyId', `La empresa ${companyId} no existe en esta conexión. Actualice la lista de empresas.`);
      } else ready.push({ scope: { connectionId, companyId }, settings });
      seen.add(companyId);
    }
    return {
      errors,
      companies: ready.map((r) => r.scope.companyId),
      write: () => {
        for (const r of ready) this.write(r.scope, r.settings);
      },
    };
  }

  /** Writes checked settings (the caller holds the transaction) and records the event with them. */
  private write(s: Scope, settings: OrderSettingsValues): void {
    const before = this.deps.engine.orderSettings.get(s);
    this.deps.engine.orderSettings.save(s, settings, this.deps.actor);
    if (before.freightArticleId !== settings.freightArticleId) {
      // Compare every block again: the new freight article is deactivated, the former one published again.
      const state = this.deps.engine.state;
      for (const c of ARTICLE_KEYED) {
        const projection = state.projection(s, c);
        if (projection !== undefined) state.resetProjection(s, c, projection);
      }
    }
    this.deps.events.record({
      level: 'info',
      category: 'settings',
      connectionId: s.connectionId,
      companyId: s.companyId,
      companyName: this.connections.companyName(s.connectionId, s.companyId) ?? null,
      message: 'Configuración de pedidos y cotizaciones guardada.',
    });
  }

  listFailed(s: Scope): FailedOrderView[] {
    this.requireCompany(s);
    return this.deps.engine.inbox.rejected(s, this.deps.engine.destinations.current(s)).map((r) => ({
      storeOrderId: r.storeOrderId,
      kind: r.order?.kind ?? null,
      kindLabel: !r.order ? 'Mal formado' : r.order.kind === 'pedido' ? 'Pedido' : 'Cotización',
      createdAt: r.order?.createdAt ?? null,
      customerKey: r.order?.customerKey ?? '',
      lines: r.order?.lines.length ?? 0,
      reason: r.rejectReason ?? 'Rechazado por el ERP.',
      retryable: !r.malformed,
    }));
  }

  retry(s: Scope, storeOrderId: string): { started: boolean; message: string } {
    this.requireCompany(s);
    if (!this.deps.engine.inbox.retry(s, this.deps.engine.destinations.current(s), storeOrderId)) {
      throw new UserFacingError(
        `El pedido ${storeOrderId} no está en la lista de pedidos con error, o la tienda lo envió mal formado: corríjalo en la tienda y se importará en la siguiente sincronización.`,
      );
    }
    let r: { started: boolean; message: string };
    try {
      r = this.deps.syncNow(s);
    } catch (err) {
      // E.g. the store is not configured yet: the order stays queued for the next run that can start.
      r = { started: false, message: describeError(err).message };
    }
    return r.started
      ? { started: true, message: `Reintento iniciado: el pedido ${storeOrderId} se escribirá de nuevo en el ERP.` }
      : {
          started: false,
          message: `El pedido ${storeOrderId} se escribirá en la próxima sincronización. ${r.message}`,
        };
  }

  private requireCompany(s: Scope): void {
    if (!this.connections.get(s.connectionId)) throw new UserFacingError(`No existe la conexión ${s.connectionId}.`);
    if (this.connections.companyName(s.connectionId, s.companyId) === undefined) {
      throw new UserFacingError(`La empresa ${s.companyId} no existe en esta conexión.`);
    }
  }
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));

async function readChoices(
  source: CatalogSource,
  catalog: 'articles' | 'warehouses',
  limit: number,
  search?: string,
): Promise<Choice[]> {
  if (!source.catalogs.includes(catalog)) return [];
  const needle = search?.trim().toLocaleLowerCase('es-MX') ?? '';
  const out: Choice[] = [];
  for await (const batch of source.read(catalog, { batchSize: 500 })) {
    for (const rec of batch) {
      const code = str(rec.data.code);
      const name = str(rec.data.name);
      const label = code && code !== name ? `${code} · ${name}` : name || rec.key;
      if (needle && !label.toLocaleLowerCase('es-MX').includes(needle)) continue;
      out.push({ id: rec.key, label });
      if (out.length >= limit) return out;
    }
  }
  return out;
}
