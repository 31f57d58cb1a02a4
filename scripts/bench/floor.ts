/**
 * Benchmark child: the floor. SELECT the same rows with the same adapter queries and POST the same bytes to
 * the same store, with nothing else: no checksums, no hashing, no state, no retries. Same overlap as the
 * engine (one POST in flight while the next batch is read). Prints `RESULT {…}`.
 */
import crypto from 'node:crypto';
import { createErpConnector } from '../../electron/erp/registry';
import { capabilitiesOf } from '../../electron/erp/capabilities';
import { childArgs } from './run-child';
import { benchErpConfig, BENCH } from './bench-company';

async function main(): Promise<void> {
  const a = childArgs();
  const erp = capabilitiesOf(createErpConnector(benchErpConfig(a.folder!), BENCH.fbPassword)).catalogs;
  if (!erp) throw new Error('El conector no sincroniza catálogos');
  const t0 = performance.now();
  const auth = await fetch(`${a.url}/api/sync/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ usuario: BENCH.storeUser, contrasena: BENCH.storePassword }),
  });
  const { token } = (await auth.json()) as { token: string };
  const source = await erp.openCatalogs(a.company!);
  let records = 0;
  let bytes = 0;
  let inflight: Promise<void> = Promise.resolve();
  // The invoices have their own phase (invoices-phase.ts): the floor stays the catalog sync's.
  for (const catalog of source.catalogs.filter((c) => c !== 'invoices')) {
    for await (const batch of source.read(catalog, { batchSize: 1000 })) {
      const body = JSON.stringify({ upserts: batch.map((r) => ({ key: r.key, data: r.data })), deletes: [] });
      records += batch.length;
      bytes += Buffer.byteLength(body);
      await inflight;
      inflight = fetch(`${a.url}/api/sync/v1/catalogs/${catalog}/batch`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'idempotency-key': crypto.randomUUID(),
        },
        body,
      }).then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status} en ${catalog}`);
        await res.arrayBuffer();
      });
    }
  }
  await inflight;
  await source.close();
  await erp.close();
  process.stdout.write(`RESULT ${JSON.stringify({ floor_s: (performance.now() - t0) / 1000, records, bytes })}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
