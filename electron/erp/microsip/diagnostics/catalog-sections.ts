import { CATALOG_LABELS } from '../../../../shared/catalogs';
import type { DiagnosticCheck, DiagnosticSection } from '../../../../shared/erp-diagnostics';
import type { MicrosipCatalog } from '../catalogs/catalog-definition';
import { missing, ok, warn } from './checks';
import type { PrivilegeReader } from './privileges';

/**
 * One section per catalog, from the tables the catalog itself declares (`requires`, `optional`): the same lists the
 * catalog source uses to offer or skip it, so the report and the sync say the same thing.
 */
export function catalogSections(catalogs: readonly MicrosipCatalog[], tables: ReadonlySet<string>, rights: PrivilegeReader): DiagnosticSection[] {
  return catalogs.map((catalog) => {
    const checks: DiagnosticCheck[] = [];
    const absent = catalog.requires.filter((t) => !tables.has(t));
    const optional = catalog.optional ?? [];
    if (absent.length > 0) {
      checks.push(
        missing(
          `Tabla${absent.length > 1 ? 's' : ''} ${absent.join(', ')}`,
          `Este ERP no tiene este catálogo: falta ${absent.join(', ')}. La sincronización lo omite; si su Microsip sí lo maneja, envíe este informe a soporte.`,
        ),
      );
    } else if (catalog.requires.length === 0 && !optional.some((t) => tables.has(t))) {
      checks.push(warn('Tablas', `Este ERP no tiene este catálogo: falta ${optional.join(', ')}. La sincronización lo omite.`));
    }
    for (const table of catalog.requires.filter((t) => tables.has(t))) checks.push(readCheck(table, rights));
    if (absent.length > 0) return { key: `catalog:${catalog.name}`, title: `Catálogo ${CATALOG_LABELS[catalog.name]}`, checks };
    for (const table of optional) {
      if (!tables.has(table)) {
        if (catalog.requires.length > 0) checks.push(ok(`Tabla ${table}`, 'No existe en esta base; es opcional y el catálogo se envía sin sus datos.'));
        continue;
      }
      checks.push(readCheck(table, rights));
    }
    return { key: `catalog:${catalog.name}`, title: `Catálogo ${CATALOG_LABELS[catalog.name]}`, checks };
  });
}

/** A table the catalog reads when present: without SELECT the catalog's query fails, optional or not. */
function readCheck(table: string, rights: PrivilegeReader) {
  if (rights.may(table, 'S')) return ok(`Tabla ${table}`, 'Existe y se puede leer.');
  return missing(`Permiso SELECT en ${table}`, `El usuario ${rights.user} no puede leer ${table}, así que el catálogo no se puede leer: pida ${rights.grantText(table, ['S'])}.`);
}
