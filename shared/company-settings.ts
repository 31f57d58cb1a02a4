import { z } from 'zod';
import { checkStoreUrl } from './store-url';
import { formatHoursWindow, parseHoursWindow } from './hours-window';

/**
 * Per-company Wopen settings, as the "Opciones > Wopen" dialog edits them. Shared by the renderer (to
 * show messages before the round trip) and the main process (which re-validates everything).
 */

export const PERIOD_MIN = 5;
export const PERIOD_MAX = 1440;
export const DEFAULT_PERIOD = 30;
/** *Existencia de seguridad (unidades)*: whole units, 0..SAFETY_STOCK_MAX. */
export const SAFETY_STOCK_MAX = 1_000_000;

export const MESSAGES = {
  period: `El Periodo de sincronización (min.) debe ser un número entero entre ${PERIOD_MIN} y ${PERIOD_MAX} minutos (${PERIOD_MAX} min. equivale a 24 hrs.).`,
  claveProdServ: 'La Clave Prod/Serv debe tener exactamente 8 dígitos, por ejemplo 01010101.',
  claveUnidad: 'La Clave Unidad debe ser una clave de unidad del SAT de 2 o 3 letras o dígitos, por ejemplo H87 o E48.',
  urlRequired: 'Para sincronizar la empresa capture la URL de Wopen.',
  userRequired: 'Para sincronizar la empresa capture el Usuario de Wopen.',
  passwordRequired: 'Para sincronizar la empresa capture la Contraseña de Wopen.',
  userTooLong: 'El Usuario de Wopen no puede tener más de 120 caracteres.',
  passwordTooLong: 'La Contraseña de Wopen no puede tener más de 256 caracteres.',
  urlTooLong: 'La URL de Wopen no puede tener más de 300 caracteres.',
  hoursWindow:
    'El Horario de sincronización debe tener el formato HH:MM-HH:MM, por ejemplo 07:00-21:00 (vacío = todo el día).',
  safetyStock: `La Existencia de seguridad (unidades) debe ser un número entero entre 0 y ${SAFETY_STOCK_MAX.toLocaleString('es-MX')}.`,
  urlInUse: (company: string) =>
    `La URL de Wopen ya está asignada a la empresa «${company}». Una URL de CONTPAQi Wopen solo puede usarse para una empresa.`,
} as const;

/** What the dialog sends for one company. Text fields arrive as typed; the schema normalizes them. */
export const companySettingsInputSchema = z.object({
  companyId: z.string().min(1).max(64),
  sync: z.boolean(),
  period: z.union([z.string(), z.number()]),
  orders: z.boolean(),
  invoices: z.boolean(),
  branchId: z.string().max(64).nullable(),
  autoStamp: z.boolean(),
  claveProdServ: z.string().max(64),
  claveUnidad: z.string().max(64),
  url: z.string().max(2000),
  user: z.string().max(2000),
  /** undefined keeps the saved password, null removes it, a string replaces it. */
  newPassword: z.string().max(2000).nullable().optional(),
  /** Field toggles and hours window; undefined keeps what is saved. */
  syncNames: z.boolean().optional(),
  syncDescriptions: z.boolean().optional(),
  hoursWindow: z.string().max(50).optional(),
  /** Sellable stock; undefined keeps what is saved (defaults: negative as 0, no buffer). */
  negativeStockAsZero: z.boolean().optional(),
  safetyStock: z.union([z.string().max(50), z.number()]).optional(),
});
export type CompanySettingsInput = z.infer<typeof companySettingsInputSchema>;

/** Normalized settings, ready to store. */
export interface CompanySettings {
  companyId: string;
  sync: boolean;
  period: number;
  orders: boolean;
  invoices: boolean;
  branchId: string | null;
  autoStamp: boolean;
  claveProdServ: string | null;
  claveUnidad: string | null;
  url: string | null;
  user: string | null;
  syncNames: boolean;
  syncDescriptions: boolean;
  /** 'HH:MM-HH:MM' or null for any time. */
  hoursWindow: string | null;
  /** *Publicar existencias negativas como 0*. */
  negativeStockAsZero: boolean;
  /** *Existencia de seguridad (unidades)*, subtracted from what the store may sell. */
  safetyStock: number;
}

