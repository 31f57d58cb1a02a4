/**
 * Screenshots of the built dialog, for looking at it without Electron:
 *
 *   npx electron-vite build
 *   npx vite-node scripts/ui-preview.ts                 # in-memory ERP with two companies
 *   npx vite-node scripts/ui-preview.ts -- --microsip HOST:/carpeta/datos --password masterkey
 *
 * Uses the same harness as the e2e tests (real handlers, real SQLite in a temporary folder). The PNGs go to
 * tests/.artifacts/preview/ (gitignored).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startConsoleHarness } from '../tests/e2e/harness';
import { FakeErp } from '../tests/helpers/fake-erp';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const outDir = path.resolve(__dirname, '../tests/.artifacts/preview');
  fs.mkdirSync(outDir, { recursive: true });
  const microsip = flag('--microsip');
  const fake = microsip ? undefined : new FakeErp();
  const harness = await startConsoleHarness(fake ? { erpFactory: fake.factory } : {});
  try {
    const shot = async (name: string): Promise<void> => {
      const file = path.join(outDir, `${name}.png`);
      await harness.page.screenshot({ path: file, fullPage: true });
      console.log(file);
    };
    await harness.page.getByRole('dialog').waitFor();
    await shot('01-sin-conexion');

    const [host, ...folder] = (microsip ?? 'localhost:/datos').split(':');
    const { id } = await harness.opened.service.saveConnection({
      name: microsip ? undefined : 'Microsip de prueba',
      config: { kind: 'microsip', host: host ?? 'localhost', port: 3050, folder: folder.join(':'), user: 'SYSDBA' },
      newPassword: flag('--password') ?? 'masterkey',
    });
    await harness.page.reload();
    await harness.page.getByRole('button', { name: 'Aceptar' }).waitFor();
    await harness.page.getByLabel('Periodo de sincronización (min.)').waitFor();
    await shot('02-empresas');

    await harness.page.getByLabel('Timbrado de factura automática').check();
    await shot('03-timbrado');
    await harness.page.getByRole('button', { name: 'Visor de eventos' }).click();
    await harness.page.getByRole('dialog', { name: 'Visor de eventos' }).waitFor();
    await shot('04-visor');
    console.log(
      `conexión ${id}; errores de la página: ${harness.pageErrors.length ? harness.pageErrors.join(' | ') : 'ninguno'}`,
    );
  } finally {
    await harness.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
