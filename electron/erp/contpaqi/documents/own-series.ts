import type { SqlQueryRunner } from '../sql-executor';
import { OWN_FOLIOS_OF_MODULE } from './document-queries';

/**
 * The connector's own series in one company+module: `defaultSeries` plus every prefix of a document it wrote there,
 * each with its highest numeric folio (0: none yet). One reading for the writers' series list and *Diagnóstico*.
 */
export async function ownSeries(
  db: SqlQueryRunner,
  company: number,
  module: number,
  defaultSeries: string,
): Promise<Map<string, number>> {
  const known = new Map<string, number>([[defaultSeries, 0]]);
  const rows = await db.query<{ prefix: string | null; folio: string | null }>(OWN_FOLIOS_OF_MODULE, {
    company,
    module,
  });
  for (const r of rows) {
    const prefix = String(r.prefix ?? '');
    const folio = /^\d{1,15}$/.test(String(r.folio ?? '').trim()) ? Number(r.folio) : 0;
    if (prefix !== '') known.set(prefix, Math.max(known.get(prefix) ?? 0, folio));
  }
  return known;
}
