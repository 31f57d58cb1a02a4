import type { DesktopMethod } from '../../shared/ipc/desktop-methods';
import type { HandlerDeps, HandlersOf } from './handler-types';

export function desktopHandlers({ loginItem }: Pick<HandlerDeps, 'loginItem'>): HandlersOf<DesktopMethod> {
  return {
    getDesktopSettings: () => loginItem.get(),
    saveDesktopSettings: (r) => loginItem.set(r.openAtLogin),
  };
}
