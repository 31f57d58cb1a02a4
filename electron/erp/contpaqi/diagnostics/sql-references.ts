/**
 * What a statement of the adapter relies on, read from its own SQL text so the diagnosis follows the readers and
 * writers as they change instead of keeping a second list: the dbo tables it names, the columns it reads through
 * their aliases (`p.ProductKey` with `dbo.orgProduct p`), and the columns an INSERT or UPDATE fills.
 */

const NOT_ALIASES = new Set([
  'WHERE',
  'JOIN',
  'LEFT',
  'RIGHT',
  'INNER',
  'OUTER',
  'CROSS',
  'FULL',
  'ON',
  'GROUP',
  'ORDER',
  'SET',
  'VALUES',
  'SELECT',
  'UNION',
  'AND',
  'OR',
  'AS',
  'WITH',
  'HAVING',
]);

/** Table (as written after `dbo.`) → columns read through its alias. Unqualified columns are not attributed. */
export function tablesRead(sql: string): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  const aliases = new Map<string, string | null>(); // null: the alias names two tables, its columns are not attributed
  for (const m of sql.matchAll(/\bdbo\.(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const table = m[1]!;
    if (!tables.has(table)) tables.set(table, new Set());
    const alias = m[2];
    if (!alias || NOT_ALIASES.has(alias.toUpperCase())) continue;
    const key = alias.toLowerCase();
    const known = aliases.get(key);
    aliases.set(key, known === undefined || known === table ? table : null);
  }
  for (const m of sql.matchAll(/\b([A-Za-z_]\w*)\.(\w+)\b/g)) {
    const alias = m[1]!.toLowerCase();
    if (alias === 'dbo' || alias === 'sys') continue;
    const table = aliases.get(alias);
    if (table) tables.get(table)!.add(m[2]!);
  }
  return tables;
}

export interface WrittenTable {
  table: string;
  kind: 'INSERT' | 'UPDATE';
  columns: string[];
}

/** The table and the columns an `INSERT INTO dbo.t (…)` or `UPDATE dbo.t SET a = …, b = …` fills; null otherwise. */
export function tableWritten(sql: string): WrittenTable | null {
  const insert = /^\s*INSERT\s+INTO\s+dbo\.(\w+)\s*\(([^)]*)\)/i.exec(sql);
  if (insert)
    return {
      table: insert[1]!,
      kind: 'INSERT',
      columns: insert[2]!
        .split(',')
        .map((c) => c.trim())
        .filter(Boolean),
    };
  const update = /^\s*UPDATE\s+dbo\.(\w+)\s+SET\s+([\s\S]+?)(?:\bWHERE\b|$)/i.exec(sql);
  if (update) {
    const columns = update[2]!
      .split(',')
      .map((a) => /^\s*(\w+)\s*=/.exec(a)?.[1])
      .filter((c): c is string => !!c);
    return { table: update[1]!, kind: 'UPDATE', columns };
  }
  return null;
}

/** The string exports of a query module that are statements (its SQL constants), in export order. */
export function statementsOf(module: Readonly<Record<string, unknown>>): string[] {
  return Object.values(module).filter(
    (v): v is string => typeof v === 'string' && /^\s*(SELECT|INSERT|UPDATE|DELETE|CREATE)\b/i.test(v),
  );
}
