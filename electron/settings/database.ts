import BetterSqlite3, { type Database } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type SettingsDb = Database;

/** Opens (creating if needed) the local settings database in WAL mode and migrates it. */
export function openSettingsDatabase(file: string): SettingsDb {
  if (file !== ':memory:') {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    ownerOnly(file);
  }
  const db = new BetterSqlite3(file);
  try {
    // First: switching to WAL and migrating take locks another process (console and service) may hold.
    db.pragma('busy_timeout = 5000');
    untilNotBusy(() => db.pragma('journal_mode = WAL'));
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    untilNotBusy(() => migrate(db, MIGRATIONS));
    // SQLite gives the -wal and -shm files the database file's mode; an existing pair made before is narrowed too.
    if (file !== ':memory:') for (const side of [`${file}-wal`, `${file}-shm`]) ownerOnly(side, false);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * The settings hold connection details and encrypted passwords: readable by their owner only (0600). Created so
 * before SQLite opens it (no window in which it is world-readable); an existing file is narrowed. On Windows the
 * mode bits mean nothing: the folder under %APPDATA% is private to the user (docs/secrets.md).
 */
function ownerOnly(file: string, create = true): void {
  if (process.platform === 'win32') return;
  if (create) fs.closeSync(fs.openSync(file, 'a', 0o600));
  else if (!fs.existsSync(file)) return;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}

/**
 * SQLite answers SQLITE_BUSY without waiting in a few cases the busy timeout does not cover (switching a fresh
 * file to WAL while another process creates it, a write lock race in WAL recovery). Opening is synchronous, so
 * it waits here, a bounded number of times, before giving up with the error.
 */
function untilNotBusy<T>(step: () => T, attempts = 40, pauseMs = 150): T {
  for (let n = 1; ; n++) {
    try {
      return step();
    } catch (err) {
      const code = (err as { code?: unknown }).code;
      if (n >= attempts || typeof code !== 'string' || !code.startsWith('SQLITE_BUSY')) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pauseMs);
    }
  }
}

/**
 * Where the settings live: --db FILE, else WOPEN_SYNC_DB, else the app's user-data folder. The console and
 * the headless service must agree on this path to share settings.
 */
export function resolveDatabasePath(opts: { flag?: string; env?: NodeJS.ProcessEnv; userDataDir: string }): string {
  const env = opts.env ?? process.env;
  const chosen = opts.flag ?? env.WOPEN_SYNC_DB;
  return path.resolve(chosen && chosen.trim() ? chosen : path.join(opts.userDataDir, 'wopen-sync.sqlite'));
}

/** Same folder Electron uses for app.getPath('userData') with this product name, for the CLI. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = env.HOME ?? env.USERPROFILE ?? '.';
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Wopen Sync Console');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Wopen Sync Console');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Wopen Sync Console');
}
