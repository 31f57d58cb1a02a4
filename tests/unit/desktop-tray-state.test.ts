import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  computeTrayState,
  formatRunTime,
  syncNowSummary,
  trayMenuTemplate,
  type TrayCompany,
  type TrayMenuItem,
} from '../../electron/desktop/tray-state';
import { trayIconDir, trayIconPath } from '../../electron/desktop/tray-icons';
import { DesktopTray, type TrayLike } from '../../electron/desktop/tray';

const now = new Date(2026, 10, 26, 12, 0, 0);
const at = (h: number, m: number, day = 26) => new Date(2026, 10, day, h, m, 0).toISOString();
const company = (companyName: string, lastRun: TrayCompany['lastRun'], running = false): TrayCompany => ({
  companyName,
  lastRun,
  running,
});

describe('computeTrayState: the tray icon and text from the last runs', () => {
  it('says Sin sincronizar when no company has run yet', () => {
    expect(computeTrayState([], 'owner', now)).toEqual({
      icon: 'idle',
      text: 'Sin sincronizar',
      tooltip: 'Wopen Sync Console — Sin sincronizar',
    });
    expect(computeTrayState([company('Acme', null)], 'owner', now).text).toBe('Sin sincronizar');
  });

  it('shows the time and result of the latest finished run', () => {
    const s = computeTrayState(
      [
        company('Acme', { state: 'success', endedAt: at(9, 5) }),
        company('Beta', { state: 'success', endedAt: at(10, 7) }),
      ],
      'owner',
      now,
    );
    expect(s).toEqual({
      icon: 'ok',
      text: 'Última sincronización: 10:07 (Exitoso)',
      tooltip: 'Wopen Sync Console — Última sincronización: 10:07 (Exitoso)',
    });
    const partial = computeTrayState(
      [
        company('Acme', { state: 'success', endedAt: at(9, 5) }),
        company('Beta', { state: 'partial', endedAt: at(11, 30) }),
      ],
      'owner',
      now,
    );
    expect(partial.text).toBe('Última sincronización: 11:30 (Parcial)');
    expect(partial.icon).toBe('error');
  });

  it('adds the date when the last run was not today', () => {
    expect(formatRunTime(at(8, 4, 24), now)).toBe('24/11 08:04');
    expect(formatRunTime(at(8, 4), now)).toBe('08:04');
  });

  it('says Fallando with the companies whose last run failed, even if a later one succeeded', () => {
    const s = computeTrayState(
      [
        company('Acme', { state: 'failed', endedAt: at(9, 0) }),
        company('Beta', { state: 'success', endedAt: at(10, 0) }),
        company('Gama', { state: 'failed', endedAt: at(8, 0) }),
      ],
      'owner',
      now,
    );
    expect(s.icon).toBe('error');
    expect(s.text).toBe('Fallando: Acme, Gama');
  });

  it('says Sincronizando… while any run is in progress, whatever failed before', () => {
    const running = computeTrayState(
      [
        company('Acme', { state: 'failed', endedAt: at(9, 0) }),
        company('Beta', { state: 'success', endedAt: at(10, 0) }, true),
      ],
      'owner',
      now,
    );
    expect(running).toMatchObject({ icon: 'running', text: 'Sincronizando…' });
    // A run another process is doing shows up as a last run still 'running'.
    expect(computeTrayState([company('Acme', { state: 'running', endedAt: null })], 'monitor', now).text).toBe(
      'Sincronizando… (supervisa el servicio)',
    );
  });

  it('tells that this console only monitors the process that syncs', () => {
    const s = computeTrayState([company('Acme', { state: 'success', endedAt: at(10, 7) })], 'monitor', now);
    expect(s.tooltip).toBe('Wopen Sync Console — Última sincronización: 10:07 (Exitoso) (supervisa el servicio)');
    expect(computeTrayState([], 'none', now).text).toBe('Sin sincronizar');
  });

  it('keeps the tooltip within what Windows shows', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      company(`Empresa con nombre largo ${i}`, { state: 'failed', endedAt: at(9, 0) }),
    );
    const s = computeTrayState(many, 'owner', now);
    expect(s.tooltip.length).toBeLessThanOrEqual(127);
    expect(s.tooltip.endsWith('…')).toBe(true);
  });
});

