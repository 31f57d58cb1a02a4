import { describe, expect, it } from 'vitest';
import * as queries from '../../electron/erp/contpaqi/startpro-queries';
import { splitMultipartName } from '../helpers/sqlite-sql-executor';

const texts = (Object.entries(queries) as [string, unknown][]).filter(
  (e): e is [string, string] => typeof e[1] === 'string',
);

describe('Start/Pro queries stay in the portable T-SQL subset', () => {
  it.each(texts)('%s', (_name, sql) => {
    expect(sql).not.toMatch(/\bN'/); // N'…' literals do not parse in SQLite; values are parameters anyway
    expect(sql).not.toMatch(/\bTOP\b|\bLIMIT\b|\bISNULL\(|\bGETDATE\(|\+/i);
    expect(sql).not.toMatch(/;\s*\S/); // one statement per query
    expect(sql).not.toMatch(/\$\{/);
    for (const table of sql.match(/\b(?:FROM|JOIN)\s+([\w.]+)/gi) ?? []) {
      expect(table).toMatch(/\s(dbo|sys)\./); // explicit schema: a Windows login's default schema may not be dbo
    }
    const params = new Set([...sql.matchAll(/@(\w+)/g)].map((m) => m[1]));
    expect([...params].every((p) => p === 'company' || p === 'db')).toBe(true);
  });

  it('the test emulation parses multipart names like SQL Server', () => {
    expect(splitMultipartName('[a]]b].dbo.docDocument')).toEqual(['a]b', 'dbo', 'docDocument']);
    expect(splitMultipartName('dbo.orgDepot')).toEqual(['dbo', 'orgDepot']);
    expect(splitMultipartName('[x.y]..t')).toEqual(['x.y', '', 't']);
    expect(splitMultipartName('[unclosed')).toBeNull();
  });
});
