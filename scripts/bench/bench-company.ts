import fs from 'node:fs';
import path from 'node:path';
import type { MicrosipConfig } from '../../shared/erp-connection';
import { companyDatabasePath } from '../../electron/erp/microsip/data-folder-paths';
import { createMicrosipDataFolder } from '../fixtures/microsip';
import { changeBulkPrice, fillBulkCompany } from '../fixtures/microsip/bulk';
import {
  bulkInvoiceId,
  countBulkInvoices,
  deleteBulkInvoicesFrom,
  fillBulkInvoices,
} from '../fixtures/microsip/bulk-invoices';

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
  /** Stamped facturas with a ~15 KB CFDI each (issue 7), kept apart from `counts` so the catalog numbers stay comparable. */
  invoices: Number(env.WOPEN_BENCH_INVOICES || 5_000),
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
  // version 2: the schema with the invoice tables (REPOSITORIO_CFDI, USOS_FOLIOS_FISCALES, DOCTOS_VE amounts; issue 7).
  const wanted = JSON.stringify({ version: 2, ...BENCH.counts });
  const databasePath = companyDatabasePath(BENCH.folder, BENCH.shortName);
  if (!(fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted && fs.existsSync(databasePath))) {
    log(
      `generando la empresa de prueba (${BENCH.counts.articles} artículos × ${BENCH.counts.warehouses} almacenes, ${BENCH.counts.customers} clientes)…`,
    );
    await createMicrosipDataFolder({
      host: BENCH.host,
      port: BENCH.port,
      user: BENCH.fbUser,
      password: BENCH.fbPassword,
      folder: BENCH.folder,
      companies: [
        { id: Number(BENCH.companyId), shortName: BENCH.shortName, catalogs: { schema: 'full', data: 'empty' } },
      ],
    });
    const filled = await fillBulkCompany(target(databasePath), BENCH.counts);
    log(`empresa generada en ${(filled.elapsedMs / 1000).toFixed(1)} s`);
    fs.writeFileSync(marker, wanted);
  } else log('reutilizando la empresa de prueba ya generada');
  return { folder: BENCH.folder, ...BENCH.counts };
}

const target = (database: string) => ({
  host: BENCH.host,
  port: BENCH.port,
  user: BENCH.fbUser,
  password: BENCH.fbPassword,
  database,
});

/** Changes one price of one article to a value it never had, for the one-change measurement. */
export async function changeOnePrice(folder: string, _companyId: number): Promise<void> {
  const price = 1000 + (Date.now() % 100_000) / 100;
  await changeBulkPrice(target(companyDatabasePath(folder, BENCH.shortName)), 4242 % BENCH.counts.articles, 0, price);
}

/**
 * Adds the bench facturas to the bench company once (EXECUTE BLOCK loops, scripts/fixtures/microsip/bulk-invoices.ts)
 * and reuses them while the database still holds exactly BENCH.invoices of them and the marker matches. A factura
 * left over by an interrupted one-change measurement is deleted first.
 */
export async function ensureBenchInvoices(
  folder: string,
  log: (m: string) => void,
): Promise<{ invoices: number; xmlBytes: number }> {
  const marker = path.join(folder, 'bench-invoices.json');
  const wanted = JSON.stringify({ version: 1, invoices: BENCH.invoices });
  const t = target(companyDatabasePath(folder, BENCH.shortName));
  await deleteBulkInvoicesFrom(t, BENCH.invoices);
  let have = await countBulkInvoices(t);
  if (!(fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === wanted && have.invoices === BENCH.invoices)) {
    log(`generando ${BENCH.invoices} facturas timbradas con su CFDI…`);
    if (fs.existsSync(marker)) fs.rmSync(marker);
    await deleteBulkInvoicesFrom(t, 0);
    const ms = await fillBulkInvoices(t, 0, BENCH.invoices - 1, BENCH.counts);
    have = await countBulkInvoices(t);
    log(`facturas generadas en ${(ms / 1000).toFixed(1)} s (${(have.xmlBytes / 1e6).toFixed(1)} MB de XML)`);
    fs.writeFileSync(marker, wanted);
  } else log('reutilizando las facturas de prueba ya generadas');
  return have;
}

/** The invoices one-change measurement: one more factura stamped (index BENCH.invoices). */
export async function stampOneMoreInvoice(folder: string): Promise<string> {
  await fillBulkInvoices(
    target(companyDatabasePath(folder, BENCH.shortName)),
    BENCH.invoices,
    BENCH.invoices,
    BENCH.counts,
  );
  return String(bulkInvoiceId(BENCH.invoices));
}

/** Undoes stampOneMoreInvoice so the cached company keeps exactly BENCH.invoices facturas. */
export async function removeExtraInvoices(folder: string): Promise<void> {
  await deleteBulkInvoicesFrom(target(companyDatabasePath(folder, BENCH.shortName)), BENCH.invoices);
}
