import { CATALOG_LABELS, isCatalogName } from '../../../../shared/catalogs';

/** Spanish name of a catalog key ("articles" → "Catálogos de artículos"); unknown keys as they are. */
export const catalogLabel = (catalog: string): string => (isCatalogName(catalog) ? CATALOG_LABELS[catalog] : catalog);
