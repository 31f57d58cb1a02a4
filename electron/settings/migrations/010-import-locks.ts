import type { Migration } from './types';

/**
 * The per-company import lock now guards every inbound flow (orders and invoices alike), so its table is named
 * for that: `order_import_locks` becomes `import_locks`, keeping any row a running pass holds.
 */
export const migration010: Migration = {
  version: 10,
  name: 'import-locks',
  sql: `ALTER TABLE order_import_locks RENAME TO import_locks;`,
};
