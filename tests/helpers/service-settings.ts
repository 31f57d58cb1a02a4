import path from 'node:path';
import { expect } from 'vitest';
import type { FirebirdTestEnv } from './firebird-env';
import { wopenSync } from './service-process';
import { tempDir } from './temp-dir';
import { USER, PASSWORD } from '../store/sandbox-fixture';

/**
 * A fresh settings database set up through the built CLI, as an installer would: the Microsip connection of a
 * test data folder, and one company with Sincronizar on towards a store. Returns the database file.
 */
export async function settingsWithMicrosipCompany(o: {
  microsip: { env: FirebirdTestEnv; folder: string };
  storeUrl: string;
  companyId: string;
  period?: number;
}): Promise<string> {
  const db = path.join(tempDir(), 'settings.sqlite');
  const { env, folder } = o.microsip;
  const erp = ['erp', 'add', '--kind', 'microsip', '--host', env.host, '--port', String(env.port), '--folder', folder];
  const add = await wopenSync(['--db', db, ...erp, '--user', env.user, '--password-env', 'FB'], { FB: env.password });
  expect(add.code, add.stderr).toBe(0);
  const company = ['--connection', '1', '--company', o.companyId, '--sync', 'on', '--period', String(o.period ?? 5)];
  const set = await wopenSync(
    ['--db', db, 'config', 'set', ...company, '--url', o.storeUrl, '--user', USER, '--password-env', 'W'],
    { W: PASSWORD },
  );
  expect(set.code, set.stderr).toBe(0);
  return db;
}
