/**
 * The company's live customers, shared by customers, customer-balances and discounts so the three agree on
 * who is a customer. orgCustomer.OwnedBusinessEntityID is [P] (BROS SDK guide: "clientes" keep one copy per
 * company); the entity itself (orgBusinessEntity) is shared between companies [C].
 */
export const CUSTOMER_TABLES = `dbo.orgCustomer c
JOIN dbo.orgBusinessEntity be ON be.BusinessEntityID = c.BusinessEntityID`;

export const LIVE_CUSTOMER_OF_COMPANY = `c.OwnedBusinessEntityID = @company AND c.DeletedOn IS NULL AND be.DeletedOn IS NULL`;
