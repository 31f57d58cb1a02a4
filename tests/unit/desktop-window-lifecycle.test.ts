import { describe, expect, it, vi } from 'vitest';
import {
  KEEPS_SYNCING_MESSAGE,
  WindowLifecycle,
  once,
  type HideableWindow,
} from '../../electron/desktop/window-lifecycle';

class FakeWindow implements HideableWindow {
  private listener: ((e: { preventDefault(): void }) => void) | null = null;
  hidden = 0;
  closed = 0;
  on(_event: 'close', listener: (e: { preventDefault(): void }) => void): void {
    this.listener = listener;
  }
  hide(): void {
    this.hidden++;
  }
  /** What Electron does on the close button: ask, then close unless prevented. */
  close(): void {
    let prevented = false;
    this.listener?.({ preventDefault: () => (prevented = true) });
    if (!prevented) this.closed++;
  }
}

function setup(keepInTray = true) {
  const notify = vi.fn();
  const onQuitRequested = vi.fn();
  const lifecycle = new WindowLifecycle({ notify, keepInTray: () => keepInTray, onQuitRequested });
  const win = new FakeWindow();
  lifecycle.attach(win);
  return { notify, onQuitRequested, lifecycle, win };
}

describe('WindowLifecycle: close to tray', () => {
  it('hides the window instead of closing it and says so once', () => {
    const { notify, win, onQuitRequested } = setup();
    win.close();
    win.close();
    expect(win.closed).toBe(0);
    expect(win.hidden).toBe(2);
    expect(notify).toHaveBeenCalledOnce();
    expect(notify).toHaveBeenCalledWith(
      'Wopen Sync Console',
      'Wopen Sync Console sigue sincronizando en la bandeja del sistema.',
    );
    expect(KEEPS_SYNCING_MESSAGE).toBe('Wopen Sync Console sigue sincronizando en la bandeja del sistema.');
    expect(onQuitRequested).not.toHaveBeenCalled();
  });

  it('lets the window close when the user chose Salir or the app is quitting', () => {
    const { notify, win, lifecycle } = setup();
    expect(lifecycle.isQuitting).toBe(false);
    lifecycle.markQuitting();
    expect(lifecycle.isQuitting).toBe(true);
    win.close();
    expect(win.closed).toBe(1);
    expect(win.hidden).toBe(0);
    expect(notify).not.toHaveBeenCalled();
  });

  it('quits when there is no tray to come back from', () => {
    const { notify, win, onQuitRequested } = setup(false);
    win.close();
    expect(onQuitRequested).toHaveBeenCalledOnce();
    expect(win.hidden).toBe(0);
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('once: the quit sequence runs a single time', () => {
  it('returns the same promise to every caller', async () => {
    let runs = 0;
    const quit = once(async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 5));
    });
    const a = quit();
    const b = quit();
    expect(a).toBe(b);
    await Promise.all([a, b, quit()]);
    expect(runs).toBe(1);
  });
});
