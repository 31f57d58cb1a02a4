import type { SettingsDb } from './database';
import type { CompanySettings } from '../../shared/company-settings';

export interface StoredCompanySettings extends CompanySettings {
  connectionId: number;
  urlKey: string | null;
  passwordSecretId: number | null;
  updatedAt: string;
  updatedBy: string;
}

interface Raw {
  ConnectionID: number;
  CompanyID: string;
  Sincronizar: number;
  PeriodoMinutos: number;
  SincronizarPedidos: number;
  SincronizarFacturas: number;
  SucursalID: string | null;
  TimbradoAutomatico: number;
  ClaveProdServ: string | null;
  ClaveUnidad: string | null;
  Url: string | null;
  UrlNormalizada: string | null;
  Usuario: string | null;
  ContrasenaSecretID: number | null;
  SincronizarNombres: number;
  SincronizarDescripciones: number;
  HorarioSincronizacion: string | null;
  NegativeAsZero: number;
  SafetyStock: number;
  UpdatedOn: string;
  UpdatedBy: string;
}

const COLUMNS = `ConnectionID, CompanyID, Sincronizar, PeriodoMinutos, SincronizarPedidos, SincronizarFacturas, SucursalID,
  TimbradoAutomatico, ClaveProdServ, ClaveUnidad, Url, UrlNormalizada, Usuario, ContrasenaSecretID, SincronizarNombres,
  SincronizarDescripciones, HorarioSincronizacion, UpdatedOn, UpdatedBy,
  COALESCE(r.NegativeAsZero, 1) AS NegativeAsZero, COALESCE(r.SafetyStock, 0) AS SafetyStock`;

/** orgWOpen with its sellable-stock side table (migration 014): a company without a row has the defaults. */
const FROM = 'orgWOpen LEFT JOIN company_stock_rules r USING (ConnectionID, CompanyID)';

const toStored = (r: Raw): StoredCompanySettings => ({
  connectionId: r.ConnectionID,
  companyId: r.CompanyID,
  sync: r.Sincronizar === 1,
  period: r.PeriodoMinutos,
  orders: r.SincronizarPedidos === 1,
  invoices: r.SincronizarFacturas === 1,
  branchId: r.SucursalID,
  autoStamp: r.TimbradoAutomatico === 1,
  claveProdServ: r.ClaveProdServ,
  claveUnidad: r.ClaveUnidad,
  url: r.Url,
  urlKey: r.UrlNormalizada,
  user: r.Usuario,
  passwordSecretId: r.ContrasenaSecretID,
  syncNames: r.SincronizarNombres === 1,
  syncDescriptions: r.SincronizarDescripciones === 1,
  hoursWindow: r.HorarioSincronizacion,
  negativeStockAsZero: r.NegativeAsZero === 1,
  safetyStock: r.SafetyStock,
  updatedAt: r.UpdatedOn,
  updatedBy: r.UpdatedBy,
});

/** Rows of orgWOpen: one per ERP connection × company. */
export class CompanySettingsRepo {
  constructor(private readonly db: SettingsDb) {}

