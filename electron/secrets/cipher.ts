/**
 * Encrypts secrets at rest. Implementations: Electron's safeStorage in the desktop app (OS keychain /
 * DPAPI) and a machine-local key file for the headless service. Each ciphertext is stored with its
 * scheme, so a process knows whether it can read it.
 */
export interface SecretCipher {
  readonly scheme: string;
  encrypt(plain: string): Promise<Buffer>;
  decrypt(ciphertext: Buffer): Promise<string>;
}
