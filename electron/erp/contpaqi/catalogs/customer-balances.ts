import type { StartProCatalog } from './catalog-definition';
import { keyText, num } from '../../record-values';
import { CUSTOMER_TABLES, LIVE_CUSTOMER_OF_COMPANY } from './customer-filter';

/**
 * Balance = Σ docDocument.Balance of the customer's live, uncancelled customer documents of the company, types
 * 5, 7, 8, 9, 13 added and 6 (credit notes) subtracted — the BROS nucleo rule [C] (reference §2.5), plus
 * DocRecipientID = 1 so a supplier invoice of an entity that is also a customer never counts.
 * Due date = the last docDocumentPaymentAgenda.DatePayment of the document [C] (reference §3.7); a document
 * without agenda is due on its date [?]. Overdue = charges due before @today (local midnight); credit notes
 * are never overdue, so they lower notDue. Every customer appears, with zeros, so a paid-off customer updates.
 */
export const customerBalances: StartProCatalog = {
  name: 'customer-balances',
  select: `
SELECT c.CustomerID AS customerId, c.CreditLimit AS creditLimit,
       COALESCE(SUM(o.signedBalance), 0) AS balance,
       COALESCE(SUM(CASE WHEN o.signedBalance > 0 AND o.dueDate < @today THEN o.signedBalance ELSE 0 END), 0) AS overdue
FROM ${CUSTOMER_TABLES}
LEFT JOIN (
  SELECT d.BusinessEntityID AS businessEntityId,
         CASE WHEN d.DocumentTypeID = 6 THEN -d.Balance ELSE d.Balance END AS signedBalance,
         COALESCE((SELECT MAX(a.DatePayment) FROM dbo.docDocumentPaymentAgenda a
                   WHERE a.DocumentID = d.DocumentID AND a.DeletedOn IS NULL), d.DateDocument) AS dueDate
  FROM dbo.docDocument d
  WHERE d.OwnedBusinessEntityID = @company AND d.DocRecipientID = 1 AND d.DocumentTypeID IN (5, 6, 7, 8, 9, 13)
    AND d.DeletedOn IS NULL AND d.CancelledOn IS NULL AND d.Balance <> 0
) o ON o.businessEntityId = c.BusinessEntityID
WHERE ${LIVE_CUSTOMER_OF_COMPANY}
GROUP BY c.CustomerID, c.CreditLimit`,
  blockColumn: 'customerId',
  keyColumns: ['customerId'],
  columns: ['creditLimit', 'balance', 'overdue'],
  toRecord(r) {
    const balance = num(r.balance);
    const overdue = num(r.overdue);
    return {
      key: keyText(r.customerId),
      data: {
        customerKey: keyText(r.customerId),
        creditLimit: num(r.creditLimit),
        balance,
        overdue,
        notDue: num(balance - overdue),
      },
    };
  },
};