  get(connectionId: number, companyId: string): StoredCompanySettings | undefined {
    const r = this.db
      .prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE ConnectionID = ? AND CompanyID = ?`)
      .get(connectionId, companyId) as Raw | undefined;
    return r ? toStored(r) : undefined;
  }

  listForConnection(connectionId: number): StoredCompanySettings[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE ConnectionID = ?`).all(connectionId) as Raw[]).map(
      toStored,
    );
  }

  listAll(): StoredCompanySettings[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM ${FROM} ORDER BY ConnectionID, CompanyID`).all() as Raw[]).map(
      toStored,
    );
  }

  /** The companies with Sincronizar ticked: what the scheduler, the tray and `wopen-sync sync` run. */
  listTicked(): StoredCompanySettings[] {
    return this.listAll().filter((s) => s.sync);
  }

  /** Every stored URL key with its owner, to refuse a URL already used by another company. */
  urlOwners(): { connectionId: number; companyId: string; urlKey: string }[] {
    return (
      this.db
        .prepare('SELECT ConnectionID, CompanyID, UrlNormalizada FROM orgWOpen WHERE UrlNormalizada IS NOT NULL')
        .all() as {
        ConnectionID: number;
        CompanyID: string;
        UrlNormalizada: string;
      }[]
    ).map((r) => ({ connectionId: r.ConnectionID, companyId: r.CompanyID, urlKey: r.UrlNormalizada }));
  }

  /**
   * Frees the URL keys of companies about to be rewritten, so a batch may swap URLs between companies
   * without tripping the UNIQUE index midway. Call inside the saving transaction.
   */
  releaseUrls(connectionId: number, companyIds: string[]): void {
    const stmt = this.db.prepare('UPDATE orgWOpen SET UrlNormalizada = NULL WHERE ConnectionID = ? AND CompanyID = ?');
    for (const id of companyIds) stmt.run(connectionId, id);
  }

  /** Inserts or replaces one company's row. Call inside a transaction. */
  upsert(
    s: CompanySettings & { connectionId: number; urlKey: string | null; passwordSecretId: number | null },
    actor: string,
    now: string,
  ): void {
    this.db
      .prepare(
        `INSERT INTO orgWOpen (ConnectionID, CompanyID, Sincronizar, PeriodoMinutos, SincronizarPedidos, SincronizarFacturas,
           SucursalID, TimbradoAutomatico, ClaveProdServ, ClaveUnidad, Url, UrlNormalizada, Usuario, ContrasenaSecretID,
           SincronizarNombres, SincronizarDescripciones, HorarioSincronizacion, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy)
         VALUES (@connectionId, @companyId, @sync, @period, @orders, @invoices, @branchId, @autoStamp, @claveProdServ,
           @claveUnidad, @url, @urlKey, @user, @passwordSecretId, @syncNames, @syncDescriptions, @hoursWindow,
           @now, @actor, @now, @actor)
         ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET
           Sincronizar = excluded.Sincronizar, PeriodoMinutos = excluded.PeriodoMinutos,
           SincronizarPedidos = excluded.SincronizarPedidos, SincronizarFacturas = excluded.SincronizarFacturas,
           SucursalID = excluded.SucursalID, TimbradoAutomatico = excluded.TimbradoAutomatico,
           ClaveProdServ = excluded.ClaveProdServ, ClaveUnidad = excluded.ClaveUnidad, Url = excluded.Url,
           UrlNormalizada = excluded.UrlNormalizada, Usuario = excluded.Usuario,
           ContrasenaSecretID = excluded.ContrasenaSecretID, SincronizarNombres = excluded.SincronizarNombres,
           SincronizarDescripciones = excluded.SincronizarDescripciones, HorarioSincronizacion = excluded.HorarioSincronizacion,
           UpdatedOn = excluded.UpdatedOn, UpdatedBy = excluded.UpdatedBy`,
      )
      .run({
        connectionId: s.connectionId,
        companyId: s.companyId,
        sync: s.sync ? 1 : 0,
        period: s.period,
        orders: s.orders ? 1 : 0,
        invoices: s.invoices ? 1 : 0,
        branchId: s.branchId,
        autoStamp: s.autoStamp ? 1 : 0,
        claveProdServ: s.claveProdServ,
        claveUnidad: s.claveUnidad,
        url: s.url,
        urlKey: s.urlKey,
        user: s.user,
        passwordSecretId: s.passwordSecretId,
        syncNames: s.syncNames ? 1 : 0,
        syncDescriptions: s.syncDescriptions ? 1 : 0,
        hoursWindow: s.hoursWindow,
        now,
        actor,
      });
    this.db
      .prepare(
        `INSERT INTO company_stock_rules (ConnectionID, CompanyID, NegativeAsZero, SafetyStock) VALUES (?, ?, ?, ?)
         ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET
           NegativeAsZero = excluded.NegativeAsZero, SafetyStock = excluded.SafetyStock`,
      )
      .run(s.connectionId, s.companyId, s.negativeStockAsZero ? 1 : 0, s.safetyStock);
  }
}
