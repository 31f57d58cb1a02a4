import { describe, expect, it } from 'vitest';
import { electronLoginItem, launchedHidden, type LoginItemApp } from '../../electron/desktop/electron-login-item';
import { noLoginItem } from '../../electron/desktop/login-item';

function fakeApp(wasOpenedAtLogin = false) {
  const saved: { openAtLogin: boolean; args?: string[] }[] = [];
  const asked: ({ args?: string[] } | undefined)[] = [];
  let state = false;
  const app: LoginItemApp = {
    getLoginItemSettings: (o) => (asked.push(o), { openAtLogin: state, wasOpenedAtLogin }),
    setLoginItemSettings: (s) => {
      saved.push(s);
      state = s.openAtLogin;
    },
  };
  return { app, saved, asked };
}

describe('electronLoginItem: start at login', () => {
  for (const platform of ['win32', 'darwin'] as const) {
    it(`reads and saves it through the OS with --hidden on ${platform}`, () => {
      const f = fakeApp();
      const port = electronLoginItem(f.app, platform);
      expect(port.get()).toEqual({ openAtLogin: false, supported: true });
      expect(port.set(true)).toEqual({ openAtLogin: true, supported: true });
      expect(f.saved).toEqual([{ openAtLogin: true, args: ['--hidden'] }]);
      expect(f.asked.at(-1)).toEqual({ args: ['--hidden'] });
      expect(port.set(false)).toEqual({ openAtLogin: false, supported: true });
    });
  }

  it('is unsupported on Linux and refuses to save with the Spanish message', () => {
    const f = fakeApp();
    const port = electronLoginItem(f.app, 'linux');
    expect(port).toBe(noLoginItem);
    expect(port.get()).toEqual({ openAtLogin: false, supported: false });
    expect(() => port.set(true)).toThrow('El inicio automático solo está disponible en la aplicación de escritorio.');
    expect(f.saved).toEqual([]);
  });
});

describe('launchedHidden: started from the login item shows only the tray', () => {
  it('is --hidden on the command line, or macOS opening the app at login', () => {
    expect(launchedHidden(['electron', '.', '--hidden'], fakeApp().app, 'win32')).toBe(true);
    expect(launchedHidden(['electron', '.'], fakeApp().app, 'win32')).toBe(false);
    expect(launchedHidden(['electron', '.'], fakeApp(true).app, 'linux')).toBe(false);
    expect(launchedHidden(['Wopen Sync Console'], fakeApp(true).app, 'darwin')).toBe(true);
  });
});
