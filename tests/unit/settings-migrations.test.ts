import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSettingsDatabase, resolveDatabasePath } from '../../electron/settings/database';
import { currentVersion, migrate } from '../../electron/settings/migrate';
import { MIGRATIONS } from '../../electron/settings/migrations';
import { tempDir } from '../helpers/temp-dir';

describe('settings database', () => {
  it('creates every table in WAL mode and records the version', () => {
    const file = path.join(tempDir(), 'sub', 'wopen-sync.sqlite');
    const db = openSettingsDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'erp_connections',
        'erp_companies',
        'events',
        'orgWOpen',
        'schema_migrations',
        'secrets',
      ]),
    );
    expect(currentVersion(db)).toBe(MIGRATIONS.at(-1)?.version);
    db.close();
  });

  it('is idempotent: reopening applies nothing twice', () => {
    const file = path.join(tempDir(), 'a.sqlite');
    openSettingsDatabase(file).close();
    const db = openSettingsDatabase(file);
    const rows = db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(rows.n).toBe(MIGRATIONS.length);
    db.close();
  });

  it('applies migrations in order, each atomically', () => {
    const db = new BetterSqlite3(':memory:');
    const bad = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); THIS IS NOT SQL;' },
    ];
    expect(() => migrate(db, bad)).toThrow();
    expect(currentVersion(db)).toBe(1);
    // The failed migration left nothing behind.
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    expect(() => migrate(db, [bad[0]!, { version: 1, name: 'dup', sql: '' }])).toThrow(/out of order/);
  });

  it('refuses a database written by a newer version, without touching it', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    openSettingsDatabase(file).close();
    const raw = new BetterSqlite3(file);
    raw.prepare("INSERT INTO schema_migrations (Version, Name, AppliedOn) VALUES (999, 'future', 'x')").run();
    raw.close();
    expect(() => openSettingsDatabase(file)).toThrow(/versión más nueva.*999/);
    const check = new BetterSqlite3(file);
    expect(check.prepare('SELECT MAX(Version) AS v FROM schema_migrations').get()).toEqual({ v: 999 });
    check.close();
  });

  it('enforces orgWOpen rules in the schema too (period range, one URL per company)', () => {
    const db = openSettingsDatabase(':memory:');
    db.prepare(
      "INSERT INTO erp_connections (Kind, Name, ConfigJson, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES ('microsip','x','{}','t','u','t','u')",
    ).run();
    const insert = db.prepare(
      "INSERT INTO orgWOpen (ConnectionID, CompanyID, PeriodoMinutos, UrlNormalizada, CreatedOn, CreatedBy, UpdatedOn, UpdatedBy) VALUES (1, ?, ?, ?, 't','u','t','u')",
    );
    expect(() => insert.run('1', 4, null)).toThrow(/CHECK/);
    insert.run('1', 5, 'https://a.mx');
    expect(() => insert.run('2', 30, 'https://a.mx')).toThrow(/UNIQUE/);
    db.close();
  });

  it('resolves the path from --db, then WOPEN_SYNC_DB, then the user-data folder', () => {
    expect(resolveDatabasePath({ flag: '/x/a.sqlite', env: { WOPEN_SYNC_DB: '/y/b.sqlite' }, userDataDir: '/u' })).toBe(
      path.resolve('/x/a.sqlite'),
    );
    expect(resolveDatabasePath({ env: { WOPEN_SYNC_DB: '/y/b.sqlite' }, userDataDir: '/u' })).toBe(
      path.resolve('/y/b.sqlite'),
    );
    expect(resolveDatabasePath({ env: {}, userDataDir: '/u' })).toBe(path.resolve('/u/wopen-sync.sqlite'));
  });
});
