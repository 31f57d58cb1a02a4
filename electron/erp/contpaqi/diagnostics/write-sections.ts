import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import { withoutCustomerCompany } from '../catalogs/customer-filter';
import { documentInsert, FOLIO_TABLE } from '../documents/document-queries';
import type { NativeSchema } from '../documents/native-schema';
import { INSERT_TAX_DETAIL, taxInsert, taxSumInsert } from '../documents/tax-rows';
import { ok, missing, warn, type DoctorContext } from './checks';
import { moduleCheck } from './module-check';
import { presenceCheck, requiredColumnChecks, selectCheck, writeRightCheck } from './object-checks';
import { tablesRead, tableWritten } from './sql-references';
import { TABLE_CONSEQUENCE, WRITE_PATHS, type WritePath } from './write-paths';

export interface WriteDiagnosis {
  sections: DiagnosticSection[];
  /** The module each path would write to (null: none found), for the series section. */
  modules: Map<WritePath['key'], number | null>;
}

/**
 * 'write:orders', 'write:quotes', 'write:invoices': the module, then every table the writer inserts into (its
 * columns exist, the login may INSERT, no NOT NULL column without default is left out) and every table it reads
 * (SELECT). Quotes go through the same statements as orders, so their section points to the orders' table checks
 * instead of repeating them. The folio table is checked once, in the series section.
 */
export async function writeSections(ctx: DoctorContext): Promise<WriteDiagnosis> {
  const sections: DiagnosticSection[] = [];
  const modules = new Map<WritePath['key'], number | null>();
  const tableChecks = new Map<readonly string[], DiagnosticCheck[]>();
  for (const path of WRITE_PATHS) {
    const module = await moduleCheck(ctx, path.documentType, path.moduleName);
    modules.set(path.key, module.moduleId);
    const shared = tableChecks.get(path.statements);
    if (shared) {
      sections.push({ key: path.key, title: path.title, checks: [module.check, sameTables(shared, path)] });
      continue;
    }
    const checks = await pathTableChecks(ctx, path);
    tableChecks.set(path.statements, checks);
    sections.push({ key: path.key, title: path.title, checks: [module.check, ...checks] });
  }
  return { sections, modules };
}

/** The statements every writer builds from this database's native schema (../documents/document-writer.ts, tax-rows.ts). */
function nativeStatements(native: NativeSchema): string[] {
  return [
    documentInsert(native.documentDates),
    taxInsert(native),
    ...(native.taxDetail ? [INSERT_TAX_DETAIL] : []),
    ...(native.taxSumSlots > 0 ? [taxSumInsert(1)] : []),
  ];
}

function sameTables(checks: readonly DiagnosticCheck[], path: WritePath): DiagnosticCheck {
  const faults = checks.filter((c) => c.status === 'falta').length;
  const subject = 'Tablas y permisos';
  const intro = `${capitalized(path.documents)} se escriben con las mismas instrucciones y tablas que los pedidos`;
  return faults
    ? missing(subject, `${intro}: resuelva las ${faults} faltas de «Pedidos (escritura)».`)
    : ok(subject, `${intro}, y allí todo está correcto.`);
}

async function pathTableChecks(ctx: DoctorContext, path: WritePath): Promise<DiagnosticCheck[]> {
  const statements = [...path.statements, ...nativeStatements(ctx.native)].map((s) =>
    ctx.customersPerCompany ? s : withoutCustomerCompany(s),
  );
  const written = new Map<string, Set<string>>();
  const read = new Map<string, Set<string>>();
  for (const sql of statements) {
    const w = tableWritten(sql);
    if (w) {
      if (w.table === FOLIO_TABLE) continue;
      const cols = written.get(w.table) ?? new Set<string>();
      for (const c of w.columns) cols.add(c);
      written.set(w.table, cols);
      continue;
    }
    for (const [table, cols] of tablesRead(sql)) {
      if (table === FOLIO_TABLE) continue;
      const all = read.get(table) ?? new Set<string>();
      for (const c of cols) all.add(c);
      read.set(table, all);
    }
  }
  const checks: DiagnosticCheck[] = [];
  for (const table of path.tables) {
    if (!written.has(table)) {
      checks.push(
        warn(
          `Tabla dbo.${table}`,
          `El diagnóstico no encontró la instrucción con que el conector escribe en dbo.${table}, así que no revisó sus columnas: envíe este informe a soporte.`,
        ),
      );
    }
  }
  for (const [table, columns] of written) {
    const consequence = TABLE_CONSEQUENCE[table] ?? `${path.documents} no se pueden registrar`;
    const absent = (what: string) =>
      `Falta ${what}, que el conector escribe, así que ${consequence}: envíe este informe a soporte.`;
    const used = new Set([...columns, ...(read.get(table) ?? [])]);
    const { check, present } = await presenceCheck(ctx, table, used, absent, 'el conector al escribir');
    checks.push(check);
    if (!present) continue;
    checks.push(await writeRightCheck(ctx, table, 'INSERT', consequence));
    checks.push(...(await requiredColumnChecks(ctx, table, columns, consequence)));
  }
  for (const [table, columns] of read) {
    const consequence = `${path.documents} no se pueden registrar`;
    if (!written.has(table)) {
      const absent = (what: string) =>
        `Falta ${what}, que el conector consulta al escribir, así que ${consequence}: envíe este informe a soporte.`;
      const { check, present } = await presenceCheck(
        ctx,
        table,
        columns,
        absent,
        'el conector al preparar el documento',
      );
      checks.push(check);
      if (!present) continue;
    } else if (!(await ctx.probe.object(table)).exists) {
      continue;
    }
    checks.push(await selectCheck(ctx, table, consequence));
  }
  return checks;
}

function capitalized(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
