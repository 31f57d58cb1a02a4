import { erpMarker } from '../../electron/erp/document-marker';
import type { OrderToWrite } from '../../electron/erp/order-writer';
import type { OrderSubject } from './order-writer.contract';

/** The order, settings and expectations the OrderWriter contract uses for Start/Pro, emulated or live. */
export function startProOrderCase(
  store: string,
  idSuffix = '',
): Pick<OrderSubject, 'settings' | 'order' | 'unknown' | 'folio'> {
  const order = (id: string): OrderToWrite => ({
    id: `${id}${idSuffix}`,
    ref: erpMarker('order', store, `${id}${idSuffix}`),
    kind: 'pedido',
    paymentStatus: 'paid',
    createdAt: '2026-11-20T10:00:00',
    customerKey: '2',
    currency: 'MXN',
    lines: [
      { articleKey: '1', quantity: 3, unitPrice: 12.5, discountPercent: 10, notes: 'Caja “sellada” — ñ €' },
      { articleKey: '1601', quantity: 2.5, unitPrice: 100 },
    ],
    freight: 150,
    notes: 'Entregar en Mérida',
  });
  return {
    settings: {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: '1600',
      warehouseId: null,
      requireRfc: false,
    },
    order,
    unknown: { customer: '4242', article: '9999' },
    // The connector's own series for pedidos: WP1, WP2…
    folio: /^WP\d+$/,
  };
}
