import type { Database } from 'better-sqlite3';
import { UserFacingError } from '../core/user-facing-error';
import type { Migration } from './migrations/types';

/**
 * Brings the settings database to the newest schema, each migration in its own transaction. A database
 * written by a newer version of the app is refused: an older app would misread or damage it.
 */
export function migrate(db: Database, migrations: readonly Migration[], now = () => new Date().toISOString()): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    Version INTEGER PRIMARY KEY, Name TEXT NOT NULL, AppliedOn TEXT NOT NULL)`);
  assertOrdered(migrations);
  const current = currentVersion(db);
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new UserFacingError(
      `La base de datos de configuración es de una versión más nueva de Wopen Sync Console (esquema ${current}; esta versión conoce hasta ${newest}). Actualice el programa; no se modificó nada.`,
    );
  }
  const record = db.prepare('INSERT INTO schema_migrations (Version, Name, AppliedOn) VALUES (?, ?, ?)');
  for (const m of migrations) {
    if (m.version <= current) continue;
    const fkWasOn = m.foreignKeysOff ? (db.pragma('foreign_keys', { simple: true }) as number) === 1 : false;
    if (fkWasOn) db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        // Re-read inside the write lock: another process (the console and the service starting together)
        // may have applied it meanwhile.
        if (currentVersion(db) >= m.version) return;
        db.exec(m.sql);
        if (m.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length > 0) {
          throw new Error(`Migration ${m.version} (${m.name}) left foreign keys that point nowhere`);
        }
        record.run(m.version, m.name, now());
      }).immediate();
    } finally {
      if (fkWasOn) db.pragma('foreign_keys = ON');
    }
  }
  return currentVersion(db);
}

export function currentVersion(db: Database): number {
  const row = db.prepare('SELECT MAX(Version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const prev = migrations[i - 1];
    if (prev && m.version <= prev.version) throw new Error(`Migrations out of order at ${m.version} (${m.name})`);
  });
}
