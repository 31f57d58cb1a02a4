import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Firebird server the integration tests use, from WOPEN_FB_* variables. There is no "skip when
 * absent": if the server is not reachable the fixture setup throws and the tests fail.
 */
export interface FirebirdTestEnv {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Parent folder, on the Firebird server (= this machine), for the test data folders. */
  dataDir: string;
}

export function firebirdTestEnv(): FirebirdTestEnv {
  const env = process.env;
  return {
    host: env.WOPEN_FB_HOST || '127.0.0.1',
    port: Number(env.WOPEN_FB_PORT || 3050),
    user: env.WOPEN_FB_USER || 'SYSDBA',
    password: env.WOPEN_FB_PASSWORD || 'masterkey',
    dataDir: env.WOPEN_FB_DATA_DIR || '/var/lib/firebird/3.0/data/wopen-tests',
  };
}

/**
 * A new, empty subfolder of dataDir for one test file (`<label>-<random>`), writable by the `firebird`
 * user. Remove it with removeMicrosipDataFolder (which drops the databases first) or fs.rmSync.
 */
export function uniqueDataFolder(label: string, env: FirebirdTestEnv = firebirdTestEnv()): string {
  fs.mkdirSync(env.dataDir, { recursive: true });
  fs.chmodSync(env.dataDir, 0o777);
  const safe = label.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  const folder = path.join(env.dataDir, `${safe}-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  fs.mkdirSync(folder, { mode: 0o777 });
  fs.chmodSync(folder, 0o777);
  return folder;
}
