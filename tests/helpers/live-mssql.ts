import { buildMssqlConfig } from '../../electron/erp/contpaqi/mssql-config';
import { MssqlExecutor } from '../../electron/erp/contpaqi/mssql-executor';
import type { ContpaqiConfig } from '../../shared/erp-connection';

/**
 * The real SQL Server of the live tests (npm run test:live), from WOPEN_TEST_MSSQL:
 * {"server":"HOST\\COMPAC","database":"master","user":"sa","password":"…","authentication":"sql",
 *  "encrypt":false,"trustServerCertificate":true}
 * `database` is only where the tests connect to create and drop scratch databases (needs CREATE DATABASE).
 */
export interface LiveMssql {
  server: string;
  password: string;
  configFor(database: string): ContpaqiConfig;
  executorFor(database: string): MssqlExecutor;
  /** A new, empty scratch database; every one created is dropped by `dropAll`. */
  createScratch(name: string): Promise<void>;
  dropAll(): Promise<void>;
}

export function liveMssql(): LiveMssql {
  const raw = process.env.WOPEN_TEST_MSSQL;
  if (!raw)
    throw new Error('Defina WOPEN_TEST_MSSQL (JSON con server, database, user, password) para las pruebas en vivo.');
  const env = JSON.parse(raw) as {
    server: string;
    database?: string;
    user: string;
    password: string;
    authentication?: 'sql' | 'windows';
    encrypt?: boolean;
    trustServerCertificate?: boolean;
  };
  const configFor = (database: string): ContpaqiConfig => ({
    kind: 'contpaqi',
    server: env.server,
    database,
    authentication: env.authentication ?? 'sql',
    user: env.user,
    encrypt: env.encrypt ?? false,
    trustServerCertificate: env.trustServerCertificate ?? true,
  });
  const executorFor = (database: string) =>
    new MssqlExecutor(buildMssqlConfig(configFor(database), env.password), env.password);
  const admin = executorFor(env.database ?? 'master');
  const created: string[] = [];
  return {
    server: env.server,
    password: env.password,
    configFor,
    executorFor,
    async createScratch(name) {
      // The name is a parameter; QUOTENAME builds the identifier inside SQL Server.
      await admin.query(
        "DECLARE @s NVARCHAR(400) = CONCAT('CREATE DATABASE ', QUOTENAME(@name)); EXEC sp_executesql @s;",
        {
          name,
        },
      );
      created.push(name);
    },
    async dropAll() {
      for (const name of created) {
        await admin.query(
          `IF DB_ID(@name) IS NOT NULL BEGIN
             DECLARE @s NVARCHAR(600) = CONCAT('ALTER DATABASE ', QUOTENAME(@name), ' SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE ', QUOTENAME(@name));
             EXEC sp_executesql @s;
           END`,
          { name },
        );
      }
      await admin.close();
    },
  };
}

/** A database name no other run uses. */
export const scratchName = (prefix: string) => `${prefix}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
