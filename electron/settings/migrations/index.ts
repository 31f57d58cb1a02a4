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
import { migration012 } from './012-sync-pauses';
import { migration013 } from './013-company-identity';
import { migration014 } from './014-stock-rules';
import { migration015 } from './015-run-errors-cap';
import { migration016 } from './016-alert-webhook-digest';
import { migration017 } from './017-secret-destinations';

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
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
  migration017,
];
