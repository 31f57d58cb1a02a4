import { CATALOG_LABELS, notInThisErp } from '../../../../shared/catalogs';
import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import type { MicrosipCatalog } from '../catalogs/catalog-definition';
import { SchemaFacts } from '../catalogs/schema-facts';
import type { FirebirdQueryable } from '../firebird-client';
import { unknownObject } from '../firebird-errors';
import { describeTables } from '../table-metadata';
import { missing, ok, warn } from '../../../../shared/erp-diagnostics';
import type { PrivilegeReader } from './privileges';

/**
 * One section per catalog, from the tables the catalog itself declares (`requires`, `optional`): the same lists the
 * catalog source uses to offer or skip it, so the report and the sync say the same thing.
 */
export async function catalogSections(
  db: FirebirdQueryable,
  catalogs: readonly MicrosipCatalog[],
  tables: ReadonlySet<string>,
  rights: PrivilegeReader,
): Promise<DiagnosticSection[]> {
  const schema = new SchemaFacts(
    await describeTables(db, [...new Set(catalogs.flatMap((d) => [...d.requires, ...(d.optional ?? [])]))]),
  );
  const sections: DiagnosticSection[] = [];
  for (const catalog of catalogs) {
    const checks: DiagnosticCheck[] = [];
    const absent = catalog.requires.filter((t) => !tables.has(t));
    const optional = catalog.optional ?? [];
    if (absent.length > 0) {
      checks.push(
        missing(
          `Tabla${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`,
          `${notInThisErp(absent.join(', '))} La sincronización lo omite; si su Microsip sí lo maneja, envíe este informe a soporte.`,
        ),
      );
    } else if (catalog.requires.length === 0 && !optional.some((t) => tables.has(t))) {
      checks.push(warn('Tablas', `${notInThisErp(optional.join(', '))} La sincronización lo omite.`));
    }
    for (const table of catalog.requires.filter((t) => tables.has(t))) checks.push(readCheck(table, rights));
    const section = { key: `catalog:${catalog.name}`, title: `Catálogo ${CATALOG_LABELS[catalog.name]}`, checks };
    sections.push(section);
    if (absent.length > 0) continue;
    for (const table of optional) {
      if (!tables.has(table)) {
        if (catalog.requires.length > 0)
          checks.push(
            ok(`Tabla ${table}`, 'No existe en esta base; es opcional y el catálogo se envía sin sus datos.'),
          );
        continue;
      }
      checks.push(readCheck(table, rights));
    }
    const offered = catalog.available ? catalog.available(schema) : true;
    if (offered) checks.push(await queryCheck(db, catalog, schema));
  }
  return sections;
}

/**
 * The catalog's own SELECT, as the sync builds it for this schema, with every block filter false and FIRST 0: Firebird
 * resolves every table and column it names and returns no row.
 */
async function queryCheck(db: FirebirdQueryable, catalog: MicrosipCatalog, schema: SchemaFacts) {
  const subject = 'Consulta del catálogo';
  try {
    const sql = catalog.select({ schema, range: () => '1 = 0' });
    await db.query(`SELECT FIRST 0 * FROM (${sql}) q`);
    return ok(subject, 'La consulta del catálogo se ejecuta en esta base sin errores (probada sin leer filas).');
  } catch (err) {
    const text = err instanceof Error ? err.message : String(err);
    const unknown = unknownObject(text);
    if (unknown)
      return missing(
        subject,
        `${notInThisErp(`${unknown.kind === 'column' ? 'la columna' : 'la tabla'} ${unknown.name}`)} La sincronización lo omite; envíe este informe a soporte.`,
      );
    return missing(
      subject,
      `La consulta del catálogo falla en esta base (${text.split('\n')[0]}): envíe este informe a soporte.`,
    );
  }
}

/** A table the catalog reads when present: without SELECT the catalog's query fails, optional or not. */
function readCheck(table: string, rights: PrivilegeReader) {
  if (rights.may(table, 'S')) return ok(`Tabla ${table}`, 'Existe y se puede leer.');
  return missing(
    `Permiso SELECT en ${table}`,
    `El usuario ${rights.user} no puede leer ${table}, así que el catálogo no se puede leer: pida ${rights.grantText(table, ['S'])}.`,
  );
}
