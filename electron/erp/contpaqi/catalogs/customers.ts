import type { StartProCatalog } from './catalog-definition';
import { keyText, refKey, text } from '../../record-values';
import { CUSTOMER_TABLES, LIVE_CUSTOMER_OF_COMPANY } from './customer-filter';

/**
 * Key = orgCustomer.CustomerID (the per-company customer row; documents point to its BusinessEntityID).
 * Name, RFC (OfficialNumber), e-mail, phone and fiscal address come from the shared entity [C] (reference §2.5).
 * Start/Pro has no customer status, zones, collectors, a default agent or a known customer → price-list link,
 * so those fields are omitted; customerTypeKey too, as there is no customer-type catalog to point to.
 */
export const customers: StartProCatalog = {
  name: 'customers',
  select: `
SELECT c.CustomerID AS customerId, be.BusinessEntityKey AS customerCode, be.OfficialName AS officialName,
       be.CommercialName AS commercialName, mi.OfficialNumber AS rfc, mi.BusinessEntityEmail AS email,
       mi.BusinessEntityPhone AS phone, c.CurrencyID AS currencyId, c.PaymentTermID AS paymentTermId,
       mi.AddressFiscalStreet AS street, mi.AddressFiscalExtNumber AS extNumber, mi.AddressFiscalIntNumber AS intNumber,
       mi.AddressFiscalMunicipality AS municipality, mi.AddressFiscalCity AS city,
       mi.AddressFiscalStateProvince AS stateName, mi.AddressFiscalZipCode AS zipCode
FROM ${CUSTOMER_TABLES}
LEFT JOIN dbo.orgBusinessEntityMainInfo mi ON mi.BusinessEntityID = c.BusinessEntityID
WHERE ${LIVE_CUSTOMER_OF_COMPANY}`,
  blockColumn: 'customerId',
  keyColumns: ['customerId'],
  columns: [
    'customerCode',
    'officialName',
    'commercialName',
    'rfc',
    'email',
    'phone',
    'currencyId',
    'paymentTermId',
    'street',
    'extNumber',
    'intNumber',
    'municipality',
    'city',
    'stateName',
    'zipCode',
  ],
  toRecord(r) {
    return {
      key: keyText(r.customerId),
      data: {
        code: text(r.customerCode),
        name: text(r.officialName) ?? text(r.commercialName) ?? `Cliente ${keyText(r.customerId)}`,
        rfc: text(r.rfc),
        email: text(r.email),
        phone: text(r.phone),
        status: 'active',
        currencyKey: refKey(r.currencyId),
        paymentTermKey: refKey(r.paymentTermId),
        address: {
          street: streetLine(r.street, r.extNumber, r.intNumber),
          // AddressFiscalCity may hold the colonia [P]; the municipality is the city a Mexican address means.
          city: text(r.municipality) ?? text(r.city),
          state: text(r.stateName),
          zip: text(r.zipCode),
        },
      },
    };
  },
};

function streetLine(street: unknown, ext: unknown, int: unknown): string | null {
  const parts = [text(street), text(ext), text(int) ? `Int. ${text(int)}` : null].filter(
    (p): p is string => p !== null,
  );
  return parts.length ? parts.join(' ') : null;
}
