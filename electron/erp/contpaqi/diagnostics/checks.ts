import type { NativeSchema } from '../documents/native-schema';
import type { SqlQueryRunner } from '../sql-executor';
import type { SchemaProbe } from './schema-probe';

/** What every section builder gets: the read-only runner, the metadata cache and who is asking. */
export interface DoctorContext {
  db: SqlQueryRunner;
  probe: SchemaProbe;
  /** The database user (USER_NAME()), the principal a GRANT names. */
  user: string;
  /** OwnedBusinessEntityID of the company examined; null when none was chosen (company checks are skipped). */
  company: number | null;
  /** orgCustomer.OwnedBusinessEntityID exists (../catalogs/customer-filter.ts): the SQL is used as the adapter uses it. */
  customersPerCompany: boolean;
  /** The native columns and tax tables this database has: the writers fill exactly these (../documents/native-schema.ts). */
  native: NativeSchema;
  /** A driver failure as the adapter's Spanish message. */
  describe: (err: unknown) => Error;
}

export { missing, ok, warn } from '../../../../shared/erp-diagnostics';

/** The statement to ask the database administrator for, naming the database user as SQL Server quotes it. */
export function grantText(permission: string, on: string | null, user: string): string {
  const target = on === null ? '' : ` ON ${on}`;
  return `GRANT ${permission}${target} TO [${user.replaceAll(']', ']]')}]`;
}

/** «Tabla dbo.orgProduct» / «Vista dbo.vwLBSTaxPerc» (Comercial names its views vw…). */
export function objectLabel(table: string): string {
  return `${/^vw/i.test(table) ? 'Vista' : 'Tabla'} dbo.${table}`;
}

export function list(names: Iterable<string>): string {
  return [...names].join(', ');
}
