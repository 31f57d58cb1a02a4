import type { MicrosipConfig } from '../../../shared/erp-connection';
import { ErpError } from '../port';
import { companyDatabasePath, configDatabasePath } from './data-folder-paths';
import { describeFirebirdFailure } from './firebird-errors';
import {
  DEFAULT_TIMEOUTS,
  openFirebird,
  withFirebird,
  type FirebirdSession,
  type FirebirdTarget,
  type FirebirdTimeouts,
  type OpenFirebirdSession,
} from './firebird-client';
import { parseCompanyId, readCompany, type MicrosipCompanyRow } from './microsip-reads';

/**
 * Opening Microsip databases by role. Every failure comes out as an ErpError in Spanish.
 * The company file is resolved from EMPRESAS on every call: users rename companies in Microsip, and
 * the .FDB file name follows NOMBRE_CORTO.
 */

export interface MicrosipAccess {
  config: MicrosipConfig;
  password: string;
  timeouts?: FirebirdTimeouts;
}

/** Runs `work` against `<folder>/System/CONFIG.FDB`. */
export async function withConfigDatabase<T>(
  access: MicrosipAccess,
  work: (db: FirebirdSession) => Promise<T>,
): Promise<T> {
  return withMicrosipDatabase(
    access,
    pathOrError(() => configDatabasePath(access.config.folder)),
    'config',
    work,
  );
}

/** Runs `work` against the company's `<folder>/<NOMBRE_CORTO>.FDB` (the sync engine's entry point). */
export async function withCompanyDatabase<T>(
  access: MicrosipAccess,
  companyId: string,
  work: (db: FirebirdSession, company: MicrosipCompanyRow) => Promise<T>,
): Promise<T> {
  const company = await resolveCompany(access, companyId);
  const path = pathOrError(() => companyDatabasePath(access.config.folder, company.shortName));
  return withMicrosipDatabase(access, path, 'company', (db) => work(db, company));
}

/** An open company database for the sync engine, plus how to explain later query failures in Spanish. */
export interface OpenCompanyDatabase {
  db: OpenFirebirdSession;
  company: MicrosipCompanyRow;
  describe(err: unknown): Error;
  /** One more attachment to the same database (parallel work); the caller closes it. */
  openAnother(): Promise<OpenFirebirdSession>;
}

/** Like withCompanyDatabase, but the attachment stays open until `db.close()`. */
export async function openCompanyDatabase(access: MicrosipAccess, companyId: string): Promise<OpenCompanyDatabase> {
  const company = await resolveCompany(access, companyId);
  const databasePath = pathOrError(() => companyDatabasePath(access.config.folder, company.shortName));
  const { config, password } = access;
  const describe = (err: unknown): Error =>
    describeFirebirdFailure(err, {
      host: config.host,
      port: config.port,
      user: config.user,
      databasePath,
      databaseRole: 'company',
      password,
    });
  const attach = () => openFirebird(targetOf(access, databasePath), access.timeouts ?? DEFAULT_TIMEOUTS);
  try {
    const db = await attach();
    return { db, company, describe, openAnother: attach };
  } catch (err) {
    throw describe(err);
  }
}

/** The Firebird attachment a connection's settings describe, for one of its databases. */
function targetOf(access: MicrosipAccess, databasePath: string): FirebirdTarget {
  const { config, password } = access;
  return {
    host: config.host,
    port: config.port,
    database: databasePath,
    user: config.user,
    password,
    allowLegacyAuth: config.allowLegacyAuth,
  };
}

async function resolveCompany(access: MicrosipAccess, companyId: string): Promise<MicrosipCompanyRow> {
  parseCompanyId(companyId); // reject a malformed id before touching the network
  const company = await withConfigDatabase(access, (db) => readCompany(db, companyId));
  if (!company) {
    throw new ErpError(`La empresa ${companyId} ya no existe en Microsip (tabla EMPRESAS de CONFIG.FDB).`, [
      'Actualice la lista de empresas: puede haberse eliminado en Microsip.',
    ]);
  }
  return company;
}

async function withMicrosipDatabase<T>(
  access: MicrosipAccess,
  databasePath: string,
  role: 'config' | 'company',
  work: (db: FirebirdSession) => Promise<T>,
): Promise<T> {
  const { config, password } = access;
  try {
    return await withFirebird(targetOf(access, databasePath), work, access.timeouts ?? DEFAULT_TIMEOUTS);
  } catch (err) {
    throw describeFirebirdFailure(err, {
      host: config.host,
      port: config.port,
      user: config.user,
      databasePath,
      databaseRole: role,
      password,
    });
  }
}

function pathOrError(build: () => string): string {
  try {
    return build();
  } catch (err) {
    throw new ErpError(err instanceof Error ? err.message : String(err), ['Revise la Carpeta de datos.']);
  }
}
