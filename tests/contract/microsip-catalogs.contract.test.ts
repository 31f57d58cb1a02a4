import { afterAll, beforeAll } from 'vitest';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import { openFirebird } from '../../electron/erp/microsip/firebird-client';
import { MICROSIP_CATALOGS } from '../../electron/erp/microsip/catalogs';
import { MicrosipCatalogSource } from '../../electron/erp/microsip/catalogs/microsip-catalog-source';
import { SAMPLE_WAREHOUSES, updateFixtureRows, type FixtureCompany } from '../../scripts/fixtures/microsip';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { catalogSourceContract } from './catalog-source.contract';

/** Microsip on the real Firebird 3 server, the complete sample company of the fixture. */
const COMPANIES: FixtureCompany[] = [
  { id: 1, shortName: 'CONTRATO ÑANDÚ', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const microsip = useMicrosipFixture('contract-catalogs', COMPANIES);
let connector: MicrosipConnector;
beforeAll(() => {
  connector = new MicrosipConnector(microsip.config(), microsip.env.password);
});
afterAll(async () => {
  await connector?.close();
});

const rename = (name: string) => () =>
  microsip.companyDb(0, (db) => updateFixtureRows(db, 'ARTICULOS', { NOMBRE: name }, { ARTICULO_ID: 1001 }));

catalogSourceContract('Microsip (Firebird real)', async () => ({
  open: async (opts) => {
    if (!opts?.pageRows) return connector.openCatalogs('1');
    const { env, fixture } = microsip;
    const target = {
      host: env.host,
      port: env.port,
      user: env.user,
      password: env.password,
      database: fixture.companies[0]!.databasePath,
    };
    return MicrosipCatalogSource.open(await openFirebird(target), MICROSIP_CATALOGS, (e) => e as Error, {
      pageRows: opts.pageRows,
    });
  },
  change: {
    catalog: 'articles',
    apply: rename('Martillo de una “Truper” 16 oz'),
    undo: rename('Martillo de uña “Truper” 16 oz'),
  },
}));
