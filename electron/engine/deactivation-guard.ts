/**
 * When a run may deactivate records in the store without a person's approval. A restore in progress, the wrong
 * company file or an emptied table reads as "most of the catalog is gone"; sending that would empty the store.
 */
export interface DeactivationLimits {
  /** Held when more than this many records of one catalog would be deactivated… */
  maxCount: number;
  /** …and they are more than this share (0..1) of what the store holds for that catalog. */
  maxShare: number;
}

export const DEFAULT_DEACTIVATION_LIMITS: DeactivationLimits = { maxCount: 50, maxShare: 0.1 };

export interface HoldVerdict {
  reason: 'threshold' | 'emptied';
  /** Deactivations held back. */
  held: number;
  /** What the store holds for the catalog before this run (the records the engine pushed and the store accepted). */
  storeHolds: number;
  /** Records the ERP has for the catalog now. */
  erpCount: number;
}

/** null: the deactivations may go. Both limits must be passed, so a big catalog losing a few does not stop. */
export function judgeDeactivations(
  deactivations: number,
  storeHolds: number,
  erpCount: number,
  limits: DeactivationLimits,
): HoldVerdict | null {
  if (deactivations === 0) return null;
  if (erpCount === 0 && storeHolds > 0) return { reason: 'emptied', held: deactivations, storeHolds, erpCount };
  const share = storeHolds === 0 ? 1 : deactivations / storeHolds;
  if (deactivations > limits.maxCount && share > limits.maxShare)
    return { reason: 'threshold', held: deactivations, storeHolds, erpCount };
  return null;
}

/** «Artículos: se retuvieron 295 bajas (98 % de lo que tiene la tienda)…» */
export function describeHold(label: string, v: HoldVerdict): string {
  const n = (x: number) => x.toLocaleString('es-MX');
  const pct = v.storeHolds === 0 ? 100 : Math.round((v.held / v.storeHolds) * 100);
  const why =
    v.reason === 'emptied'
      ? `el ERP devolvió el catálogo vacío y la tienda tiene ${n(v.storeHolds)}`
      : `son el ${pct} % de los ${n(v.storeHolds)} que tiene la tienda`;
  return `${label}: se retuvieron ${n(v.held)} bajas (${why}); revíselas en la consola y elija Aplicar o Descartar.`;
}
