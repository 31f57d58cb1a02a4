import type { SettingsDb } from '../../../settings/database';
import type { OrderSettings } from '../../../erp/order-writer';
import type { Scope } from '../../../core/scope';

export const DEFAULT_ORDER_SETTINGS: OrderSettings = {
  seriesPedidos: null,
  seriesCotizaciones: null,
  freightArticleId: null,
  warehouseId: null,
  requireRfc: false,
};

interface Raw {
  SeriePedidos: string | null;
  SerieCotizaciones: string | null;
  ArticuloFletesID: string | null;
  AlmacenID: string | null;
  RequiereRfc: number;
}

/** Per-company order settings (order_settings); a company without a row uses the ERP's defaults. */
export class OrderSettingsRepo {
  constructor(
    private readonly db: SettingsDb,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  get(s: Scope): OrderSettings {
    const r = this.db
      .prepare(
        'SELECT SeriePedidos, SerieCotizaciones, ArticuloFletesID, AlmacenID, RequiereRfc FROM order_settings WHERE ConnectionID = ? AND CompanyID = ?',
      )
      .get(s.connectionId, s.companyId) as Raw | undefined;
    if (!r) return { ...DEFAULT_ORDER_SETTINGS };
    return {
      seriesPedidos: r.SeriePedidos,
      seriesCotizaciones: r.SerieCotizaciones,
      freightArticleId: r.ArticuloFletesID,
      warehouseId: r.AlmacenID,
      requireRfc: r.RequiereRfc === 1,
    };
  }

  save(s: Scope, settings: OrderSettings, actor: string): void {
    this.db
      .prepare(
        `INSERT INTO order_settings (ConnectionID, CompanyID, SeriePedidos, SerieCotizaciones, ArticuloFletesID, AlmacenID, RequiereRfc, UpdatedOn, UpdatedBy)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (ConnectionID, CompanyID) DO UPDATE SET SeriePedidos = excluded.SeriePedidos, SerieCotizaciones = excluded.SerieCotizaciones,
           ArticuloFletesID = excluded.ArticuloFletesID, AlmacenID = excluded.AlmacenID, RequiereRfc = excluded.RequiereRfc,
           UpdatedOn = excluded.UpdatedOn, UpdatedBy = excluded.UpdatedBy`,
      )
      .run(
        s.connectionId,
        s.companyId,
        settings.seriesPedidos,
        settings.seriesCotizaciones,
        settings.freightArticleId,
        settings.warehouseId,
        settings.requireRfc ? 1 : 0,
        this.now(),
        actor,
      );
  }
}
