import type { HeldMethod } from '../../shared/ipc/held-methods';
import type { DeactivationLimitsView } from '../../shared/deactivation-limits';
import type { DeactivationLimits } from '../engine/deactivation-guard';
import type { HandlerDeps, HandlersOf } from './handler-types';

const viewOfLimits = (l: DeactivationLimits): DeactivationLimitsView => ({
  maxCount: l.maxCount,
  maxSharePct: Math.round(l.maxShare * 100),
});

/** *Bajas retenidas* (Aplicar / Descartar) and the limits in *Opciones*. */
export function heldHandlers({ sync }: Pick<HandlerDeps, 'sync'>): HandlersOf<HeldMethod> {
  return {
    listHeld: (r) => sync.listHeld(r),
    applyHeld: (r) => sync.applyHeld(r, r.catalogs),
    discardHeld: (r) => sync.discardHeld(r, r.catalogs),
    getDeactivationLimits: () => viewOfLimits(sync.deactivationLimits.get()),
    saveDeactivationLimits: (r) => viewOfLimits(sync.deactivationLimits.save(r)),
  };
}
