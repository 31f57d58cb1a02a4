import type { SettingsDb } from '../settings/database';
import { UserFacingError } from '../core/user-facing-error';
import type { SecretCipher } from './cipher';

const OTHER_SCHEME: Record<string, string> = {
  'safe-storage': 'la consola de escritorio (almacenamiento seguro del sistema)',
  'local-key-v1': 'el servicio wopen-sync (llave local)',
};

/** Ciphertexts in the `secrets` table; settings rows keep only the SecretID. */
export class SecretStore {
  constructor(
    private readonly db: SettingsDb,
    private readonly cipher: SecretCipher,
  ) {}

  get scheme(): string {
    return this.cipher.scheme;
  }

  /** Encrypts before any write, so callers can run put() inside their own transaction afterwards. */
  async seal(plain: string): Promise<Buffer> {
    return this.cipher.encrypt(plain);
  }

  /** Writes a sealed secret, replacing `existingId` when given. Synchronous: safe inside a transaction. */
  write(sealed: Buffer, existingId: number | null, now: string): number {
    if (existingId !== null) {
      const res = this.db
        .prepare('UPDATE secrets SET Scheme = ?, Ciphertext = ?, UpdatedOn = ? WHERE SecretID = ?')
        .run(this.cipher.scheme, sealed, now, existingId);
      if (res.changes === 1) return existingId;
    }
    const res = this.db
      .prepare('INSERT INTO secrets (Scheme, Ciphertext, CreatedOn, UpdatedOn) VALUES (?, ?, ?, ?)')
      .run(this.cipher.scheme, sealed, now, now);
    return Number(res.lastInsertRowid);
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM secrets WHERE SecretID = ?').run(id);
  }

  async read(id: number): Promise<string> {
    const row = this.db.prepare('SELECT Scheme, Ciphertext FROM secrets WHERE SecretID = ?').get(id) as
      { Scheme: string; Ciphertext: Buffer } | undefined;
    if (!row) throw new UserFacingError('No hay contraseña guardada; captúrela.');
    if (row.Scheme !== this.cipher.scheme) {
      throw new UserFacingError(
        `Esta contraseña fue guardada por ${OTHER_SCHEME[row.Scheme] ?? row.Scheme} y este proceso no puede leerla. Vuelva a capturarla aquí.`,
      );
    }
    return this.cipher.decrypt(row.Ciphertext);
  }
}

/** Whether the database holds any secret sealed with that scheme (before choosing to create a new key). */
export function hasSecretsOf(db: SettingsDb, scheme: string): boolean {
  return db.prepare('SELECT 1 FROM secrets WHERE Scheme = ? LIMIT 1').get(scheme) !== undefined;
}
