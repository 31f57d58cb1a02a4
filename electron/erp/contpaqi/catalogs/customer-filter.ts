/**
 * The company's live customers, shared by customers, customer-balances and discounts so the three agree on
 * who is a customer. orgCustomer.OwnedBusinessEntityID is [P] (BROS SDK guide: "clientes" keep one copy per
 * company); the entity itself (orgBusinessEntity) is shared between companies [C].
 */
export const CUSTOMER_TABLES = `dbo.orgCustomer c
JOIN dbo.orgBusinessEntity be ON be.BusinessEntityID = c.BusinessEntityID`;

export const LIVE_CUSTOMER_OF_COMPANY = `c.OwnedBusinessEntityID = @company AND c.DeletedOn IS NULL AND be.DeletedOn IS NULL`;

/**
 * orgCustomer.OwnedBusinessEntityID is [P] only (real-installations.md §2.2: no public code reads it). Probed with
 * `sys.columns` (COL_LENGTH) when a reader or writer opens; without it every live customer of the database is the
 * company's (the company filter stays on the documents).
 */
export const CUSTOMER_COMPANY_PROBE = `SELECT COL_LENGTH('dbo.orgCustomer', 'OwnedBusinessEntityID') AS n`;

/** The SQL without the customer-company condition, for a database whose orgCustomer has no such column. */
export function withoutCustomerCompany(sql: string): string {
  return sql
    .replaceAll('c.OwnedBusinessEntityID = @company AND ', '')
    .replaceAll(' AND c.OwnedBusinessEntityID = @company', '');
}
