import type { StartProCatalog } from './catalog-definition';
import { keyText, num } from '../../record-values';
import { CUSTOMER_TABLES, LIVE_CUSTOMER_OF_COMPANY } from './customer-filter';

/**
 * The only discount Start/Pro keeps in a catalog: orgCustomer.Discount, a percent (5 = 5 %) [C]. Customers
 * without discount have no record, so setting it to 0 deactivates the store's discount. Keys carry the kind
 * ("customer:<CustomerID>") so other kinds never collide if one is ever found.
 */
export const discounts: StartProCatalog = {
  name: 'discounts',
  select: `
SELECT c.CustomerID AS customerId, c.Discount AS discountPercent
FROM ${CUSTOMER_TABLES}
WHERE ${LIVE_CUSTOMER_OF_COMPANY} AND c.Discount > 0`,
  blockColumn: 'customerId',
  keyColumns: ['customerId'],
  columns: ['discountPercent'],
  toRecord(r) {
    return {
      key: `customer:${keyText(r.customerId)}`,
      data: { kind: 'customer', percent: num(r.discountPercent), customerKey: keyText(r.customerId) },
    };
  },
};
