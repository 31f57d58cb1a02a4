import { describe, expect, it } from 'vitest';
import type { ContpaqiConfig } from '../../shared/erp-connection';
import { CATALOGS, type CatalogName } from '../../shared/catalogs';
import type { CatalogRecord, CatalogSource } from '../../electron/erp/catalog-source';
import { ContpaqiConnector } from '../../electron/erp/contpaqi/contpaqi-connector';
import { STARTPRO_CATALOGS } from '../../electron/erp/contpaqi/catalogs';
import { checksumSql, countSql, readSql } from '../../electron/erp/contpaqi/catalogs/block-queries';
import { localMidnight, StartProCatalogSource } from '../../electron/erp/contpaqi/catalogs/startpro-catalog-source';
import { ErpError } from '../../electron/erp/port';
import type { SqlParams } from '../../electron/erp/contpaqi/sql-executor';
import { SqliteSqlExecutor } from '../helpers/sqlite-sql-executor';
import { loadStartProFixture } from '../helpers/contpaqi-fixture';
import { CATALOG_NOW, EXPECTED_CATALOGS_COMPANY_1 } from '../helpers/contpaqi-catalog-expectations';
import { binaryChecksum } from '../helpers/tsql-checksum-emulation';

const config: ContpaqiConfig = {
  kind: 'contpaqi',
  server: 'SERVIDOR\\COMPAC',
  database: 'ComercialSP',
  authentication: 'sql',
  user: 'sa',
  encrypt: false,
  trustServerCertificate: true,
};

async function fixture() {
  const exec = new SqliteSqlExecutor();
  await loadStartProFixture(exec);
  const handles: ReturnType<SqliteSqlExecutor['handle']>[] = [];
  const connector = new ContpaqiConnector(config, 'S3creta!Ñ', {
    executorFor: () => {
      const h = exec.handle();
      handles.push(h);
      return h;
    },
    clock: () => CATALOG_NOW,
  });
  return { exec, connector, handles };
}

async function readAll(
  source: CatalogSource,
  catalog: CatalogName,
  opts: { blocks?: number[]; batchSize?: number } = {},
) {
  const batches: CatalogRecord[][] = [];
  for await (const batch of source.read(catalog, { batchSize: 1000, ...opts })) batches.push(batch);
  return { batches, records: batches.flat() };
}

const asObject = (records: CatalogRecord[]) => Object.fromEntries(records.map((r) => [r.key, r.data]));

const PROVIDED: CatalogName[] = [
  'taxes',
  'currencies',
  'warehouses',
  'price-lists',
  'payment-terms',
  'customers',
  'customer-balances',
  'article-lines',
  'articles',
  'stock',
  'article-prices',
  'discounts',
  'invoices',
];

