import { z } from 'zod';
import { LIMITS, currency, discount, identifier, lines, optionalText, price, quantity, text } from './bounds';

const RequestLineSchema = z.object(
  {
    articleKey: text('no tiene clave de artículo', LIMITS.keyChars),
    description: optionalText('descripción', LIMITS.lineNotesChars),
    quantity,
    unitPrice: price,
    discountPercent: discount,
  },
  { error: 'no es un objeto' },
);

/** An invoice request of docs/wopen-api.md; unknown fields are ignored, known ones checked, none defaulted. */
export const InvoiceRequestSchema = z.object(
  {
    id: identifier('identificador'),
    orderId: identifier('pedido de origen').nullable(),
    customerKey: text('no tiene clave de cliente', LIMITS.keyChars),
    rfc: text('no tiene RFC', LIMITS.rfcChars),
    usoCfdi: text('no tiene uso de CFDI', 4),
    currency,
    formaPago: optionalText('forma de pago', 3),
    metodoPago: optionalText('método de pago', 3),
    lines: lines(RequestLineSchema),
  },
  { error: 'no es un objeto' },
);

export type WireInvoiceRequest = z.infer<typeof InvoiceRequestSchema>;
