/**
 * `npm run demo` — the app's main job, end to end, with embedded defaults:
 *   1. starts the Wopen sandbox (a local store that speaks docs/wopen-api.md),
 *   2. creates a demo Microsip company on the local Firebird server if it is missing,
 *   3. configures it as the console would (ERP connection, Sincronizar, URL/Usuario/Contraseña),
 *   4. runs one full sync and prints the summary.
 * Options: --db FILE (settings database, default .tmp/demo/wopen-sync.sqlite), --keep (leave the sandbox
 * running to inspect it), --json. Firebird: WOPEN_FB_HOST/PORT/USER/PASSWORD (127.0.0.1:3050 SYSDBA/masterkey).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openConsole } from '../../electron/hosting/compose';
import { configDatabasePath } from '../../electron/erp/microsip/data-folder-paths';
import { CATALOG_LABELS } from '../../shared/catalogs';
import { createMicrosipDataFolder } from '../fixtures/microsip';
import { SAMPLE_WAREHOUSES } from '../fixtures/microsip/sample-catalog-data';
import { spawnSandbox } from '../sandbox/spawn-sandbox';
import { CATALOG_STATE_LABELS, RUN_STATE_LABELS } from '../../shared/labels';

const env = process.env;
const ROOT = path.resolve(__dirname, '../..');
const FB = {
  host: env.WOPEN_FB_HOST || '127.0.0.1',
  port: Number(env.WOPEN_FB_PORT || 3050),
  user: env.WOPEN_FB_USER || 'SYSDBA',
  password: env.WOPEN_FB_PASSWORD || 'masterkey',
};
const DEMO_FOLDER = env.WOPEN_DEMO_DIR || '/var/lib/firebird/3.0/data/wopen-demo';
const STORE = { user: 'demo', password: 'demo-Ñandú€' };

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: { db: { type: 'string' }, keep: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const work = path.join(ROOT, '.tmp', 'demo');
  fs.mkdirSync(work, { recursive: true });

  if (!fs.existsSync(configDatabasePath(DEMO_FOLDER))) {
    say(`Creando la empresa de demostración de Microsip en ${FB.host}:${DEMO_FOLDER} …`);
    await createMicrosipDataFolder({
      ...FB,
      folder: DEMO_FOLDER,
      companies: [
        {
          id: 1,
          shortName: 'DEMO ÑANDÚ',
          branches: [{ id: 10, name: 'Matriz Mérida' }],
          warehouses: [...SAMPLE_WAREHOUSES],
          catalogs: { schema: 'full', data: 'sample' },
        },
      ],
    });
  } else say(`Empresa de demostración de Microsip: ${DEMO_FOLDER} (ya existe)`);

  const sandboxFile = path.join(work, 'sandbox.sqlite');
  fs.rmSync(sandboxFile, { force: true });
  const sandbox = await spawnSandbox({ dataFile: sandboxFile, ...STORE });
  say(`Tienda Wopen de prueba (sandbox): ${sandbox.url}`);

  const databasePath = path.resolve(values.db ?? path.join(work, 'wopen-sync.sqlite'));
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  const c = openConsole({ databasePath, version: 'demo' });
  try {
    const { id } = await c.service.saveConnection({
      name: 'Microsip (demostración)',
      config: { kind: 'microsip', ...FB, folder: DEMO_FOLDER },
      newPassword: FB.password,
    });
    const { companies } = await c.service.listCompanies(id);
    const company = companies[0];
    if (!company) throw new Error('La empresa de demostración no aparece en CONFIG.FDB.');
    const saved = await c.service.saveSettings(id, [
      {
        companyId: company.companyId,
        sync: true,
        period: '30',
        orders: false,
        invoices: false,
        branchId: '10',
        autoStamp: false,
        claveProdServ: '',
        claveUnidad: '',
        url: sandbox.url,
        user: STORE.user,
        newPassword: STORE.password,
      },
    ]);
    if (!saved.ok) throw new Error(saved.errors.map((e) => e.message).join(' '));
    say(`Configuración guardada en ${databasePath} (empresa «${company.name}»). Sincronizando…`);

    const summary = await c.engine.run(
      { connectionId: id, companyId: company.companyId },
      {
        trigger: 'manual',
        onProgress: (p) => p.done === p.total && say(`  ${CATALOG_LABELS[p.catalog]}: ${p.done} registros`),
      },
    );
    const counts = (await (await fetch(`${sandbox.controlUrl}/counts`)).json()) as {
      catalogs: Record<string, { active: number }>;
    };
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify({ databasePath, storeUrl: sandbox.url, summary, store: counts }, null, 2)}\n`,
      );
    } else {
      const rows = summary.catalogs.map((r) => [
        CATALOG_LABELS[r.catalog].padEnd(32),
        String(r.read).padStart(7),
        String(r.pushed).padStart(8),
        String(counts.catalogs[r.catalog]?.active ?? 0).padStart(8),
        r.state === 'skipped'
          ? CATALOG_STATE_LABELS[r.aborted ? 'skipped' : 'unavailable'].toLowerCase()
          : (RUN_STATE_LABELS[r.state] ?? r.state),
      ]);
      process.stdout.write(
        [
          `\n${summary.companyName} → ${sandbox.url}`,
          `${'Catálogo'.padEnd(32)}  Leídos  Enviados  Tienda  Estado`,
          ...rows.map((r) => r.join('  ')),
          `\n${summary.message}`,
          `Consulte: wopen-sync --db "${databasePath}" events --days 7`,
          '',
        ].join('\n'),
      );
    }
    if (summary.state !== 'success') process.exitCode = 1;
  } finally {
    c.close();
    if (values.keep) say(`El sandbox sigue en ${sandbox.url} (Ctrl+C para terminar).`);
    else await sandbox.stop();
  }
  if (values.keep) await new Promise(() => undefined);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
