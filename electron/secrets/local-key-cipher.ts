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

  static open(keyFile: string, platform = process.platform): LocalKeyCipher {
    return new LocalKeyCipher(loadOrCreateKey(keyFile, platform));
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

function loadOrCreateKey(keyFile: string, platform: NodeJS.Platform): Buffer {
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  if (!fs.existsSync(keyFile)) {
    const tmp = `${keyFile}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, crypto.randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
    try {
      // link() fails if another process created the key first: then we use theirs.
      fs.linkSync(tmp, keyFile);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  if (platform !== 'win32') {
    const mode = fs.statSync(keyFile).mode & 0o777;
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
