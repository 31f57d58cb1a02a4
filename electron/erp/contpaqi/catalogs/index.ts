import type { CatalogName } from '../../../../shared/catalogs';
import { CATALOGS } from '../../../../shared/catalogs';
import type { StartProCatalog } from './catalog-definition';
import { articleLines } from './article-lines';
import { articlePrices } from './article-prices';
import { articles } from './articles';
import { currencies } from './currencies';
import { customerBalances } from './customer-balances';
import { customers } from './customers';
import { discounts } from './discounts';
import { invoices } from './invoices';
import { paymentTerms } from './payment-terms';
import { priceLists } from './price-lists';
import { stock } from './stock';
import { taxes } from './taxes';
import { warehouses } from './warehouses';

/**
 * The catalogs Start/Pro can feed. Missing on purpose (docs/contpaqi-startpro.md, "What Start/Pro lacks"):
 * shipping-methods, customer-types, customer-zones, salespeople, collectors.
 */
const DEFINED: readonly StartProCatalog[] = [
  taxes,
  currencies,
  warehouses,
  priceLists,
  paymentTerms,
  customers,
  customerBalances,
  articleLines,
  articles,
  stock,
  articlePrices,
  discounts,
  invoices,
];

/** In the engine's push order (shared/catalogs.ts). */
export const STARTPRO_CATALOGS: ReadonlyMap<CatalogName, StartProCatalog> = new Map(
  CATALOGS.flatMap((name) => DEFINED.filter((d) => d.name === name).map((d) => [name, d] as const)),
);
