import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { MicrosipConfig } from '../../shared/erp-connection';
import { withFirebird, type FirebirdSession } from '../../electron/erp/microsip/firebird-client';
import {
  createMicrosipDataFolder,
  removeMicrosipDataFolder,
  type FixtureCompany,
  type MicrosipDataFolder,
} from '../../scripts/fixtures/microsip';
import { firebirdTestEnv, uniqueDataFolder } from './firebird-env';

/**
 * A Microsip data folder on the real Firebird server for one test file: built before the tests, removed after.
 * Without a reachable Firebird every test FAILS with the setup error (vitest would only mark them skipped).
 */
export function useMicrosipFixture(label: string, companies: FixtureCompany[]) {
  const env = firebirdTestEnv();
  const folder = uniqueDataFolder(label);
  let fixture: MicrosipDataFolder | undefined;
  let setupError: unknown;

  beforeAll(async () => {
    try {
      fixture = await createMicrosipDataFolder({ ...env, folder, companies });
    } catch (err) {
      setupError = err;
    }
  });
  beforeEach(() => {
    if (setupError) throw setupError;
  });
  afterAll(async () => {
    await removeMicrosipDataFolder({ ...env, folder, companies });
  });

  return {
    env,
    folder,
    get fixture(): MicrosipDataFolder {
      if (!fixture) throw new Error('The Microsip fixture is not ready');
      return fixture;
    },
    /** The connection settings the console would save for this folder. */
    config: (overrides: Partial<MicrosipConfig> = {}): MicrosipConfig => ({
      kind: 'microsip',
      host: env.host,
      port: env.port,
      folder,
      user: env.user,
      ...overrides,
    }),
    /** Runs `work` attached to the n-th company's database (to change data under the adapter). */
    companyDb: <T>(index: number, work: (db: FirebirdSession) => Promise<T>): Promise<T> => {
      const company = fixture?.companies[index];
      if (!company) throw new Error(`No company ${index} in the fixture`);
      return withFirebird(
        { host: env.host, port: env.port, user: env.user, password: env.password, database: company.databasePath },
        work,
      );
    },
    /** Like companyDb, as another Firebird user (permission tests). */
    companyDbAs: <T>(
      index: number,
      login: { user: string; password: string },
      work: (db: FirebirdSession) => Promise<T>,
    ): Promise<T> => {
      const company = fixture?.companies[index];
      if (!company) throw new Error(`No company ${index} in the fixture`);
      return withFirebird({ host: env.host, port: env.port, ...login, database: company.databasePath }, work);
    },
    /** Runs `work` attached to the folder's CONFIG.FDB. */
    configDb: <T>(work: (db: FirebirdSession) => Promise<T>): Promise<T> => {
      if (!fixture) throw new Error('The Microsip fixture is not ready');
      return withFirebird(
        { host: env.host, port: env.port, user: env.user, password: env.password, database: fixture.configPath },
        work,
      );
    },
  };
}
