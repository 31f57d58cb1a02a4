import { z } from 'zod';
import { LIMITS, currency, discount, freight, identifier, lines, optionalText, price, quantity, text } from './bounds';

/** A line of docs/wopen-api.md "Orders and quotes". */
const OrderLineSchema = z.object(
  {
    articleKey: text('no tiene clave de artículo', LIMITS.keyChars),
    quantity,
    unitPrice: price,
    discountPercent: discount,
    notes: optionalText('observaciones', LIMITS.lineNotesChars),
  },
  { error: 'no es un objeto' },
);

/** An order or quote as the store sends it; unknown fields are ignored, known ones checked, none defaulted. */
export const OrderSchema = z.object(
  {
    id: identifier('identificador'),
    kind: z.enum(['pedido', 'cotizacion'], { error: 'tiene un tipo que no es «pedido» ni «cotizacion»' }),
    paymentStatus: z.enum(['paid', 'pending'], { error: 'no tiene estado de pago «paid» o «pending»' }),
    createdAt: z.iso.datetime({ offset: true, error: 'no tiene fecha de creación ISO 8601' }),
    customerKey: text('no tiene clave de cliente', LIMITS.keyChars),
    currency,
    lines: lines(OrderLineSchema),
    freight,
    notes: optionalText('observaciones', LIMITS.notesChars),
    rfc: optionalText('RFC', LIMITS.rfcChars),
    shipTo: z.record(z.string(), z.unknown(), { error: 'tiene una dirección de envío que no es un objeto' }).nullish(),
  },
  { error: 'no es un objeto' },
);

export type WireOrder = z.infer<typeof OrderSchema>;
