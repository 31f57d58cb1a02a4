import type { CompaniesMethod } from '../../shared/ipc/companies-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

export function companiesHandlers({
  service,
  orders,
}: Pick<HandlerDeps, 'service' | 'orders'>): HandlersOf<CompaniesMethod> {
  return {
    listCompanies: (r) => service.listCompanies(r.connectionId),
    listBranches: (r) => service.listBranches(r.connectionId, r.companyId),
    getCompanySettings: (r) => service.getCompanySettings(r.connectionId, r.companyId),
    // One Aceptar saves company and order settings together, or nothing.
    saveSettings: (r) =>
      service.saveSettings(r.connectionId, r.companies, r.orders && orders.prepare(r.connectionId, r.orders)),
    testStoreConnection: (r) => service.testStoreConnection(r),
  };
}
