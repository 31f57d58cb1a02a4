/**
 * The Wopen sandbox from the command line (scripts/sandbox/README.md):
 *
 *   npm run sandbox -- --port 8787 --data .tmp/sandbox.db [--user U --password P] [--host 127.0.0.1] [--store-id ID]
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './start-sandbox';

async function main(): Promise<void> {
  // `npm run sandbox -- …` reaches us through `vite-node file --`, so a leading "--" may remain.
  const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string' },
      user: { type: 'string', default: 'sandbox' },
      password: { type: 'string', default: 'sandbox' },
      'store-name': { type: 'string', default: 'Tienda Sandbox' },
      // Only for a new file: a file keeps the storeId it was born with.
      'store-id': { type: 'string' },
    },
  });
  if (!values.data) throw new Error('--data FILE is required (an SQLite file; it is created if missing)');
  const sandbox = await startSandbox({
    port: Number(values.port),
    host: values.host,
    dataFile: values.data,
    user: values.user,
    password: values.password,
    storeName: values['store-name'],
    ...(values['store-id'] !== undefined ? { storeId: values['store-id'] } : {}),
  });
  // Tests that spawn the CLI read this line to learn the port.
  console.log(`Wopen sandbox listening on ${sandbox.url} (control API: ${sandbox.controlUrl}/)`);
  const stop = (): void => void sandbox.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
