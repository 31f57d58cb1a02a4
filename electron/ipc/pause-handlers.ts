import type { PauseMethod } from '../../shared/ipc/pause-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

/** *Pausar sincronización* / *Reanudar* from the console, as the user of this process. */
export function pauseHandlers({ pauses }: Pick<HandlerDeps, 'pauses'>): HandlersOf<PauseMethod> {
  return {
    listPauses: () => pauses.list(),
    pauseSync: (r) => pauses.pause(r.target, r.until, pauses.actor),
    resumeSync: (r) => ({ message: pauses.resume(r.target, pauses.actor).message }),
  };
}
