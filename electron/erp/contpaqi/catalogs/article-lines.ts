import type { StartProCatalog } from './catalog-definition';
import { text } from '../../record-values';

/** The line key: Category1 trimmed and upper-cased, as SQL Server compares it case-insensitively. */
export const LINE_KEY_OF_PRODUCT = 'UPPER(LTRIM(RTRIM(p.Category1)))';

/**
 * Start/Pro has no line table: a line is the free text of orgProduct.Category1 (CAYAL uses it as "línea") [C].
 * The key is the text itself, upper-cased so "Ferretería" and "FERRETERÍA" are one line; renaming a line in
 * Comercial therefore shows up as a new line plus a deleted one. Small catalog, no integer key: one block.
 * `group` is omitted: Category2 is not known to be a parent of Category1.
 */
export const articleLines: StartProCatalog = {
  name: 'article-lines',
  select: `
SELECT g.lineKey AS lineKey, MIN(g.lineName) AS lineName
FROM (SELECT ${LINE_KEY_OF_PRODUCT} AS lineKey, LTRIM(RTRIM(p.Category1)) AS lineName
      FROM dbo.orgProduct p
      WHERE p.DeletedOn IS NULL AND p.Category1 IS NOT NULL AND LTRIM(RTRIM(p.Category1)) <> '') g
GROUP BY g.lineKey`,
  blockColumn: null,
  keyColumns: ['lineKey'],
  columns: ['lineKey', 'lineName'],
  toRecord(r) {
    return { key: String(r.lineKey), data: { name: text(r.lineName) } };
  },
};
