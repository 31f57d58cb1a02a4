import { z } from 'zod';

/** The order settings of one company (Pedidos y cotizaciones), as the console edits them. */

const optionalId = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .nullable()
    .transform((v) => (v === '' ? null : v));

export const ORDER_SETTINGS_MESSAGES = {
  seriesTooLong: 'La serie no puede tener más de 20 caracteres.',
  articleTooLong: 'El artículo de fletes no es válido.',
  warehouseTooLong: 'El almacén no es válido.',
};

export const orderSettingsInputSchema = z
  .object({
    connectionId: z.number().int().positive(),
    companyId: z.string().min(1).max(64),
    seriesPedidos: optionalId(20, ORDER_SETTINGS_MESSAGES.seriesTooLong),
    seriesCotizaciones: optionalId(20, ORDER_SETTINGS_MESSAGES.seriesTooLong),
    freightArticleId: optionalId(64, ORDER_SETTINGS_MESSAGES.articleTooLong),
    warehouseId: optionalId(64, ORDER_SETTINGS_MESSAGES.warehouseTooLong),
    requireRfc: z.boolean({ error: 'Indique si el RFC es obligatorio para clientes nuevos.' }),
  })
  .strict();
export type OrderSettingsInput = z.input<typeof orderSettingsInputSchema>;

export interface OrderSettingsValues {
  seriesPedidos: string | null;
  seriesCotizaciones: string | null;
  freightArticleId: string | null;
  warehouseId: string | null;
  requireRfc: boolean;
}

export interface Choice {
  id: string;
  label: string;
}

export interface OrderSettingsView {
  settings: OrderSettingsValues;
  choices: { seriesPedidos: Choice[]; seriesCotizaciones: Choice[]; articles: Choice[]; warehouses: Choice[] };
  /** Spanish, one per thing that could not be read from the ERP. */
  warnings: string[];
}

export interface FailedOrderView {
  storeOrderId: string;
  /** Null when the store sent it malformed (only its reason is known). */
  kind: 'pedido' | 'cotizacion' | null;
  /** Pedido / Cotización / Mal formado */
  kindLabel: string;
  createdAt: string | null;
  customerKey: string;
  lines: number;
  reason: string;
  /** False for a malformed order: it must be corrected in the store, not retried here. */
  retryable: boolean;
}
