/** The part of a BrowserWindow the close-to-tray logic touches (fakes in tests). */
export interface HideableWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export const KEEPS_SYNCING_MESSAGE = 'Wopen Sync Console sigue sincronizando en la bandeja del sistema.';

export interface WindowLifecycleOptions {
  notify: (title: string, body: string) => void;
  /** false when there is no tray to come back from (it could not be created): closing quits. */
  keepInTray: () => boolean;
  /** Closing without a tray. */
  onQuitRequested: () => void;
}

/**
 * Close to tray: closing the main window only hides it while syncing goes on; the first time, a notification
 * says so. *Salir*, the app quitting (before-quit) or the session ending lets the window really close.
 */
export class WindowLifecycle {
  private quitting = false;
  private notified = false;

  constructor(private readonly o: WindowLifecycleOptions) {}

  get isQuitting(): boolean {
    return this.quitting;
  }

  /** From now on windows close for real. */
  markQuitting(): void {
    this.quitting = true;
  }

  attach(win: HideableWindow): void {
    win.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      if (!this.o.keepInTray()) {
        this.o.onQuitRequested();
        return;
      }
      win.hide();
      if (!this.notified) {
        this.notified = true;
        this.o.notify('Wopen Sync Console', KEEPS_SYNCING_MESSAGE);
      }
    });
  }
}

/** Runs `fn` once; later calls get the same promise (*Salir* twice, before-quit after *Salir*, …). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  return () => (running ??= fn());
}
