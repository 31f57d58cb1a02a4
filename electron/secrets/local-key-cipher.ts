import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '../core/user-facing-error';
import type { SecretCipher } from './cipher';

const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 1;

/**
 * AES-256-GCM with a random key kept in a file next to the settings database (mode 0600, created
 * atomically). Used where safeStorage does not exist: the headless `wopen-sync` service. It protects the
 * SQLite file when copied alone (backups, support tickets); whoever can read the key file as the service
 * user can read the secrets — see docs/secrets.md.
 */
export class LocalKeyCipher implements SecretCipher {
  readonly scheme = 'local-key-v1';

  private constructor(private readonly key: Buffer) {}

  /**
   * `secretsExist`: whether the database already holds secrets of this scheme. Then a missing key file is an
   * error that says how to restore it — a new key would silently make every saved password unreadable.
   */
  static open(keyFile: string, o: { platform?: NodeJS.Platform; secretsExist?: () => boolean } = {}): LocalKeyCipher {
    return new LocalKeyCipher(loadOrCreateKey(keyFile, o.platform ?? process.platform, o.secretsExist));
  }

  async encrypt(plain: string): Promise<Buffer> {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  async decrypt(blob: Buffer): Promise<string> {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || blob[0] !== VERSION) {
      throw new UserFacingError('Una contraseña guardada está dañada; vuelva a capturarla.');
    }
    const iv = blob.subarray(1, 1 + IV_BYTES);
    const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      throw new UserFacingError(
        'No se pudo descifrar una contraseña guardada: la llave local no corresponde (¿se copió la base de datos de otro equipo?). Vuelva a capturarla.',
      );
    }
  }
}

function loadOrCreateKey(keyFile: string, platform: NodeJS.Platform, secretsExist?: () => boolean): Buffer {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  if (!fs.existsSync(keyFile)) {
    if (secretsExist?.()) {
      throw new UserFacingError(
        `Falta la llave local ${keyFile}, con la que están cifradas las contraseñas guardadas en la base de datos de configuración. ` +
          'Restaure ese archivo desde el respaldo del equipo (va junto a wopen-sync.sqlite) y vuelva a abrir el programa. ' +
          'Sin ella las contraseñas no se pueden recuperar; no se creó una llave nueva para no perderlas.',
      );
    }
    createKeyFile(keyFile);
  }
  const stat = fs.statSync(keyFile);
  if (!stat.isFile()) throw new UserFacingError(`La llave local ${keyFile} no es un archivo.`);
  if (platform !== 'win32') {
    const mode = stat.mode & 0o777;
    if (mode & 0o077) {
      throw new UserFacingError(
        `La llave local ${keyFile} puede ser leída por otros usuarios (permisos ${mode.toString(8)}). Ejecute: chmod 600 "${keyFile}"`,
      );
    }
  }
  const key = fs.readFileSync(keyFile);
  if (key.length !== KEY_BYTES) throw new UserFacingError(`La llave local ${keyFile} está dañada (tamaño incorrecto).`);
  return key;
}

/**
 * Written to a temporary file, fsynced, then linked into place and the folder fsynced: after a power cut the key
 * is either whole or absent, never an empty file. link() fails if another process created it first: theirs wins.
 */
function createKeyFile(keyFile: string): void {
  const tmp = `${keyFile}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, crypto.randomBytes(KEY_BYTES));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.linkSync(tmp, keyFile);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  syncFolder(path.dirname(keyFile));
}

/** Makes a new directory entry durable; Windows cannot open a folder for fsync (NTFS journals it). */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
