import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { computeTrayState, trayMenuTemplate, type TrayMenuItem } from '../../electron/desktop/tray-state';
import { DesktopTray, pauseAllFromTray, resumeAllFromTray, type TrayLike } from '../../electron/desktop/tray';
import { openConsole } from '../../electron/hosting/compose';
import type { SyncPauseView } from '../../shared/sync-pause';
import { tempDir } from '../helpers/temp-dir';

const now = new Date(2026, 11, 24, 10, 0);
const labels = (t: TrayMenuItem[]) => t.map((i) => ('label' in i ? i.label : '---'));
const pause = (companyName: string | null, until: Date | null): SyncPauseView => ({
  connectionId: companyName === null ? null : 1,
  companyId: companyName === null ? null : '1',
  companyName,
  pausedAt: now.toISOString(),
  pausedBy: 'ana',
  until: until?.toISOString() ?? null,
});
const acme = {
  companyName: 'Acme',
  running: false,
  lastRun: { state: 'success' as const, endedAt: now.toISOString() },
};

describe('tray: Pausar sincronización', () => {
  it('shows a pause of every company, or names the paused companies after the last run', () => {
    expect(computeTrayState([acme], 'owner', now, [pause(null, new Date(2026, 11, 24, 18, 0))])).toMatchObject({
      icon: 'idle',
      text: 'En pausa hasta el 24/12/2026 18:00',
    });
    expect(computeTrayState([acme], 'owner', now, [pause(null, null)]).text).toBe('En pausa hasta que se reanude');
    expect(computeTrayState([acme], 'monitor', now, [pause('Acme', null)]).text).toBe(
      'Última sincronización: 10:00 (Exitoso) · En pausa: Acme (supervisa el servicio)',
    );
    // A run still finishing when the pause began is shown as running.
    expect(computeTrayState([{ ...acme, running: true }], 'owner', now, [pause(null, null)]).text).toBe(
      'Sincronizando…',
    );
  });

  it('offers Pausar 1 hora / hasta reanudar while not every company is paused, and Reanudar while any pause is on', () => {
    const a = { onOpen: vi.fn(), onSyncNow: vi.fn(), onQuit: vi.fn(), onPause: vi.fn(), onResume: vi.fn() };
    const free = trayMenuTemplate(a, { allPaused: false, anyPaused: false });
    expect(labels(free)).toEqual([
      'Abrir',
      'Sincronizar ahora',
      '---',
      'Pausar sincronización 1 hora',
      'Pausar sincronización hasta reanudar',
      '---',
      'Salir',
    ]);
    const click = (t: TrayMenuItem[], label: string) => {
      const item = t.find((i) => 'label' in i && i.label === label);
      if (!item || !('click' in item)) throw new Error(label);
      item.click();
    };
    click(free, 'Pausar sincronización 1 hora');
    click(free, 'Pausar sincronización hasta reanudar');
    expect(a.onPause.mock.calls).toEqual([[3_600_000], [null]]);
    const paused = trayMenuTemplate(a, { allPaused: true, anyPaused: true });
    expect(labels(paused)).toEqual(['Abrir', 'Sincronizar ahora', '---', 'Reanudar sincronización', '---', 'Salir']);
    click(paused, 'Reanudar sincronización');
    expect(a.onResume).toHaveBeenCalledOnce();
  });

  it('pauses and resumes every company in the settings database, and the tray menu follows on refresh', () => {
    const c = openConsole({ databasePath: path.join(tempDir(), 'w.sqlite'), version: 't', actor: 'ana' });
    try {
      const menus: string[][] = [];
      const tray: TrayLike = {
        setToolTip: () => undefined,
        setImage: () => undefined,
        setContextMenu: () => undefined,
        on: () => undefined,
        destroy: () => undefined,
      };
      const t = new DesktopTray({
        create: () => tray,
        buildMenu: (m) => menus.push(labels(m)),
        iconPath: (i) => i,
        companies: () => [],
        role: () => 'owner',
        pauses: () => c.pauses.list(),
        actions: { onOpen: vi.fn(), onSyncNow: vi.fn(), onQuit: vi.fn(), onPause: vi.fn(), onResume: vi.fn() },
        everyMs: 60_000,
      });
      expect(menus.at(-1)).toContain('Pausar sincronización 1 hora');
      const p = pauseAllFromTray(c, 3_600_000);
      expect(p.body).toMatch(/^Sincronización de todas las empresas pausada hasta el /);
      expect(c.pauses.list()).toMatchObject([{ connectionId: null, pausedBy: 'ana' }]);
      t.refresh();
      expect(t.state.text).toMatch(/^En pausa hasta el /);
      expect(menus.at(-1)).toEqual(['Abrir', 'Sincronizar ahora', '---', 'Reanudar sincronización', '---', 'Salir']);
      expect(resumeAllFromTray(c).body).toBe('Sincronización reanudada para todas las empresas.');
      t.refresh();
      expect(menus).toHaveLength(3);
      expect(t.state.text).toBe('Sin sincronizar');
      t.destroy();
    } finally {
      c.close();
    }
  });
});
