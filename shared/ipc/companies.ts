import { z } from 'zod';
import type { CompanyList } from '../company-list';
import { companySettingsInputSchema, type CompanySettingsView } from '../company-settings';
import { orderSettingsInputSchema } from '../order-settings';
import type { SaveResult } from '../settings-save-result';
import type { TestResult } from '../test-result';
import type { CompaniesMethod } from './companies-methods';
import { companyRef, id } from './refs';

/** The companies of a connection and their Opciones > Wopen settings. */
export const companiesRequests = {
  listCompanies: { request: z.object({ connectionId: id, refresh: z.boolean().optional() }).strict() },
  listBranches: { request: companyRef },
  getCompanySettings: { request: companyRef },
  saveSettings: {
    request: z
      .object({
        connectionId: id,
        companies: z.array(companySettingsInputSchema).max(500),
        /** *Pedidos y cotizaciones* of the edited companies, saved in the same transaction. */
        orders: z.array(orderSettingsInputSchema).max(500).optional(),
      })
      .strict(),
  },
  testStoreConnection: {
    request: companyRef.extend({
      url: z.string().max(2000),
      user: z.string().max(2000),
      newPassword: z.string().max(2000).optional(),
    }),
  },
} satisfies Record<CompaniesMethod, { request: z.ZodType }>;

export interface CompaniesResponses {
  listCompanies: CompanyList;
  listBranches: { branches: { id: string; name: string }[]; warning: string | null };
  getCompanySettings: CompanySettingsView;
  saveSettings: SaveResult;
  testStoreConnection: TestResult;
}
