import { CATALOGS } from '../../../../shared/catalogs';
import { articleLines } from './article-lines';
import { articlePrices } from './article-prices';
import { articles } from './articles';
import type { MicrosipCatalog } from './catalog-definition';
import { collectors } from './collectors';
import { currencies } from './currencies';
import { customerBalances } from './customer-balances';
import { customerTypes } from './customer-types';
import { customerZones } from './customer-zones';
import { customers } from './customers';
import { discounts } from './discounts';
import { invoices } from './invoices';
import { paymentTerms } from './payment-terms';
import { priceLists } from './price-lists';
import { salespeople } from './salespeople';
import { shippingMethods } from './shipping-methods';
import { stock } from './stock';
import { taxes } from './taxes';
import { warehouses } from './warehouses';

const DEFINED: readonly MicrosipCatalog[] = [
  taxes,
  currencies,
  warehouses,
  shippingMethods,
  priceLists,
  paymentTerms,
  customerTypes,
  customerZones,
  salespeople,
  collectors,
  customers,
  customerBalances,
  articleLines,
  articles,
  stock,
  articlePrices,
  discounts,
  invoices,
];

/** All 18 catalogs, in the engine's push order (shared/catalogs.ts). */
export const MICROSIP_CATALOGS: readonly MicrosipCatalog[] = CATALOGS.flatMap((name) =>
  DEFINED.filter((d) => d.name === name),
);
