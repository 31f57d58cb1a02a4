import type { CompanySettingsInput } from '../../shared/company-settings';

/**
 * What *Aceptar* sends for one company, with everything off and empty unless the test says otherwise: tests
 * name only the fields they are about.
 */
export function settingsInput(companyId: string, over: Partial<CompanySettingsInput> = {}): CompanySettingsInput {
  return {
    companyId,
    sync: false,
    period: '30',
    orders: false,
    invoices: false,
    branchId: null,
    autoStamp: false,
    claveProdServ: '',
    claveUnidad: '',
    url: '',
    user: '',
    ...over,
  };
}
