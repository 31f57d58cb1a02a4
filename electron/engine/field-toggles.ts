/**
 * Seed 2 (*Configuración de sincronización*): names and descriptions may be left to the store; the key is
 * locked; prices and stock always sync. Turning a field off means the engine stops sending it, and the
 * store keeps whatever it has (upserts merge fields: docs/wopen-api.md).
 */
export interface FieldToggles {
  names: boolean;
  descriptions: boolean;
}

export const ALL_FIELDS: FieldToggles = { names: true, descriptions: true };

/** Catalogs whose `name`/`description` the user may leave to the store. */
const TOGGLABLE = new Set(['articles', 'article-lines', 'customers']);

export function applyFieldToggles(
  catalog: string,
  data: Record<string, unknown>,
  t: FieldToggles,
): Record<string, unknown> {
  if (!TOGGLABLE.has(catalog) || (t.names && t.descriptions)) return data;
  const out = { ...data };
  if (!t.names) delete out.name;
  if (!t.descriptions) delete out.description;
  return out;
}

/** Identifies which fields a catalog sends; stored with the sync state so a change re-compares everything. */
export function projectionOf(catalog: string, t: FieldToggles): string {
  return TOGGLABLE.has(catalog) ? `names=${t.names ? 1 : 0};descriptions=${t.descriptions ? 1 : 0}` : 'all';
}
