import type { ContpaqiConfig } from '../../shared/erp-connection';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { erpMarker } from '../../electron/erp/document-marker';
import type { OrderToWrite } from '../../electron/erp/order-writer';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProOrdersFixture, writeFootprint } from '../helpers/contpaqi-orders-fixture';
import { orderWriterContract } from './order-writer.contract';

/** CONTPAQi Start/Pro on the SQLite emulation of its T-SQL; a fresh database for every check. */
const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};
const STORE = 'https://contrato.wopen.com.mx#contrato';
const NOW = new Date(2026, 10, 20, 12, 30, 0);

const order = (id: string): OrderToWrite => ({
  id,
  ref: erpMarker('order', STORE, id),
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

orderWriterContract('CONTPAQi Start/Pro (emulación SQLite)', async () => {
  const exec = new SqliteSqlExecutor();
  await loadStartProOrdersFixture(exec);
  const connector = new ContpaqiConnector(config, 'x', { executorFor: () => exec.handle(), clock: () => NOW });
  const writer = await connector.openOrders('1');
  return {
    writer,
    settings: {
      seriesPedidos: null,
      seriesCotizaciones: null,
      freightArticleId: '1600',
      warehouseId: null,
      requireRfc: false,
    },
    order,
    unknown: { customer: '4242', article: '9999' },
    footprint: async () => writeFootprint(exec),
    // The connector's own series for pedidos: WP1, WP2…
    folio: /^WP\d+$/,
    dispose: async () => {
      await writer.close();
      await connector.close();
    },
  };
});
