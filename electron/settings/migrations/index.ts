import type { Migration } from './types';
import { migration001 } from './001-initial';
import { migration002 } from './002-sync-state';
import { migration003 } from './003-events-history';
import { migration004 } from './004-alerts';
import { migration005 } from './005-orders';
import { migration006 } from './006-engine-lease';
import { migration007 } from './007-invoices';
import { migration008 } from './008-store-identity';
import { migration009 } from './009-run-phases';
import { migration010 } from './010-import-locks';
import { migration011 } from './011-held-deactivations';
import { migration015 } from './015-run-errors-cap';

/** Every migration, in order. Append only: a shipped migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration015,
];