describe('Start/Pro catalogs: records', () => {
  it('lists only the catalogs Start/Pro has, in push order, and refuses the others in Spanish', async () => {
    const { connector } = await fixture();
    const source = await connector.openCatalogs('1');
    expect(source.catalogs).toEqual(PROVIDED);
    expect(CATALOGS.filter((c) => source.catalogs.includes(c))).toEqual(source.catalogs);
    await expect(source.checksums('shipping-methods')).rejects.toThrow(/no tiene el catálogo «Vías de embarque»/);
    await expect(source.checksums('salespeople')).rejects.toBeInstanceOf(ErpError);
  });

  it.each(PROVIDED)(
    '%s: exact records of company 1, in key order, with Ñ, € and curly quotes intact',
    async (catalog) => {
      const { connector } = await fixture();
      const source = await connector.openCatalogs('1');
      const { records } = await readAll(source, catalog);
      const expected = EXPECTED_CATALOGS_COMPANY_1[catalog] ?? {};
      expect(records.map((r) => r.key)).toEqual(Object.keys(expected).sort(byNumericParts));
      expect(asObject(records)).toEqual(expected);
    },
  );

  it('blocks are id / 1000 (composite keys by product); text-keyed lines are one block', async () => {
    const { connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const blocks = async (c: CatalogName) => (await readAll(source, c)).records.map((r) => `${r.key}@${r.block}`);
    expect(await blocks('articles')).toEqual(['1@0', '2@0', '3@0', '4@0', '1500@1']);
    expect(await blocks('stock')).toEqual(['1:1@0', '1:2@0', '2:1@0', '1500:1@1']);
    expect(await blocks('customers')).toEqual(['1@0', '2@0', '1001@1']);
    expect(await blocks('article-lines')).toEqual(['FERRETERÍA@0', 'KITS@0', 'REFACCIONES@0']);
  });

  it('company isolation: company 2 sees its own depots, customers, balances, stock and discounts only', async () => {
    const { connector } = await fixture();
    const source = await connector.openCatalogs('2');
    expect(asObject((await readAll(source, 'warehouses')).records)).toEqual({
      '4': { name: 'Bodega Norte €', shortName: 'BOD-N' },
      '5': { name: 'SIN-NOMBRE', shortName: 'SIN-NOMBRE' },
    });
    expect(Object.keys(asObject((await readAll(source, 'customers')).records))).toEqual(['5']);
    expect(asObject((await readAll(source, 'customer-balances')).records)).toEqual({
      '5': { customerKey: '5', creditLimit: 2000, balance: 777, overdue: 777, notDue: 0 },
    });
    expect(asObject((await readAll(source, 'stock')).records)).toEqual({
      '1:4': { articleKey: '1', warehouseKey: '4', onHand: 50, committed: 1, available: 49 },
    });
    expect(asObject((await readAll(source, 'discounts')).records)).toEqual({
      'customer:5': { kind: 'customer', percent: 10, customerKey: '5' },
    });
    // Shared catalogs are the same for every company.
    expect((await readAll(source, 'articles')).records).toHaveLength(5);
    expect(await (await connector.openCatalogs('3')).checksums('warehouses')).toEqual(new Map());
  });

  it('a database whose orgCustomer has no OwnedBusinessEntityID (probed): customers, balances and discounts still read', async () => {
    const { exec, connector } = await fixture();
    await exec.handle().query('ALTER TABLE dbo.orgCustomer DROP COLUMN OwnedBusinessEntityID', {});
    const source = await connector.openCatalogs('1');
    const customers = (await readAll(source, 'customers')).records.map((r) => r.key);
    // Without the column every live customer of the database is the company's (the documents keep the company filter).
    expect(customers).toEqual(expect.arrayContaining(Object.keys(EXPECTED_CATALOGS_COMPANY_1.customers ?? {})));
    await expect(readAll(source, 'customer-balances')).resolves.toBeDefined();
    await expect(readAll(source, 'discounts')).resolves.toBeDefined();
    await source.close();
  });

  it('overdue follows "today": the same balance is not due the day before its due date', async () => {
    const { exec } = await fixture();
    const early = new ContpaqiConnector(config, 'x', {
      executorFor: () => exec.handle(),
      clock: () => new Date(2024, 4, 1, 8, 0),
    });
    const source = await early.openCatalogs('1');
    expect(asObject((await readAll(source, 'customer-balances')).records)['2']).toEqual({
      customerKey: '2',
      creditLimit: 50000,
      balance: 1640.5,
      overdue: 0,
      notDue: 1640.5, // due 2024-05-01: not yet
    });
    expect(localMidnight(new Date(2024, 0, 5, 23, 59))).toBe('2024-01-05T00:00:00');
  });

  it('refuses a company that is not an owned, live business entity', async () => {
    const { connector } = await fixture();
    for (const id of ['5', '4', '999', 'abc'])
      await expect(connector.openCatalogs(id)).rejects.toBeInstanceOf(ErpError);
  });
});

describe('Start/Pro catalogs: block checksums', () => {
  it('are stable across calls and sources, one entry per non-empty block with its row count', async () => {
    const { connector } = await fixture();
    const a = await connector.openCatalogs('1');
    const b = await connector.openCatalogs('1');
    for (const catalog of PROVIDED) {
      const first = await a.checksums(catalog);
      expect(await a.checksums(catalog), catalog).toEqual(first);
      expect(await b.checksums(catalog), catalog).toEqual(first);
      const { records } = await readAll(a, catalog);
      const counts = new Map<number, number>();
      for (const r of records) counts.set(r.block, (counts.get(r.block) ?? 0) + 1);
      expect(new Map([...first].map(([blk, c]) => [blk, c.count])), catalog).toEqual(counts);
    }
  });

  it('a changed row moves only its own block', async () => {
    const { exec, connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const before = await source.checksums('articles');
    await exec.query('UPDATE dbo.orgProduct SET ProductName = @name WHERE ProductID = 1500', { name: 'Refacción “ñ”' });
    const after = await source.checksums('articles');
    expect(after.get(0)).toEqual(before.get(0));
    expect(after.get(1)?.count).toBe(1);
    expect(after.get(1)?.checksum).not.toBe(before.get(1)?.checksum);
  });

  it('detects a case-only edit (byte-exact, unlike CHECKSUM under a case-insensitive collation)', async () => {
    const { exec, connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const before = await source.checksums('customers');
    await exec.query('UPDATE dbo.orgBusinessEntity SET OfficialName = @n WHERE BusinessEntityID = 8', {
      n: 'JOSÉ ÑÚÑEZ “EL GÜERO”',
    });
    const after = await source.checksums('customers');
    expect(after.get(0)?.checksum).not.toBe(before.get(0)?.checksum);
    expect(after.get(1)).toEqual(before.get(1));
  });

  it('sees changes in joined tables: a payment-term detail, a stock quantity, a new overdue document', async () => {
    const { exec, connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const terms = await source.checksums('payment-terms');
    await exec.query('UPDATE dbo.engPaymentTermDetail SET PaymentUnit = 45 WHERE PaymentTermDetailID = 1');
    expect((await source.checksums('payment-terms')).get(0)?.checksum).not.toBe(terms.get(0)?.checksum);

    const stock = await source.checksums('stock');
    await exec.query(
      'UPDATE dbo.vwLBSProductQuantityList SET QtyToDeliverToCustomer = 1 WHERE ProductID = 1500 AND DepotID = 1',
    );
    const stockAfter = await source.checksums('stock');
    expect(stockAfter.get(0)).toEqual(stock.get(0));
    expect(stockAfter.get(1)?.checksum).not.toBe(stock.get(1)?.checksum);

    const balances = await source.checksums('customer-balances');
    await exec.query(
      "INSERT INTO dbo.docDocument (DocumentID, ModuleID, DocumentTypeID, DocRecipientID, OwnedBusinessEntityID, BusinessEntityID, DepotID, FolioPrefix, DateDocument, Balance) VALUES (50, 21, 5, 1, 1, 5, 1, 'A', @d, 10)",
      { d: '2024-06-01T00:00:00' },
    );
    const balancesAfter = await source.checksums('customer-balances');
    expect(balancesAfter.get(0)?.checksum).not.toBe(balances.get(0)?.checksum);
    expect(balancesAfter.get(1)).toEqual(balances.get(1));
  });

  it('a deleted row changes its block; a block that empties disappears', async () => {
    const { exec, connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const before = await source.checksums('articles');
    await exec.query('UPDATE dbo.orgProduct SET DeletedOn = @d WHERE ProductID = 3', { d: '2024-06-01T00:00:00' });
    const soft = await source.checksums('articles');
    expect(soft.get(0)).toMatchObject({ count: 3 });
    expect(soft.get(0)?.checksum).not.toBe(before.get(0)?.checksum);
    expect(soft.get(1)).toEqual(before.get(1));
    await exec.query('DELETE FROM dbo.orgProduct WHERE ProductID = 1500');
    expect([...(await source.checksums('articles')).keys()]).toEqual([0]);
  });

  it('the emulated BINARY_CHECKSUM is byte-exact, and has the weakness that rules out one checksum per row', () => {
    expect(binaryChecksum(['Juan', 1])).toBe(binaryChecksum(['Juan', 1]));
    expect(binaryChecksum(['Juan', 1])).not.toBe(binaryChecksum(['juan', 1]));
    expect(binaryChecksum(['Ana', 'Juan'])).not.toBe(binaryChecksum(['Juan', 'Ana']));
    expect(binaryChecksum([null])).not.toBe(binaryChecksum(['']));
    // Equal 8-byte values 8 bytes apart cancel: balance = overdue = 250.25 and = 200 look the same.
    expect(binaryChecksum([1001, 250.25, 250.25])).toBe(binaryChecksum([1001, 200, 200]));
  });

  it('a fully overdue balance that changes still moves its block (one checksum per column)', async () => {
    const { exec, connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const before = await source.checksums('customer-balances');
    await exec.query('UPDATE dbo.docDocument SET Balance = 200 WHERE DocumentID = 8'); // customer 1001: all overdue
    const after = await source.checksums('customer-balances');
    expect(after.get(0)).toEqual(before.get(0));
    expect(after.get(1)?.checksum).not.toBe(before.get(1)?.checksum);
  });

  it('values swapped between two rows still count (each column is checksummed with its row key)', async () => {
    const { exec, connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const before = await source.checksums('stock');
    await exec.query('UPDATE dbo.vwLBSProductQuantityList SET QtyPresent = 5 WHERE ProductID = 1 AND DepotID = 1');
    await exec.query('UPDATE dbo.vwLBSProductQuantityList SET QtyPresent = 100 WHERE ProductID = 1 AND DepotID = 2');
    expect((await source.checksums('stock')).get(0)?.checksum).not.toBe(before.get(0)?.checksum);
  });
});

describe('Start/Pro catalogs: reading by blocks and batches', () => {
  it('read with blocks returns only those blocks', async () => {
    const { connector } = await fixture();
    const source = await connector.openCatalogs('1');
    expect((await readAll(source, 'articles', { blocks: [1] })).records.map((r) => r.key)).toEqual(['1500']);
    expect((await readAll(source, 'stock', { blocks: [0] })).records.map((r) => r.key)).toEqual(['1:1', '1:2', '2:1']);
    expect((await readAll(source, 'articles', { blocks: [7] })).records).toEqual([]);
    expect((await readAll(source, 'articles', { blocks: [] })).records).toEqual([]);
    expect((await readAll(source, 'article-lines', { blocks: [0] })).records).toHaveLength(3);
    expect((await readAll(source, 'article-lines', { blocks: [1] })).records).toEqual([]);
  });

  it('batches hold at most batchSize records, in block order', async () => {
    const { connector } = await fixture();
    const source = await connector.openCatalogs('1');
    const { batches } = await readAll(source, 'stock', { batchSize: 3 });
    expect(batches.map((b) => b.map((r) => r.key))).toEqual([['1:1', '1:2', '2:1'], ['1500:1']]);
    const single = await readAll(source, 'articles', { batchSize: 1 });
    expect(single.batches.map((b) => b.length)).toEqual([1, 1, 1, 1, 1]);
    await expect(readAll(source, 'articles', { batchSize: 0 })).rejects.toThrow(RangeError);
  });

  it('pages by id ranges of whole blocks, never one query for the whole table', async () => {
    const { exec } = await fixture();
    // 2,600 products in blocks 0, 1, 2 plus one far away in block 9.
    for (let id = 2000; id < 2600; id++) {
      await exec.query('INSERT INTO dbo.orgProduct (ProductID, ProductName, ProductTypeID) VALUES (@id, @name, 1)', {
        id,
        name: `P${id}`,
      });
    }
    await exec.query('INSERT INTO dbo.orgProduct (ProductID, ProductName, ProductTypeID) VALUES (9001, @n, 1)', {
      n: 'Lejos',
    });
    const seen: SqlParams[] = [];
    const spy = {
      query: <T extends object>(sql: string, p?: SqlParams) => {
        if (/BETWEEN @lo AND @hi/.test(sql)) seen.push(p ?? {});
        return exec.query<T>(sql, p);
      },
      transaction: exec.transaction.bind(exec),
      close: async () => undefined,
    };
    const paged = new StartProCatalogSource(
      spy,
      { company: 1, today: '2024-06-15T00:00:00' },
      STARTPRO_CATALOGS,
      (e) => e as Error,
      500,
    );

    const all = await readAll(paged, 'articles', { batchSize: 250 });
    expect(all.records).toHaveLength(606);
    expect(all.batches.map((b) => b.length)).toEqual([250, 250, 106]);
    // Block 0 has 4 rows, block 1 has 1, block 2 has 600 (> 500 rows: read in two halves of its id span), block 9 has 1.
    expect(seen).toEqual([
      { lo: 0, hi: 1999 },
      { lo: 2000, hi: 2499 },
      { lo: 2500, hi: 2999 },
      { lo: 9000, hi: 9999 },
    ]);

    seen.length = 0;
    const some = await readAll(paged, 'articles', { blocks: [0, 2, 9], batchSize: 1000 });
    expect(some.records).toHaveLength(605);
    // Block 1 is not wanted and not empty, so it splits the range; 2 and 9 (601 rows ≤ 1,000) merge across the
    // empty blocks 3–8.
    expect(seen).toEqual([
      { lo: 0, hi: 999 },
      { lo: 2000, hi: 9999 },
    ]);
    expect(seen.every((p) => Object.keys(p).join() === 'lo,hi')).toBe(true);
  });

  it('close() releases the source executor only, not the console connection', async () => {
    const { connector, handles } = await fixture();
    const source = await connector.openCatalogs('1');
    await source.close();
    expect(handles.map((h) => h.closed)).toEqual([0, 1]); // [console executor, catalog source executor]
    expect(await connector.listCompanies()).toHaveLength(4);
  });
});

describe('Start/Pro catalog SQL', () => {
  const defs = [...STARTPRO_CATALOGS.values()];

  it('every source column is checksummed, so nothing the mapper reads can change unseen', async () => {
    const { exec } = await fixture();
    for (const def of defs) {
      const stmt = exec.db.prepare(`SELECT * FROM (${def.select}) s`);
      expect(
        stmt
          .columns()
          .map((c) => c.name)
          .sort(),
        def.name,
      ).toEqual([...(def.blockColumn ? [def.blockColumn] : []), ...def.columns].sort());
    }
  });

  it.each(defs.map((d) => [d.name, d] as const))(
    '%s stays in the portable, parameterized T-SQL subset',
    (_name, def) => {
      for (const sql of [checksumSql(def), countSql(def), readSql(def)]) {
        expect(sql).not.toMatch(/\bN'|\bTOP\b|\bLIMIT\b|\bISNULL\(|\bGETDATE\(|\+|\$\{|;\s*\S/i);
        for (const table of sql.match(/\b(?:FROM|JOIN)\s+([\w.]+)/gi) ?? []) expect(table).toMatch(/\s(dbo\.|$)/);
        const params = new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]));
        expect([...params].every((p) => ['company', 'today', 'lo', 'hi'].includes(p ?? ''))).toBe(true);
      }
    },
  );
});

/** '1500:1' after '2:1': keys compared as numbers part by part, text keys alphabetically. */
function byNumericParts(a: string, b: string): number {
  const pa = a.split(':');
  const pb = b.split(':');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    const d = /^\d+$/.test(x) && /^\d+$/.test(y) ? Number(x) - Number(y) : x.localeCompare(y);
    if (d !== 0) return d;
  }
  return 0;
}