describe('tray menu', () => {
  const labels = (t: TrayMenuItem[]) => t.map((i) => ('label' in i ? i.label : '---'));
  const click = (t: TrayMenuItem[], label: string) => {
    const item = t.find((i) => 'label' in i && i.label === label);
    if (!item || !('click' in item)) throw new Error(`no ${label}`);
    item.click();
  };

  it('is Abrir, Sincronizar ahora, separator, Salir, each calling its own action', () => {
    const actions = { onOpen: vi.fn(), onSyncNow: vi.fn(), onQuit: vi.fn() };
    const t = trayMenuTemplate(actions);
    expect(labels(t)).toEqual(['Abrir', 'Sincronizar ahora', '---', 'Salir']);
    click(t, 'Salir');
    expect(actions.onQuit).toHaveBeenCalledOnce();
    expect(actions.onOpen).not.toHaveBeenCalled();
    click(t, 'Abrir');
    expect(actions.onOpen).toHaveBeenCalledOnce();
    click(t, 'Sincronizar ahora');
    expect(actions.onSyncNow).toHaveBeenCalledOnce();
    expect(actions.onQuit).toHaveBeenCalledOnce();
  });

  it('summarizes Sincronizar ahora in one notification', () => {
    expect(syncNowSummary([])).toEqual({
      title: 'Sincronizar ahora',
      body: 'No hay empresas con Sincronizar activado.',
    });
    expect(
      syncNowSummary([
        { companyName: 'Acme', message: 'Sincronización iniciada.' },
        { companyName: 'Beta', message: 'Ya hay una sincronización en curso para esta empresa.' },
      ]).body,
    ).toBe('Acme: Sincronización iniciada.\nBeta: Ya hay una sincronización en curso para esta empresa.');
  });
});

describe('tray icon files', () => {
  const where = {
    resourcesPath: path.join('/opt', 'Wopen Sync Console', 'resources'),
    projectRoot: path.join('/src', 'wopen'),
  };

  it('come from <resourcesPath>/resources/tray when packaged and <project>/resources/tray otherwise', () => {
    expect(trayIconDir({ ...where, isPackaged: true })).toBe(
      path.join('/opt', 'Wopen Sync Console', 'resources', 'resources', 'tray'),
    );
    expect(trayIconPath('ok', { ...where, isPackaged: true })).toBe(
      path.join('/opt', 'Wopen Sync Console', 'resources', 'resources', 'tray', 'tray-ok.png'),
    );
    expect(trayIconPath('running', { ...where, isPackaged: false })).toBe(
      path.join('/src', 'wopen', 'resources', 'tray', 'tray-running.png'),
    );
  });
});

describe('DesktopTray', () => {
  afterEach(() => vi.useRealTimers());

  function fakeTray() {
    const calls: string[] = [];
    const tray: TrayLike & { listeners: Map<string, () => void> } = {
      listeners: new Map(),
      setToolTip: (t) => calls.push(`tooltip ${t}`),
      setImage: (i) => calls.push(`image ${i}`),
      setContextMenu: () => calls.push('menu'),
      on: (e, l) => tray.listeners.set(e, l),
      destroy: () => calls.push('destroy'),
    };
    return { tray, calls };
  }

  it('starts with the state picture and tooltip, changes them on refresh, and refreshes by itself', () => {
    vi.useFakeTimers();
    const { tray, calls } = fakeTray();
    let companies: TrayCompany[] = [];
    const created: string[] = [];
    const actions = { onOpen: vi.fn(), onSyncNow: vi.fn(), onQuit: vi.fn() };
    let menu: TrayMenuItem[] = [];
    const t = new DesktopTray({
      create: (icon) => (created.push(icon), tray),
      buildMenu: (template) => (menu = template),
      iconPath: (icon) => `/icons/tray-${icon}.png`,
      companies: () => companies,
      role: () => 'owner',
      actions,
      now: () => now,
      everyMs: 30_000,
    });
    expect(created).toEqual(['/icons/tray-idle.png']);
    expect(calls).toEqual(['tooltip Wopen Sync Console — Sin sincronizar', 'menu']);
    expect(menu.map((i) => ('label' in i ? i.label : '---'))).toEqual(['Abrir', 'Sincronizar ahora', '---', 'Salir']);
    tray.listeners.get('click')!();
    expect(actions.onOpen).toHaveBeenCalledOnce();

    companies = [company('Acme', { state: 'running', endedAt: null }, true)];
    t.refreshSoon();
    t.refreshSoon();
    vi.advanceTimersByTime(600);
    expect(calls.slice(2)).toEqual(['image /icons/tray-running.png', 'tooltip Wopen Sync Console — Sincronizando…']);

    companies = [company('Acme', { state: 'success', endedAt: at(11, 58) })];
    vi.advanceTimersByTime(30_000);
    expect(t.state.text).toBe('Última sincronización: 11:58 (Exitoso)');
    expect(calls.at(-2)).toBe('image /icons/tray-ok.png');

    t.destroy();
    t.destroy();
    expect(calls.filter((c) => c === 'destroy')).toHaveLength(1);
  });
});
