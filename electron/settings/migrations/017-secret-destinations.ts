import type { Migration } from './types';

/**
 * Each secret remembers the destination it was saved for (shared/secret-destination.ts). Secrets saved before have
 * none: the first use binds them to the destination they are used with, which is the one they were saved for
 * unless it was edited without retyping the password — which this version no longer allows.
 */
export const migration017: Migration = {
  version: 17,
  name: 'secret-destinations',
  sql: `ALTER TABLE secrets ADD COLUMN Destination TEXT;`,
};
