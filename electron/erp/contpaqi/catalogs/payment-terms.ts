import type { StartProCatalog } from './catalog-definition';
import { keyText, num, text } from '../../record-values';

/**
 * Sale payment terms (engPaymentTerm.Sales = 1) [C]. Days = the last installment: PaymentUnit × the length of
 * PaymentPeriodID (1 day, 2 week, 3 month, 4 quarter, 5 semester, 6 year [P], reference §2.6) over
 * engPaymentTermDetail; no detail means cash (0). Start/Pro has no pronto-pago discount, so it is omitted.
 */
export const paymentTerms: StartProCatalog = {
  name: 'payment-terms',
  select: `
SELECT t.PaymentTermID AS paymentTermId, t.PaymentTermName AS paymentTermName,
       COALESCE((SELECT MAX(d.PaymentUnit * CASE d.PaymentPeriodID WHEN 1 THEN 1 WHEN 2 THEN 7 WHEN 3 THEN 30
                                                  WHEN 4 THEN 90 WHEN 5 THEN 180 WHEN 6 THEN 365 END)
                 FROM dbo.engPaymentTermDetail d
                 WHERE d.PaymentTermID = t.PaymentTermID), 0) AS creditDays
FROM dbo.engPaymentTerm t
WHERE t.Sales = 1 AND t.DeletedOn IS NULL`,
  blockColumn: 'paymentTermId',
  keyColumns: ['paymentTermId'],
  columns: ['paymentTermName', 'creditDays'],
  toRecord(r) {
    return {
      key: keyText(r.paymentTermId),
      data: { name: text(r.paymentTermName) ?? `Condición ${keyText(r.paymentTermId)}`, days: num(r.creditDays) },
    };
  },
};
