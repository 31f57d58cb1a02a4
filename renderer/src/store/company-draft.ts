import type { CompanySettingsInput, SettingsField } from '../../../shared/company-settings';
import type { CompanySettingsView } from '../../../shared/ipc-contract';

/**
 * What the dialog holds while the user edits one company: every field as typed (text stays text so
 * "4" or "abc" reach the validator exactly as CONTPAQi would see them).
 */
export interface CompanyDraft {
  sync: boolean;
  period: string;
  orders: boolean;
  invoices: boolean;
  branchId: string;
  autoStamp: boolean;
  claveProdServ: string;
  claveUnidad: string;
  url: string;
  user: string;
  /** Typed password; empty means "keep the saved one" (the saved one is never sent to the page). */
  newPassword: string;
  /** Checked: the ERP keeps article/customer names updated; unchecked: they are managed in the store. */
  syncNames: boolean;
  syncDescriptions: boolean;
  /** 'HH:MM-HH:MM' as typed; empty = any time of day. */
  hoursWindow: string;
  /** *Publicar existencias negativas como 0*. */
  negativeStockAsZero: boolean;
  /** *Existencia de seguridad (unidades)* as typed. */
  safetyStock: string;
}

export function draftFromSaved(s: CompanySettingsView): CompanyDraft {
  return {
    sync: s.sync,
    period: String(s.period),
    orders: s.orders,
    invoices: s.invoices,
    branchId: s.branchId ?? '',
    autoStamp: s.autoStamp,
    claveProdServ: s.claveProdServ ?? '',
    claveUnidad: s.claveUnidad ?? '',
    url: s.url ?? '',
    user: s.user ?? '',
    newPassword: '',
    syncNames: s.syncNames,
    syncDescriptions: s.syncDescriptions,
    hoursWindow: s.hoursWindow ?? '',
    negativeStockAsZero: s.negativeStockAsZero,
    safetyStock: String(s.safetyStock),
  };
}

export function isDirty(draft: CompanyDraft, saved: CompanySettingsView): boolean {
  const base = draftFromSaved(saved);
  return (Object.keys(base) as (keyof CompanyDraft)[]).some((k) => base[k] !== draft[k]);
}

export function toSettingsInput(companyId: string, d: CompanyDraft): CompanySettingsInput {
  return {
    companyId,
    sync: d.sync,
    period: d.period,
    orders: d.orders,
    invoices: d.invoices,
    branchId: d.branchId || null,
    autoStamp: d.autoStamp,
    claveProdServ: d.claveProdServ,
    claveUnidad: d.claveUnidad,
    url: d.url,
    user: d.user,
    syncNames: d.syncNames,
    syncDescriptions: d.syncDescriptions,
    hoursWindow: d.hoursWindow,
    negativeStockAsZero: d.negativeStockAsZero,
    safetyStock: d.safetyStock,
    // Only a typed password travels; otherwise the stored one is kept by main.
    ...(d.newPassword ? { newPassword: d.newPassword } : {}),
  };
}

/** DOM ids of the inputs, so a validation message can put the cursor on the offending field. */
export const FIELD_IDS: Record<SettingsField, string> = {
  period: 'wopen-period',
  claveProdServ: 'wopen-clave-prodserv',
  claveUnidad: 'wopen-clave-unidad',
  url: 'wopen-url',
  user: 'wopen-user',
  password: 'wopen-password',
  hoursWindow: 'wopen-hours-window',
  branchId: 'wopen-branch',
  safetyStock: 'wopen-safety-stock',
};
