import type { WatchdogMethod } from '../../shared/ipc/watchdog-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

export function watchdogHandlers({ engine }: Pick<HandlerDeps, 'engine'>): HandlersOf<WatchdogMethod> {
  return {
    getWatchdogSettings: () => engine.watchdogSettings.get(),
    saveWatchdogSettings: (r) => engine.watchdogSettings.save(r),
  };
}
