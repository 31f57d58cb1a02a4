import type { Migration } from './types';
import { migration001 } from './001-initial';
import { migration002 } from './002-sync-state';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002];
