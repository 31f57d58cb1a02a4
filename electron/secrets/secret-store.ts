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

  /**
   * Writes a sealed secret, replacing `existingId` when given, bound to `destination` (where it may be sent; null:
   * bound on first use). Synchronous: safe inside a transaction.
   */
  write(sealed: Buffer, existingId: number | null, now: string, destination: string | null = null): number {
    if (existingId !== null) {
      const res = this.db
        .prepare('UPDATE secrets SET Scheme = ?, Ciphertext = ?, UpdatedOn = ?, Destination = ? WHERE SecretID = ?')
        .run(this.cipher.scheme, sealed, now, destination, existingId);
      if (res.changes === 1) return existingId;
    }
    const res = this.db
      .prepare('INSERT INTO secrets (Scheme, Ciphertext, CreatedOn, UpdatedOn, Destination) VALUES (?, ?, ?, ?, ?)')
      .run(this.cipher.scheme, sealed, now, now, destination);
    return Number(res.lastInsertRowid);
  }

  /** Where the secret may be sent; null when it was saved before secrets were bound. */
  destinationOf(id: number): string | null {
    const row = this.db.prepare('SELECT Destination FROM secrets WHERE SecretID = ?').get(id) as
      { Destination: string | null } | undefined;
    return row?.Destination ?? null;
  }

  /** Whether the saved secret may be sent to `destination` (an unbound one may: the first use binds it). */
  mayGoTo(id: number, destination: string): boolean {
    const bound = this.destinationOf(id);
    return bound === null || bound === destination;
  }

  remove(id: number): void {
    this.db.prepare('DELETE FROM secrets WHERE SecretID = ?').run(id);
  }

  /**
   * The plain secret, for `destination` only: a secret bound elsewhere is refused with `changed` (the Spanish
   * «escriba la contraseña de nuevo»); an unbound one is bound to it now.
   */
  async read(id: number, use?: { destination: string; changed: string }): Promise<string> {
    const row = this.db.prepare('SELECT Scheme, Ciphertext, Destination FROM secrets WHERE SecretID = ?').get(id) as
      { Scheme: string; Ciphertext: Buffer; Destination: string | null } | undefined;
    if (!row) throw new UserFacingError('No hay contraseña guardada; captúrela.');
    if (use && row.Destination !== null && row.Destination !== use.destination) throw new UserFacingError(use.changed);
    if (use && row.Destination === null)
      this.db.prepare('UPDATE secrets SET Destination = ? WHERE SecretID = ?').run(use.destination, id);
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
