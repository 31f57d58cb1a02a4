import { create } from 'zustand';
import type { EngineInfo } from '../../../shared/ipc-contract';

/**
 * App-wide facts shown around the dialog: the console's version and who runs the sync on this
 * settings database (this console, another process it only supervises, or nobody here). main pushes
 * `engineChanged` when the lease changes hands; getAppInfo is the truth at start.
 */
interface AppState {
  version: string | null;
  databasePath: string | null;
  engine: EngineInfo | null;

  load(): Promise<void>;
  setEngine(engine: EngineInfo): void;
}

export const useApp = create<AppState>()((set) => ({
  version: null,
  databasePath: null,
  engine: null,

  async load() {
    try {
      const info = await window.api.getAppInfo();
      // An engineChanged that arrived while getAppInfo was in flight is newer: keep it.
      set((s) => ({ version: info.version, databasePath: info.databasePath, engine: s.engine ?? info.engine }));
    } catch {
      // Nothing to show: the version and the status line stay hidden.
    }
  },

  setEngine(engine) {
    set({ engine });
  },
}));

/** This console only watches the process that holds the engine lease: *Sincronizar ahora* is a request. */
export const isMonitor = (): boolean => useApp.getState().engine?.role === 'monitor';

/** Subscribes to main's `engineChanged`; returns the unsubscribe. */
export function subscribeToEngineEvents(): () => void {
  return window.api.onEngineChanged((engine) => useApp.getState().setEngine(engine));
}
