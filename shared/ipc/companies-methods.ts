export const COMPANIES_METHODS = [
  'listCompanies',
  'listBranches',
  'getCompanySettings',
  'saveSettings',
  'testStoreConnection',
] as const;
export type CompaniesMethod = (typeof COMPANIES_METHODS)[number];
