import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import { erpMarker } from '../../electron/erp/document-marker';
import { SAMPLE_WAREHOUSES, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { BASE_SETTINGS, baseOrder } from '../helpers/bad-orders';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { orderWriterContract } from './order-writer.contract';

/** Microsip on the real Firebird 3 server, the orders fixture (one company shared by the checks: ids differ). */
const COMPANIES: FixtureCompany[] = [
  {
    id: 1,
    shortName: 'CONTRATO PEDIDOS',
    warehouses: SAMPLE_WAREHOUSES,
    catalogs: { schema: 'full', data: 'sample' },
    orders: true,
  },
];
const microsip = useMicrosipFixture('contract-orders', COMPANIES);
const STORE = 'https://contrato.wopen.com.mx#contrato';

const footprint = () =>
  microsip.companyDb(0, async (q) => {
    const [n] = await q.query<Record<string, number>>(
      `SELECT (SELECT COUNT(*) FROM DOCTOS_VE) AS D, (SELECT COUNT(*) FROM DOCTOS_VE_DET) AS L,
              (SELECT COUNT(*) FROM LIBRES_PED_VE) + (SELECT COUNT(*) FROM LIBRES_COT_VE) AS P FROM RDB$DATABASE`,
    );
    const folios = await q.query<{ ID: number; C: number }>(
      'SELECT FOLIO_VENTAS_ID AS ID, CONSECUTIVO AS C FROM FOLIOS_VENTAS ORDER BY 1',
    );
    return { ...n, folios: folios.map((r) => `${r.ID}:${r.C}`) };
  });

orderWriterContract('Microsip (Firebird real)', async () => {
  const connector = new MicrosipConnector(microsip.config(), microsip.env.password);
  const writer = await connector.openOrders('1');
  return {
    writer,
    settings: BASE_SETTINGS,
    order: (id) => ({ ...baseOrder(id), ref: erpMarker('order', STORE, id) }),
    unknown: { customer: '4242', article: '9999' },
    footprint,
    // Serie + consecutivo padded to 9 characters, e.g. P00000003.
    folio: /^(?=.{9}$)[A-Z@]*\d+$/,
    dispose: async () => {
      await writer.close();
      await connector.close();
    },
  };
});
