/**
 * Every SQL text the Start/Pro adapter runs. Genuine T-SQL kept inside a subset SQLite also parses, so the
 * unit tests execute these exact strings against the fixture (see docs/contpaqi-startpro.md):
 * named @params only, ASCII literals without N'…', CONCAT instead of +, explicit dbo. schema.
 * Schema facts and their confidence: docs/contpaqi-startpro.md, reference contpaqi-startpro-schema.md.
 */

/** Tables whose presence marks a Start/Pro company database (reference §1.1, §1.2). */
export const REQUIRED_TABLES = ['docDocument', 'orgBusinessEntity', 'orgDepot'] as const;

/**
 * Probe of the configured database. OBJECT_ID(…, 'U') answers NULL for missing tables instead of failing.
 * admDocumentos only detects a CONTPAQi Comercial *Premium* database, to give a better hint.
 */
export const PROBE_DATABASE = `
SELECT
  CASE WHEN OBJECT_ID('dbo.docDocument', 'U') IS NULL THEN 0 ELSE 1 END AS docDocument,
  CASE WHEN OBJECT_ID('dbo.orgBusinessEntity', 'U') IS NULL THEN 0 ELSE 1 END AS orgBusinessEntity,
  CASE WHEN OBJECT_ID('dbo.orgDepot', 'U') IS NULL THEN 0 ELSE 1 END AS orgDepot,
  CASE WHEN OBJECT_ID('dbo.admDocumentos', 'U') IS NULL THEN 0 ELSE 1 END AS premiumAdmDocumentos`;

export interface ProbeRow {
  docDocument: number;
  orgBusinessEntity: number;
  orgDepot: number;
  premiumAdmDocumentos: number;
}

/**
 * Companies = owned business entities (IsOwned = 1 [P], reference §1.1); the RFC lives in
 * orgBusinessEntityMainInfo.OfficialNumber [C]. Ordered by id: BusinessEntityID 1 is the first company [P].
 */
export const LIST_COMPANIES = `
SELECT be.BusinessEntityID AS id, be.OfficialName AS officialName, be.CommercialName AS commercialName,
       mi.OfficialNumber AS rfc
FROM dbo.orgBusinessEntity be
LEFT JOIN dbo.orgBusinessEntityMainInfo mi ON mi.BusinessEntityID = be.BusinessEntityID
WHERE be.IsOwned = 1 AND be.DeletedOn IS NULL
ORDER BY be.BusinessEntityID`;

export interface CompanyRow {
  id: number | string; // BIGINT arrives as string from mssql
  officialName: string | null;
  commercialName: string | null;
  rfc: string | null;
}

/** Sucursal choices = the company's active depots (assumption [?], reference §2.4, §2.6). */
export const LIST_DEPOTS = `
SELECT d.DepotID AS id, d.DepotKey AS depotKey, d.DepotName AS depotName
FROM dbo.orgDepot d
WHERE d.OwnedBusinessEntityID = @company AND d.DeletedOn IS NULL
ORDER BY d.DepotID`;

export interface DepotRow {
  id: number | string;
  depotKey: string | null;
  depotName: string | null;
}

/**
 * BROS installer probe, step 1 (reference §1.3): online user databases the login can open.
 * Snapshots (source_database_id) are copies and are left out.
 */
export const LIST_USER_DATABASES = `
SELECT d.name AS name
FROM sys.databases d
WHERE d.database_id > 4 AND d.state = 0 AND d.source_database_id IS NULL AND HAS_DBACCESS(d.name) = 1`;

/**
 * BROS installer probe, step 2, per database: the four marker tables. The database name is a parameter and is
 * quoted by QUOTENAME inside SQL Server, so no name is ever concatenated into the SQL text.
 */
export const PROBE_STARTPRO_DATABASE = `
SELECT CASE WHEN OBJECT_ID(CONCAT(QUOTENAME(@db), '.dbo.engRibbonControl'), 'U') IS NOT NULL
             AND OBJECT_ID(CONCAT(QUOTENAME(@db), '.dbo.engRibbonGroup'), 'U') IS NOT NULL
             AND OBJECT_ID(CONCAT(QUOTENAME(@db), '.dbo.engModule'), 'U') IS NOT NULL
             AND OBJECT_ID(CONCAT(QUOTENAME(@db), '.dbo.docDocument'), 'U') IS NOT NULL
            THEN 1 ELSE 0 END AS isStartPro`;
