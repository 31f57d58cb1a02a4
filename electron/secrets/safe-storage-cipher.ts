import type { SecretCipher } from './cipher';

/** The part of Electron's `safeStorage` we use (injected, so this file never imports electron). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(blob: Buffer): string;
  getSelectedStorageBackend?: () => string;
}

/**
 * Secrets through the OS (Windows DPAPI, macOS Keychain, Linux libsecret/kwallet). Returns null when the OS
 * offers no real protection (Linux `basic_text` uses a hard-coded password), so the caller falls back to
 * the local key file and says so.
 */
export function createSafeStorageCipher(
  safeStorage: SafeStorageLike,
  platform = process.platform,
): SecretCipher | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return null;
  return {
    scheme: 'safe-storage',
    encrypt: async (plain) => safeStorage.encryptString(plain),
    decrypt: async (blob) => safeStorage.decryptString(blob),
  };
}
