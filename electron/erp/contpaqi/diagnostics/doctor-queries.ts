/**
 * The SELECTs only *Diagnóstico* runs (besides the adapter's own probes it reuses). Same dialect rules as
 * ../startpro-queries.ts (@named params, no N'' literals, no TOP, explicit dbo./sys.), so the SQLite emulation runs
 * the same text. Every statement here is a SELECT: the diagnosis never writes (read-only-runner.ts enforces it).
 */

/**
 * Server, database and login. SERVERPROPERTY returns sql_variant, cast to text for the driver. IS_MEMBER answers for
 * the database user (roles reached through Windows groups included), IS_SRVROLEMEMBER for the login.
 */
export const SERVER_AND_LOGIN = `
SELECT CAST(SERVERPROPERTY('ProductVersion') AS NVARCHAR(128)) AS productVersion,
       CAST(SERVERPROPERTY('Edition') AS NVARCHAR(128)) AS edition,
       CAST(SERVERPROPERTY('ProductLevel') AS NVARCHAR(128)) AS productLevel,
       @@VERSION AS versionText, DB_NAME() AS databaseName, SUSER_SNAME() AS loginName, USER_NAME() AS userName,
       IS_SRVROLEMEMBER('sysadmin') AS isSysadmin, IS_MEMBER('db_owner') AS isDbOwner,
       IS_MEMBER('db_datareader') AS isDataReader, IS_MEMBER('db_datawriter') AS isDataWriter`;

export interface ServerRow {
  productVersion: string | null;
  edition: string | null;
  productLevel: string | null;
  versionText: string | null;
  databaseName: string | null;
  loginName: string | null;
  userName: string | null;
  isSysadmin: unknown;
  isDbOwner: unknown;
  isDataReader: unknown;
  isDataWriter: unknown;
}

/** OBJECT_ID without a type: tables and views (vwLBS* are views in Comercial). */
export const OBJECT_EXISTS = `SELECT OBJECT_ID(@object) AS id`;

/**
 * The columns of one table or view: nullability and what fills a column the writer leaves out (IDENTITY, a computed
 * expression, a DEFAULT constraint; system_type_id 189 is rowversion, filled by the server).
 */
export const OBJECT_COLUMNS = `
SELECT c.name AS name, c.is_nullable AS isNullable, c.is_identity AS isIdentity, c.is_computed AS isComputed,
       c.default_object_id AS defaultId, c.system_type_id AS typeId
FROM sys.columns c
WHERE c.object_id = OBJECT_ID(@object)
ORDER BY c.column_id`;

export interface ColumnRow {
  name: string;
  isNullable: unknown;
  isIdentity: unknown;
  isComputed: unknown;
  defaultId: unknown;
  typeId: unknown;
}

/** The login's effective rights on one object (NULL when the object does not exist or cannot be seen). */
export const OBJECT_PERMISSIONS = `
SELECT HAS_PERMS_BY_NAME(@object, 'OBJECT', 'SELECT') AS canSelect,
       HAS_PERMS_BY_NAME(@object, 'OBJECT', 'INSERT') AS canInsert,
       HAS_PERMS_BY_NAME(@object, 'OBJECT', 'UPDATE') AS canUpdate`;

/** Creating a table needs CREATE TABLE in the database and ALTER on the schema it goes to. */
export const CREATE_TABLE_PERMISSIONS = `
SELECT HAS_PERMS_BY_NAME(NULL, 'DATABASE', 'CREATE TABLE') AS createTable,
       HAS_PERMS_BY_NAME('dbo', 'SCHEMA', 'ALTER') AS alterSchema`;

/** A module's name and base, for the message (engModule [C]). */
export const MODULE_INFO = `SELECT m.ModuleName AS name, m.ModuleIDBase AS base FROM dbo.engModule m WHERE m.ModuleID = @module`;

/** The series Comercial itself numbers in a module of the company: documents not written by the connector. */
export const COMERCIAL_SERIES = `
SELECT d.FolioPrefix AS prefix, COUNT(*) AS n
FROM dbo.docDocument d
WHERE d.OwnedBusinessEntityID = @company AND d.ModuleID = @module AND (d.Title IS NULL OR SUBSTRING(d.Title, 1, 6) <> 'WOPEN-')
GROUP BY d.FolioPrefix
ORDER BY d.FolioPrefix`;
