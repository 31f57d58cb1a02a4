import type { CatalogName } from '../../../../shared/catalogs';
import type { MicrosipCatalog } from './catalog-definition';
import { keyText, nameOr } from '../../record-values';

/**
 * Catalogs that are an id and a name for the store (customer types, zones, salespeople, collectors). Rows
 * hidden in Microsip (OCULTO = 'S') stay: customers may still point to them.
 */
export function namedCatalog(
  name: CatalogName,
  table: string,
  idColumn: string,
  fallbackLabel: string,
): MicrosipCatalog {
  return {
    name,
    blockColumn: 'ID',
    keyColumns: ['ID'],
    requires: [table],
    columns: { NOMBRE: 'text' },
    select: (b) => `
SELECT t.${idColumn} AS ID, ${b.schema.text('t', table, 'NOMBRE')} AS NOMBRE
FROM ${table} t
WHERE ${b.range(`t.${idColumn}`)}`,
    toRecord: (r) => ({ key: keyText(r.ID), data: { name: nameOr(r.NOMBRE, `${fallbackLabel} ${keyText(r.ID)}`) } }),
  };
}
