import { describe, expect, it } from 'vitest';
import type { CatalogName } from '../../shared/catalogs';
import { syncCatalog } from '../../electron/engine/catalog-sync';
import { ALL_FIELDS } from '../../electron/engine/field-toggles';
import { SyncStateRepo } from '../../electron/engine/sync-state-repo';
import { openSettingsDatabase } from '../../electron/settings/database';
import type { CatalogSource } from '../../electron/erp/catalog-source';
import { MicrosipConnector } from '../../electron/erp/microsip/microsip-connector';
import type { FirebirdSession } from '../../electron/erp/microsip/firebird-client';
import {
  deleteFixtureRows,
  SAMPLE_WAREHOUSES,
  updateFixtureRows,
  type FixtureCompany,
} from '../../scripts/fixtures/microsip';
import { useMicrosipFixture } from '../helpers/microsip-fixture-suite';
import { RecordingStore } from '../helpers/memory-catalog-source';

/** The sync engine over the real Microsip adapter: first sync, no-change resync, one price change, a deleted article. */

const COMPANIES: FixtureCompany[] = [
  { id: 4, shortName: 'MOTOR', warehouses: SAMPLE_WAREHOUSES, catalogs: { schema: 'full', data: 'sample' } },
];
const microsip = useMicrosipFixture('microsip-engine', COMPANIES);
const { env, folder } = microsip;
const companyDb = <T>(work: (db: FirebirdSession) => Promise<T>) => microsip.companyDb(0, work);

describe('syncCatalog over Microsip (Firebird real)', () => {
  it('pushes everything once, reads nothing when unchanged, pushes one changed price, deactivates a deleted article', async () => {
    const db = openSettingsDatabase(':memory:');
    db.prepare(
      "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
    ).run();
    const state = new SyncStateRepo(db);
    const store = new RecordingStore();
    const connector = new MicrosipConnector(
      { kind: 'microsip', host: env.host, port: env.port, folder, user: env.user },
      env.password,
    );
    const errors: string[] = [];
    const sync = (source: CatalogSource, catalog: CatalogName) =>
      syncCatalog({
        scope: { connectionId: 1, companyId: '4' },
        catalog,
        source,
        store,
        state,
        toggles: ALL_FIELDS,
        pushBatchSize: 2,
        readBatchSize: 2,
        onRecordError: (_key, message) => errors.push(message),
      });
    const pass = async () => {
      const source = await connector.openCatalogs('4');
      try {
        const out = new Map<CatalogName, Awaited<ReturnType<typeof sync>>>();
        for (const c of source.catalogs) out.set(c, await sync(source, c));
        return out;
      } finally {
        await source.close();
      }
    };

    try {
      const first = await pass();
      expect(first.size).toBe(18);
      expect(first.get('invoices')).toMatchObject({ read: 4, pushed: 4 });
      for (const [, o] of first) expect(o).toMatchObject({ state: 'success', failed: 0, deleted: 0 });
      expect(first.get('articles')).toMatchObject({ read: 3, pushed: 3 });
      expect(first.get('article-prices')).toMatchObject({ read: 4, pushed: 4 });
      expect(store.records.get('articles/1001')?.data).toMatchObject({
        name: 'Martillo de uña “Truper” 16 oz',
        taxKeys: ['20'],
      });

      const again = await pass();
      for (const [, o] of again) expect(o).toMatchObject({ state: 'success', read: 0, pushed: 0, deleted: 0 });

      await companyDb((d) =>
        updateFixtureRows(d, 'PRECIOS_ARTICULOS', { PRECIO: 175.5 }, { ARTICULO_ID: 1001, PRECIO_EMPRESA_ID: 41 }),
      );
      const priced = await pass();
      expect(priced.get('article-prices')).toMatchObject({ read: 3, pushed: 1, unchanged: 2, deleted: 0 });
      for (const [c, o] of priced) if (c !== 'article-prices') expect(o).toMatchObject({ read: 0, pushed: 0 });
      expect(store.records.get('article-prices/1001:41')?.data).toMatchObject({ price: 175.5 });

      await companyDb(async (d) => {
        for (const table of ['ARTICULOS', 'CLAVES_ARTICULOS', 'IMPUESTOS_ARTICULOS', 'PRECIOS_ARTICULOS']) {
          await deleteFixtureRows(d, table, { ARTICULO_ID: 2005 });
        }
      });
      const deleted = await pass();
      expect(deleted.get('articles')).toMatchObject({ read: 0, pushed: 0, deleted: 1 });
      expect(deleted.get('article-prices')).toMatchObject({ read: 0, deleted: 1 });
      expect(store.records.get('articles/2005')?.active).toBe(false);
      expect(store.active('articles')).toEqual(['1001', '1002']);
      expect(errors).toEqual([]);
    } finally {
      await connector.close();
      db.close();
    }
  });
});
