import fs from 'node:fs';
import path from 'node:path';
import type { SecretCipher } from './cipher';
import { LocalKeyCipher } from './local-key-cipher';

export type CipherChoice =
  { kind: 'os' } | { kind: 'local-key'; keyFile: string; reason: 'shared-database' | 'key-exists' | 'no-os-storage' };

/**
 * Which cipher the desktop console uses. The OS keychain (DPAPI) ties a secret to the Windows user
 * who saved it, so a service running as another account could not read it. A database outside the user's
 * own folder (`--db` / WOPEN_SYNC_DB, e.g. C:\ProgramData\...) is shared with the service, so the console
 * uses the service's key file beside it; so it does when that key file already exists.
 */
export function chooseConsoleCipher(o: {
  databasePath: string;
  userDataDir: string;
  osAvailable: boolean;
}): CipherChoice {
  const keyFile = path.join(path.dirname(o.databasePath), 'wopen-sync.key');
  const inside = path.relative(path.resolve(o.userDataDir), path.resolve(o.databasePath));
  const shared = inside.startsWith('..') || path.isAbsolute(inside);
  if (shared) return { kind: 'local-key', keyFile, reason: 'shared-database' };
  if (fs.existsSync(keyFile)) return { kind: 'local-key', keyFile, reason: 'key-exists' };
  return o.osAvailable ? { kind: 'os' } : { kind: 'local-key', keyFile, reason: 'no-os-storage' };
}

/** Opens the chosen cipher; the OS one comes from the caller (it needs Electron). */
export function openConsoleCipher(
  choice: CipherChoice,
  osCipher: () => SecretCipher,
  secretsExist?: () => boolean,
): SecretCipher {
  return choice.kind === 'os' ? osCipher() : LocalKeyCipher.open(choice.keyFile, { secretsExist });
}
