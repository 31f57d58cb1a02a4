import fs from 'node:fs';
import path from 'node:path';
import type { MicrosipConfig } from '../../shared/erp-connection';
import { companyDatabasePath } from '../../electron/erp/microsip/data-folder-paths';
import { createMicrosipDataFolder } from '../fixtures/microsip';
import { changeBulkPrice, fillBulkCompany } from '../fixtures/microsip/bulk';

const env = process.env;

/** The benchmark's company: the sizes, on the local Firebird server (WOPEN_FB_* like the tests). */
export const BENCH = {
  companyId: '1',
  shortName: 'BENCH ÑANDÚ',
  host: env.WOPEN_FB_HOST || '127.0.0.1',
  port: Number(env.WOPEN_FB_PORT || 3050),
  fbUser: env.WOPEN_FB_USER || 'SYSDBA',
  fbPassword: env.WOPEN_FB_PASSWORD || 'masterkey',
  folder: env.WOPEN_BENCH_DIR || '/var/lib/firebird/3.0/data/wopen-bench',
  storeUser: 'bench',
  storePassword: 'bench-€',
  counts: {
    articles: Number(env.WOPEN_BENCH_ARTICLES || 100_000),
    warehouses: 5,
    customers: Number(env.WOPEN_BENCH_CUSTOMERS || 20_000),
    priceLists: 2,
  },
} as const;

export function benchErpConfig(folder: string): MicrosipConfig {
  return { kind: 'microsip', host: BENCH.host, port: BENCH.port, folder, user: BENCH.fbUser };
}

/**
 * Builds the bench company once (EXECUTE BLOCK loops inside Firebird) and reuses it while its marker file
 * says it has the same sizes: generating 100k articles is not what is being measured.
 */
export async function ensureBenchCompany(log: (m: string) => void) {
  const marker = path.join(BENCH.folder, 'bench.json');
  const wanted = JSON.stringify({ version: 1, ...BENCH.counts });
  const databasePath = companyDatabasePath(BENCH.folder, BENCH.shortName);
  if (!(fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted && fs.existsSync(databasePath))) {
    log(`generando la empresa de prueba (${BENCH.counts.articles} artículos × ${BENCH.counts.warehouses} almacenes, ${BENCH.counts.customers} clientes)…`);
    await createMicrosipDataFolder({
      host: BENCH.host,
      port: BENCH.port,
      user: BENCH.fbUser,
      password: BENCH.fbPassword,
      folder: BENCH.folder,
      companies: [{ id: Number(BENCH.companyId), shortName: BENCH.shortName, catalogs: { schema: 'full', data: 'empty' } }],
    });
    const filled = await fillBulkCompany(target(databasePath), BENCH.counts);
    log(`empresa generada en ${(filled.elapsedMs / 1000).toFixed(1)} s`);
    fs.writeFileSync(marker, wanted);
  } else log('reutilizando la empresa de prueba ya generada');
  return { folder: BENCH.folder, ...BENCH.counts };
}

const target = (database: string) => ({ host: BENCH.host, port: BENCH.port, user: BENCH.fbUser, password: BENCH.fbPassword, database });

/** Changes one price of one article to a value it never had, for the one-change measurement. */
export async function changeOnePrice(folder: string, _companyId: number): Promise<void> {
  const price = 1000 + (Date.now() % 100_000) / 100;
  await changeBulkPrice(target(companyDatabasePath(folder, BENCH.shortName)), 4242 % BENCH.counts.articles, 0, price);
}
