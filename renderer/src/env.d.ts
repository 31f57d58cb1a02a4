import type { Api } from '../../shared/ipc-contract';

declare global {
  interface Window {
    /** Built by the preload (Electron) or the e2e harness; the renderer's only way out. */
    readonly api: Api;
  }
}

export {};
