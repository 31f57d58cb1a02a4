import os from 'node:os';
import type { IdentityMethod } from '../../shared/ipc/identity-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

/** *Sí, es la misma* is recorded under the signed-in user's name (the event and `identity show` say who). */
function currentUser(): string {
  try {
    return os.userInfo().username || 'consola';
  } catch {
    return 'consola';
  }
}

/** The identity guard's prompt (docs/identity-guard.md). *No, revisar* needs no call: the company stays paused. */
export function identityHandlers({ engine }: Pick<HandlerDeps, 'engine'>): HandlersOf<IdentityMethod> {
  return {
    listIdentityBlocks: () => engine.identity.blocked(),
    confirmIdentity: (r) => {
      engine.identity.confirm(r, engine.identity.nameOf(r), currentUser());
      return { ok: true };
    },
  };
}
