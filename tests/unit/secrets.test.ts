import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalKeyCipher } from '../../electron/secrets/local-key-cipher';
import { hasSecretsOf, SecretStore } from '../../electron/secrets/secret-store';
import { createSafeStorageCipher, type SafeStorageLike } from '../../electron/secrets/safe-storage-cipher';
import { openSettingsDatabase } from '../../electron/settings/database';
import { tempDir } from '../helpers/temp-dir';
import { cli } from '../helpers/cli';
import { FakeErp } from '../helpers/fake-erp';
import { localKeyPathFor, openConsole } from '../../electron/hosting/compose';
import { chooseConsoleCipher } from '../../electron/secrets/console-cipher';

const PLAIN = 'Contraseña-ÑANDÚ-€-“x”';

describe('LocalKeyCipher', () => {
  it('round-trips and never stores the plain text', async () => {
    const dir = tempDir();
    const cipher = LocalKeyCipher.open(path.join(dir, 'k.key'));
    const blob = await cipher.encrypt(PLAIN);
    expect(blob.includes(Buffer.from(PLAIN, 'utf8'))).toBe(false);
    expect(await cipher.decrypt(blob)).toBe(PLAIN);
    // Random IV: the same secret encrypts differently each time.
    expect((await cipher.encrypt(PLAIN)).equals(blob)).toBe(false);
  });

  it('creates the key file readable by its owner only and reuses it', async () => {
    const file = path.join(tempDir(), 'nested', 'k.key');
    const a = LocalKeyCipher.open(file, { platform: 'linux' });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const b = LocalKeyCipher.open(file, { platform: 'linux' });
    expect(await b.decrypt(await a.encrypt(PLAIN))).toBe(PLAIN);
  });

  it('refuses a key file others can read', () => {
    const file = path.join(tempDir(), 'k.key');
    LocalKeyCipher.open(file, { platform: 'linux' });
    fs.chmodSync(file, 0o644);
    expect(() => LocalKeyCipher.open(file, { platform: 'linux' })).toThrow(/chmod 600/);
  });

  it('explains a ciphertext from another machine instead of crashing', async () => {
    const a = LocalKeyCipher.open(path.join(tempDir(), 'a.key'));
    const b = LocalKeyCipher.open(path.join(tempDir(), 'b.key'));
    await expect(b.decrypt(await a.encrypt(PLAIN))).rejects.toThrow(/llave local no corresponde/);
    await expect(b.decrypt(Buffer.from([9, 9]))).rejects.toThrow(/dañada/);
  });
});

describe('SecretStore', () => {
  it('keeps only ciphertext in the SQLite file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 's.sqlite');
    const db = openSettingsDatabase(file);
    const store = new SecretStore(db, LocalKeyCipher.open(path.join(dir, 'k.key')));
    const id = store.write(await store.seal(PLAIN), null, 'now');
    expect(await store.read(id)).toBe(PLAIN);
    const replaced = store.write(await store.seal('otra'), id, 'now');
    expect(replaced).toBe(id);
    expect(await store.read(id)).toBe('otra');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = Buffer.concat([file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
    expect(bytes.includes(Buffer.from('otra', 'utf8'))).toBe(false);
    expect(bytes.includes(Buffer.from(PLAIN, 'utf8'))).toBe(false);
  });

  it('says which process can read a secret of another scheme', async () => {
    const db = openSettingsDatabase(':memory:');
    const dir = tempDir();
    const fakeOs: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      encryptString: (s) => Buffer.from(`os:${s}`).reverse(),
      decryptString: (b) => Buffer.from(b).reverse().toString().slice(3),
    };
    const desktop = new SecretStore(db, createSafeStorageCipher(fakeOs, 'win32')!);
    const id = desktop.write(await desktop.seal(PLAIN), null, 'now');
    expect(await desktop.read(id)).toBe(PLAIN);
    const service = new SecretStore(db, LocalKeyCipher.open(path.join(dir, 'k.key')));
    await expect(service.read(id)).rejects.toThrow(/consola de escritorio/);
    db.close();
  });
});

