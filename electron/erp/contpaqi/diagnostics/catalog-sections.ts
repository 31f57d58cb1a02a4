import { notInThisErp as engineWords } from '../../../../shared/catalogs';
import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { CATALOG_LABELS } from '../../../../shared/catalogs';
import { ErpError } from '../../port';
import { STARTPRO_CATALOGS } from '../catalogs';
import type { StartProCatalog } from '../catalogs/catalog-definition';
import { withoutCustomerCompany } from '../catalogs/customer-filter';
import type { SqlParams } from '../sql-executor';
import { missing, ok, type DoctorContext } from './checks';
import { presenceCheck, selectCheck } from './object-checks';
import { tablesRead } from './sql-references';

/** The engine's words for a catalog this database lacks (electron/engine/company-run.ts), plus what to do. */
export const notInThisErp = (what: string) =>
  `${engineWords(what)} La sincronización lo omite; si Comercial sí lo tiene, envíe este informe a soporte.`;

/**
 * One section per catalog the adapter syncs: every table or view its SELECT names, with the columns it reads, the
 * login's SELECT right on each, and then the catalog's own SQL compiled against this database without reading a row
 * (`WHERE 1 = 0`), which catches anything the column list could not see.
 */
export async function catalogSections(ctx: DoctorContext): Promise<DiagnosticSection[]> {
  const sections: DiagnosticSection[] = [];
  for (const def of STARTPRO_CATALOGS.values()) sections.push(await catalogSection(ctx, def));
  return sections;
}

async function catalogSection(ctx: DoctorContext, def: StartProCatalog): Promise<DiagnosticSection> {
  const sql = ctx.customersPerCompany ? def.select : withoutCustomerCompany(def.select);
  const checks: DiagnosticCheck[] = [];
  let usable = true;
  for (const [table, columns] of tablesRead(sql)) {
    const { check, present } = await presenceCheck(ctx, table, columns, notInThisErp, 'el catálogo');
    checks.push(check);
    if (!present) {
      usable = false;
      continue;
    }
    const read = await selectCheck(ctx, table, 'el catálogo no se puede leer');
    checks.push(read);
    if (read.status !== 'correcto') usable = false;
  }
  if (usable) checks.push(await dryRun(ctx, sql));
  return { key: `catalog:${def.name}`, title: `Catálogo ${CATALOG_LABELS[def.name]}`, checks };
}

/** The catalog's SELECT, compiled and run for no rows: SQL Server still resolves every name in it. */
async function dryRun(ctx: DoctorContext, source: string): Promise<DiagnosticCheck> {
  const sql = `SELECT COUNT(*) AS n FROM (${source}) s WHERE 1 = 0`;
  const all: Record<string, string | number> = { company: ctx.company ?? 0, today: '2000-01-01T00:00:00' };
  const params: SqlParams = Object.fromEntries(
    Object.entries(all).filter(([name]) => new RegExp(`@${name}\\b`).test(sql)),
  );
  const subject = 'Consulta del catálogo';
  try {
    await ctx.db.query(sql, params);
    return ok(subject, 'La consulta del catálogo se ejecuta en esta base sin errores (probada sin leer filas).');
  } catch (err) {
    const e = ctx.describe(err);
    if (e instanceof ErpError && e.missingObject) return missing(subject, notInThisErp(e.missingObject));
    return missing(subject, `${e.message} Envíe este informe a soporte.`);
  }
}
