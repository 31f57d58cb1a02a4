import { describe, expect, it } from 'vitest';
import { CATALOGS } from '../../shared/catalogs';
import type { CatalogDefinition, Dialect } from '../../electron/erp/catalog-definition';
import { STARTPRO_CATALOGS } from '../../electron/erp/contpaqi/catalogs';
import { MICROSIP_CATALOGS } from '../../electron/erp/microsip/catalogs';

/** Both ERPs' definitions, as the shared shape sees them. */
const ERPS: [string, readonly CatalogDefinition<Dialect>[]][] = [
  ['Microsip', MICROSIP_CATALOGS],
  ['Start/Pro', [...STARTPRO_CATALOGS.values()]],
];

const names = (columns: Dialect['columns']): readonly string[] =>
  Array.isArray(columns) ? columns : Object.keys(columns);

describe.each(ERPS)('%s catalog definitions', (_erp, defs) => {
  it('name each catalog once, in the engine push order', () => {
    const listed = defs.map((d) => d.name);
    expect(listed).toEqual(CATALOGS.filter((c) => listed.includes(c)));
  });

  it.each(defs.map((d) => [d.name, d] as const))('%s: block column first among the key columns', (_name, def) => {
    expect(def.keyColumns.length, def.name).toBeGreaterThan(0);
    if (def.blockColumn !== null) expect(def.keyColumns[0]).toBe(def.blockColumn);
    expect(new Set(def.keyColumns).size).toBe(def.keyColumns.length);
  });

  it.each(defs.map((d) => [d.name, d] as const))(
    '%s: fingerprint columns exclude the block column and hold the other key columns',
    (_name, def) => {
      const columns = names(def.columns);
      expect(columns.length).toBeGreaterThan(0);
      expect(new Set(columns).size).toBe(columns.length);
      if (def.blockColumn !== null) expect(columns).not.toContain(def.blockColumn);
      for (const key of def.keyColumns.filter((k) => k !== def.blockColumn)) expect(columns).toContain(key);
    },
  );
});
