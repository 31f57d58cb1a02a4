import type { StartProCatalog } from './catalog-definition';
import { keyText, text } from '../../record-values';

/**
 * engRefCurrency (CurrencyID, Currency, IntlSymbol, Rate) [C], shared by all companies [P]. Rate is left out
 * of the source on purpose: it moves daily and the store record has no field for it.
 */
export const currencies: StartProCatalog = {
  name: 'currencies',
  select: `
SELECT c.CurrencyID AS currencyId, c.Currency AS currencyName, c.IntlSymbol AS intlSymbol
FROM dbo.engRefCurrency c`,
  blockColumn: 'currencyId',
  keyColumns: ['currencyId'],
  columns: ['currencyName', 'intlSymbol'],
  toRecord(r) {
    const symbol = text(r.intlSymbol);
    return {
      key: keyText(r.currencyId),
      // Start/Pro is a Mexican product: the peso is the local currency (CurrencyID 3 is MXN [P]; matched by ISO code).
      data: { name: text(r.currencyName) ?? symbol, symbol, isLocal: symbol?.toUpperCase() === 'MXN' },
    };
  },
};
