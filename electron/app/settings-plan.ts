import {
  MESSAGES,
  validateCompanySettings,
  type CompanySettings,
  type CompanySettingsInput,
  type FieldError,
} from '../../shared/company-settings';
import { normalizeStoreUrl } from '../../shared/store-url';
import { DESTINATION_CHANGED, storeDestination } from '../../shared/secret-destination';
import type { StoredCompanySettings } from '../settings/company-settings-repo';

export interface PlannedSave {
  value: CompanySettings;
  urlKey: string | null;
  newPassword: string | null | undefined;
  previous: StoredCompanySettings | undefined;
}

export interface PlanInput {
  connectionId: number;
  inputs: CompanySettingsInput[];
  stored: (companyId: string) => StoredCompanySettings | undefined;
  knownCompany: (companyId: string) => boolean;
  urlOwners: { connectionId: number; companyId: string; urlKey: string }[];
  nameOf: (connectionId: number, companyId: string) => string;
  /** Where the company's saved password may go: the destination bound to it, or the saved URL's store. */
  destinationOf: (stored: StoredCompanySettings) => string | null;
}

/**
 * Decides, without writing anything, whether *Aceptar* may save: every company valid, every store URL used
 * by one company only (compared normalized, across all connections, including the other companies being
 * saved in the same batch).
 */
export function planSettingsSave(
  p: PlanInput,
): { ok: true; items: PlannedSave[] } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const items: PlannedSave[] = [];
  const seen = new Set<string>();

  for (const input of p.inputs) {
    if (seen.has(input.companyId)) {
      errors.push({
        companyId: input.companyId,
        field: 'period',
        message: `La empresa ${input.companyId} viene dos veces.`,
      });
      continue;
    }
    seen.add(input.companyId);
    if (!p.knownCompany(input.companyId)) {
      errors.push({
        companyId: input.companyId,
        field: 'period',
        message: `La empresa ${input.companyId} no existe en esta conexión. Actualice la lista de empresas.`,
      });
      continue;
    }
    const previous = p.stored(input.companyId);
    // Fields a caller leaves out (an older client, the CLI) keep their saved value.
    const merged: CompanySettingsInput = {
      ...input,
      syncNames: input.syncNames ?? previous?.syncNames,
      syncDescriptions: input.syncDescriptions ?? previous?.syncDescriptions,
      hoursWindow: input.hoursWindow ?? previous?.hoursWindow ?? undefined,
      negativeStockAsZero: input.negativeStockAsZero ?? previous?.negativeStockAsZero,
      safetyStock: input.safetyStock ?? previous?.safetyStock,
    };
    const result = validateCompanySettings(merged, previous?.passwordSecretId != null);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    // A kept password goes only to the store it was typed for: another origin needs it typed again.
    const keepsPassword = input.newPassword === undefined && previous?.passwordSecretId != null;
    const goesTo = storeDestination(result.value.url);
    if (keepsPassword && goesTo !== null && goesTo !== p.destinationOf(previous)) {
      errors.push({ companyId: input.companyId, field: 'password', message: DESTINATION_CHANGED.store });
      continue;
    }
    const urlKey = result.value.url ? normalizeStoreUrl(result.value.url) : null;
    items.push({ value: result.value, urlKey, newPassword: input.newPassword, previous });
  }

  // URL ownership after the save: stored owners, minus companies being rewritten now, plus the batch.
  const owners = new Map<string, { connectionId: number; companyId: string }>();
  for (const o of p.urlOwners) {
    if (o.connectionId === p.connectionId && seen.has(o.companyId)) continue;
    owners.set(o.urlKey, o);
  }
  for (const item of items) {
    if (!item.urlKey) continue;
    const owner = owners.get(item.urlKey);
    if (owner && !(owner.connectionId === p.connectionId && owner.companyId === item.value.companyId)) {
      errors.push({
        companyId: item.value.companyId,
        field: 'url',
        message: MESSAGES.urlInUse(p.nameOf(owner.connectionId, owner.companyId)),
      });
      continue;
    }
    owners.set(item.urlKey, { connectionId: p.connectionId, companyId: item.value.companyId });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}