/** A company's saved settings as the dialog shows them: never the password, only whether one is stored. */
export interface CompanySettingsView extends CompanySettings {
  companyName: string;
  hasPassword: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

export type SettingsField =
  'period' | 'claveProdServ' | 'claveUnidad' | 'url' | 'user' | 'password' | 'hoursWindow' | 'branchId' | 'safetyStock';

export interface FieldError {
  companyId: string;
  field: SettingsField;
  message: string;
}

export type ValidationResult = { ok: true; value: CompanySettings } | { ok: false; errors: FieldError[] };

/** Parses the period as CONTPAQi does: whole minutes only, 5..1440. */
export function parsePeriod(raw: string | number): number | null {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const value = Number(text);
  return value >= PERIOD_MIN && value <= PERIOD_MAX ? value : null;
}

/** Whole units 0..SAFETY_STOCK_MAX; empty means 0. */
export function parseSafetyStock(raw: string | number): number | null {
  const text = typeof raw === 'number' ? String(raw) : raw.trim();
  if (text === '') return 0;
  if (!/^\d{1,7}$/.test(text)) return null;
  const value = Number(text);
  return value <= SAFETY_STOCK_MAX ? value : null;
}

/**
 * Validates one company. `hasSavedPassword` tells whether a password is already stored, so a company can
 * keep syncing without retyping it.
 */
export function validateCompanySettings(input: CompanySettingsInput, hasSavedPassword: boolean): ValidationResult {
  const errors: FieldError[] = [];
  const add = (field: SettingsField, message: string): void => {
    errors.push({ companyId: input.companyId, field, message });
  };

  const period = parsePeriod(input.period);
  if (period === null) add('period', MESSAGES.period);

  const claveProdServ = input.claveProdServ.trim();
  if (claveProdServ && !/^\d{8}$/.test(claveProdServ)) add('claveProdServ', MESSAGES.claveProdServ);

  const claveUnidad = input.claveUnidad.trim().toUpperCase();
  if (claveUnidad && !/^[A-Z0-9]{2,3}$/.test(claveUnidad)) add('claveUnidad', MESSAGES.claveUnidad);

  const url = input.url.trim();
  if (url.length > 300) add('url', MESSAGES.urlTooLong);
  else if (url) {
    const check = checkStoreUrl(url);
    if (!check.ok) add('url', check.message);
  } else if (input.sync) add('url', MESSAGES.urlRequired);

  const user = input.user.trim();
  if (user.length > 120) add('user', MESSAGES.userTooLong);
  else if (!user && input.sync) add('user', MESSAGES.userRequired);

  const pw = input.newPassword;
  if (typeof pw === 'string' && pw.length > 256) add('password', MESSAGES.passwordTooLong);
  const willHavePassword = typeof pw === 'string' ? pw.length > 0 : pw === null ? false : hasSavedPassword;
  if (input.sync && !willHavePassword) add('password', MESSAGES.passwordRequired);

  const windowText = (input.hoursWindow ?? '').trim();
  const window = windowText ? parseHoursWindow(windowText) : null;
  if (windowText && !window) add('hoursWindow', MESSAGES.hoursWindow);

  const safetyStock = parseSafetyStock(input.safetyStock ?? 0);
  if (safetyStock === null) add('safetyStock', MESSAGES.safetyStock);

  if (errors.length > 0 || period === null || safetyStock === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      companyId: input.companyId,
      sync: input.sync,
      period,
      orders: input.orders,
      invoices: input.invoices,
      branchId: input.branchId && input.branchId.trim() ? input.branchId.trim() : null,
      autoStamp: input.autoStamp,
      claveProdServ: claveProdServ || null,
      claveUnidad: claveUnidad || null,
      url: url || null,
      user: user || null,
      syncNames: input.syncNames ?? true,
      syncDescriptions: input.syncDescriptions ?? true,
      hoursWindow: window ? formatHoursWindow(window) : null,
      negativeStockAsZero: input.negativeStockAsZero ?? true,
      safetyStock,
    },
  };
}

/** The notice CONTPAQi shows when "Timbrado de factura automática" is ticked (seed, "Importante"). */
export const AUTO_STAMP_NOTICE =
  'Al habilitar esta opción, si existen solicitudes de Facturas en Wopen, al sincronizar con el sistema CONTPAQi® Comercial Start/Pro se consumirá un usuario más de la licencia adquirida para el sistema.';

export const DEFAULT_KEYS_NOTICE =
  'Si asigna algún valor en estos campos, al realizar el timbrado en el XML se asignará la misma Clave Prod/Serv y Clave Unidad para todos los productos que se encuentren en CONTPAQi® Wopen y no estén en su empresa.';