describe('safeStorage selection', () => {
  const os = (available: boolean, backend?: string): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(s),
    decryptString: (b) => b.toString(),
    getSelectedStorageBackend: backend ? () => backend : undefined,
  });
  it('uses the OS when it protects something, falls back otherwise', () => {
    expect(createSafeStorageCipher(os(true), 'win32')?.scheme).toBe('safe-storage');
    expect(createSafeStorageCipher(os(false), 'win32')).toBeNull();
    expect(createSafeStorageCipher(os(true, 'basic_text'), 'linux')).toBeNull();
    expect(createSafeStorageCipher(os(true, 'gnome_libsecret'), 'linux')?.scheme).toBe('safe-storage');
  });
});

describe('chooseConsoleCipher (issue 6: a database shared with the service)', () => {
  it('uses the OS keychain for the per-user database, and the service key file for a shared one', () => {
    const userData = tempDir();
    const own = path.join(userData, 'wopen-sync.sqlite');
    expect(chooseConsoleCipher({ databasePath: own, userDataDir: userData, osAvailable: true })).toEqual({
      kind: 'os',
    });
    expect(chooseConsoleCipher({ databasePath: own, userDataDir: userData, osAvailable: false })).toMatchObject({
      kind: 'local-key',
      reason: 'no-os-storage',
    });
    const shared = path.join(tempDir(), 'ProgramData', 'wopen-sync.sqlite');
    expect(chooseConsoleCipher({ databasePath: shared, userDataDir: userData, osAvailable: true })).toEqual({
      kind: 'local-key',
      keyFile: path.join(path.dirname(shared), 'wopen-sync.key'),
      reason: 'shared-database',
    });
    fs.writeFileSync(path.join(userData, 'wopen-sync.key'), 'x');
    expect(chooseConsoleCipher({ databasePath: own, userDataDir: userData, osAvailable: true })).toMatchObject({
      kind: 'local-key',
      reason: 'key-exists',
    });
  });
});

describe('secrets at rest', () => {
  it('creates the settings database, its WAL and SHM readable by their owner only, and narrows an old file', () => {
    const dir = tempDir();
    const file = path.join(dir, 'w.sqlite');
    const db = openSettingsDatabase(file);
    db.prepare("INSERT INTO app_settings (Key, Value, UpdatedOn) VALUES ('x', 'y', 'z')").run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
    db.close();
    fs.chmodSync(file, 0o644);
    openSettingsDatabase(file).close();
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to make a new key when the database holds secrets sealed with the missing one, and says how to fix it', async () => {
    const dir = tempDir();
    const keyFile = path.join(dir, 'wopen-sync.key');
    const db = openSettingsDatabase(path.join(dir, 'w.sqlite'));
    const store = new SecretStore(
      db,
      LocalKeyCipher.open(keyFile, { secretsExist: () => hasSecretsOf(db, 'local-key-v1') }),
    );
    store.write(await store.seal(PLAIN), null, 'now');
    fs.rmSync(keyFile);
    expect(() => LocalKeyCipher.open(keyFile, { secretsExist: () => hasSecretsOf(db, 'local-key-v1') })).toThrow(
      /Falta la llave local .*wopen-sync\.key.*Restaure ese archivo desde el respaldo/,
    );
    expect(fs.existsSync(keyFile)).toBe(false);
    // Without secrets of that scheme a new key is fine (a fresh database).
    db.prepare('DELETE FROM secrets').run();
    expect(() => LocalKeyCipher.open(keyFile, { secretsExist: () => hasSecretsOf(db, 'local-key-v1') })).not.toThrow();
    db.close();
  });

  it('says a folder in place of the key file is not a key file', () => {
    const keyFile = path.join(tempDir(), 'k.key');
    fs.mkdirSync(keyFile);
    expect(() => LocalKeyCipher.open(keyFile, { platform: 'linux' })).toThrow(/no es un archivo/);
  });
});

describe('the console with a missing key file', () => {
  it('refuses to open (the CLI prints it) instead of replacing the key', async () => {
    const dir = tempDir();
    const databasePath = path.join(dir, 'w.sqlite');
    const c = openConsole({ databasePath, version: 't', erpFactory: new FakeErp().factory });
    await c.service.saveConnection({
      config: { kind: 'microsip', host: 'h', port: 3050, folder: '/d', user: 'SYSDBA' },
      newPassword: 'pw',
    });
    c.close();
    fs.rmSync(localKeyPathFor(databasePath));
    expect(() => openConsole({ databasePath, version: 't' })).toThrow(/Falta la llave local/);
    const r = await cli(['--db', databasePath, 'erp', 'list'], {});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Falta la llave local/);
    expect(fs.existsSync(localKeyPathFor(databasePath))).toBe(false);
  });
});
