import type { HeldCatalogView } from '../../../../shared/ipc-contract';
import { formatCount } from '../../format';

/** «295 de Catálogos de artículos y 576 de Precios de artículos». */
export function heldSummary(held: readonly HeldCatalogView[]): string {
  const parts = held.map((h) => `${formatCount(h.count)} de ${h.label}`);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} y ${parts[parts.length - 1]}`;
}

export const heldTotal = (held: readonly HeldCatalogView[]): number => held.reduce((n, h) => n + h.count, 0);
