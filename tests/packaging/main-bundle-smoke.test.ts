import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { API_METHODS, channelOf } from '../../shared/ipc-channels';
import { openSettingsDatabase } from '../../electron/settings/database';
import { tempDir } from '../helpers/temp-dir';

/**
 * The built main bundle (out/main/index.js) started under plain Node with a fake `electron` module
 * (tests/helpers/fake-electron; the real binary cannot be downloaded here). Checks the wiring the unit tests
 * cannot: single-instance lock, the hardened window, every IPC channel, the tray, the engine lease in the
 * settings database, monitor mode and a clean stop on SIGTERM. Needs `npm run build` first (npm test does it).
 */

const root = path.resolve(__dirname, '..', '..');
const bundle = path.join(root, 'out', 'main', 'index.js');
const register = path.join(root, 'tests', 'helpers', 'fake-electron', 'register.cjs');
const STARTUP_MS = 20_000;

interface WindowRecord {
  options: {
    webPreferences?: { preload?: string; contextIsolation?: boolean; sandbox?: boolean; nodeIntegration?: boolean };
  };
  preloadExists: boolean;
  url: string | null;
  visible: boolean;
  shown: number;
  hidden: number;
  destroyed: boolean;
}
interface Report {
  pid: number;
  singleInstanceLockRequested: boolean;
  singleInstanceLock: boolean | null;
  exitCode: number | null;
  appEvents: string[];
  notifications: { title: string; body: string }[];
  actionsDone: string[];
  errors: string[];
  windows: WindowRecord[];
  ipcHandlers: string[];
  trays: {
    icon: string | null;
    iconExists: boolean;
    tooltip: string | null;
    menu: string[] | null;
    destroyed: boolean;
  }[];
  invocations: Record<
    string,
    {
      at: string;
      result: { ok: boolean; value?: { engine?: { role: string; holder: { kind: string; pid: number } | null } } };
    }
  >;
}
interface LeaseRow {
  Kind: string;
  Pid: number;
  Host: string;
}

interface Started {
  child: ChildProcess;
  dir: string;
  db: string;
  reportFile: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];

function startConsole(opts: { dir?: string; env?: Record<string, string>; args?: string[] } = {}): Started {
  const dir = opts.dir ?? tempDir('wopen-smoke-');
  const home = path.join(dir, 'home');
  fs.mkdirSync(home, { recursive: true });
  const db = path.join(dir, 'settings.db');
  const reportFile = path.join(dir, 'report.json');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    FAKE_ELECTRON_REPORT: reportFile,
    ...opts.env,
  };
  delete env.WOPEN_SYNC_DB;
  delete env.ELECTRON_RENDERER_URL;
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(process.execPath, ['-r', register, bundle, '--db', db, ...(opts.args ?? [])], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, dir, db, reportFile, output: () => out, exited };
}

function readReport(file: string): Report | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Report;
  } catch {
    return null; // not written yet
  }
}

function readLease(db: string): LeaseRow | null {
  if (!fs.existsSync(db)) return null;
  const conn = new Database(db, { timeout: 5000 });
  try {
    const hasTable = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'engine_lease'").get();
    return hasTable
      ? ((conn.prepare('SELECT Kind, Pid, Host FROM engine_lease WHERE LeaseID = 1').get() as LeaseRow | undefined) ??
          null)
      : null;
  } finally {
    conn.close();
  }
}

/** Polls until `check` returns a value; fails with the last reason and the child's output after the timeout. */
async function waitFor<T>(
  s: Started,
  what: string,
  check: () => T | null | undefined | false,
  timeoutMs = STARTUP_MS,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const v = check();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    if (s.child.exitCode !== null || Date.now() > until) {
      const why = s.child.exitCode !== null ? `the console exited with ${s.child.exitCode}` : `${timeoutMs} ms passed`;
      throw new Error(
        `Waiting for ${what}: ${why}.${lastError ? ` Last error: ${String(lastError)}.` : ''}\nReport: ${fs.existsSync(s.reportFile) ? fs.readFileSync(s.reportFile, 'utf8').slice(0, 4000) : '(none)'}\nOutput:\n${s.output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

const engineOf = (r: Report | null) => r?.invocations['wopen:getAppInfo']?.result.value?.engine ?? null;

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

describe('main bundle under Node with a fake electron', () => {
  it('exists (npm run build)', () => {
    expect(fs.existsSync(bundle), `${bundle} is missing: run npm run build`).toBe(true);
  });

  it('takes the single-instance lock, opens the hardened window, registers every IPC channel, shows the tray and holds the lease', async () => {
    const s = startConsole();
    const report = await waitFor(s, 'startup', () => {
      const r = readReport(s.reportFile);
      return r &&
        r.windows.length > 0 &&
        r.trays.length > 0 &&
        r.ipcHandlers.length >= API_METHODS.length &&
        engineOf(r)
        ? r
        : null;
    });
    expect(report.singleInstanceLockRequested).toBe(true);
    expect(report.singleInstanceLock).toBe(true);

    expect(report.windows).toHaveLength(1);
    const win = report.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(win.options.webPreferences?.preload).toBeTruthy();
    expect(fs.existsSync(win.options.webPreferences!.preload!)).toBe(true);
    expect(win.url).toBe(new URL(`file://${path.join(root, 'out', 'renderer', 'index.html')}`).toString());

    expect([...report.ipcHandlers].sort()).toEqual(API_METHODS.map(channelOf).sort());

    const tray = report.trays[0]!;
    expect(tray.icon).toBeTruthy();
    const trayDir = path.join(root, 'resources', 'tray');
    expect(path.dirname(tray.icon!)).toBe(trayDir);
    expect(path.basename(tray.icon!)).toMatch(/^tray-(ok|running|error|idle)\.png$/);
    if (fs.existsSync(trayDir)) expect(fs.existsSync(tray.icon!)).toBe(true);
    expect(tray.tooltip).toMatch(/^Wopen Sync Console — /);
    expect(tray.menu).toEqual([
      'Abrir',
      'Sincronizar ahora',
      '---',
      'Pausar sincronización 1 hora',
      'Pausar sincronización hasta reanudar',
      '---',
      'Salir',
    ]);

    const lease = await waitFor(s, 'the engine lease', () => readLease(s.db));
    expect(lease).toMatchObject({ Kind: 'console', Pid: s.child.pid, Host: os.hostname() });
    expect(engineOf(report)).toMatchObject({ role: 'owner' });
  });

  it('monitors, without taking the lease, when a live process already runs the engine', async () => {
    const dir = tempDir('wopen-smoke-');
    const db = path.join(dir, 'settings.db');
    const conn = openSettingsDatabase(db);
    const now = new Date();
    conn
      .prepare(
        `INSERT INTO engine_lease (LeaseID, Owner, Kind, Pid, Host, Version, AcquiredAt, HeartbeatAt, ExpiresAt)
         VALUES (1, 'otro-proceso', 'service', ?, ?, '0.1.0', ?, ?, ?)`,
      )
      .run(
        process.pid,
        os.hostname(),
        now.toISOString(),
        now.toISOString(),
        new Date(now.getTime() + 3_600_000).toISOString(),
      );
    conn.close();

    const s = startConsole({ dir });
    const engine = await waitFor(s, 'getAppInfo', () => engineOf(readReport(s.reportFile)));
    expect(engine).toMatchObject({ role: 'monitor', holder: { kind: 'service', pid: process.pid } });
    // Several polls later it still has not taken it.
    await new Promise((r) => setTimeout(r, 2500));
    expect(readLease(db)).toMatchObject({ Kind: 'service', Pid: process.pid });
    expect(engineOf(readReport(s.reportFile))).toMatchObject({ role: 'monitor' });
    const tray = readReport(s.reportFile)!.trays[0]!;
    expect(tray.tooltip).toContain('(supervisa el servicio)');

    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    // Not ours: a stopping monitor leaves the holder's lease alone.
    expect(readLease(db)).toMatchObject({ Kind: 'service', Pid: process.pid });
  });

  it('takes over the lease of a holder that died without releasing it', async () => {
    const dir = tempDir('wopen-smoke-');
    const db = path.join(dir, 'settings.db');
    const dead = spawn(process.execPath, ['-e', '']);
    const deadPid = dead.pid!;
    await new Promise((r) => dead.on('exit', r));
    const conn = openSettingsDatabase(db);
    const now = new Date();
    conn
      .prepare(
        `INSERT INTO engine_lease (LeaseID, Owner, Kind, Pid, Host, Version, AcquiredAt, HeartbeatAt, ExpiresAt)
         VALUES (1, 'proceso-caido', 'service', ?, ?, '0.1.0', ?, ?, ?)`,
      )
      .run(
        deadPid,
        os.hostname(),
        now.toISOString(),
        now.toISOString(),
        new Date(now.getTime() + 3_600_000).toISOString(),
      );
    conn.close();

    const s = startConsole({ dir });
    const lease = await waitFor(s, 'the takeover', () => {
      const l = readLease(db);
      return l?.Pid === s.child.pid ? l : null;
    });
    expect(lease).toMatchObject({ Kind: 'console', Pid: s.child.pid });
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  });

  it('stops cleanly on SIGTERM: exit code 0 and the lease released', async () => {
    const s = startConsole();
    await waitFor(s, 'the engine lease', () => readLease(s.db)?.Pid === s.child.pid);
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(readLease(s.db)).toBeNull();
    const report = readReport(s.reportFile)!;
    expect(report.appEvents).toContain('before-quit');
    expect(report.exitCode).toBe(0);
    expect(report.trays[0]!.destroyed).toBe(true);
  });

  it('keeps running in the tray when the window is closed; the tray menu syncs, a second launch reopens it, Salir quits', async () => {
    const s = startConsole({
      env: { FAKE_ELECTRON_ACTIONS: 'close,close,tray:Sincronizar ahora,second-instance,tray:Salir' },
    });
    expect(await s.exited, s.output()).toEqual({ code: 0, signal: null });
    const report = readReport(s.reportFile)!;
    expect(report.errors).toEqual([]);
    expect(report.actionsDone).toEqual(['close', 'close', 'tray:Sincronizar ahora', 'second-instance', 'tray:Salir']);
    expect(report.windows).toHaveLength(1);
    const win = report.windows[0]!;
    // Hidden twice, never destroyed by the close button; shown at start and again by the second launch.
    expect(win.hidden).toBe(2);
    expect(win.shown).toBe(2);
    expect(report.notifications).toEqual([
      { title: 'Wopen Sync Console', body: 'Wopen Sync Console sigue sincronizando en la bandeja del sistema.' },
      { title: 'Sincronizar ahora', body: 'No hay empresas con Sincronizar activado.' },
    ]);
    expect(report.exitCode).toBe(0);
    expect(report.appEvents).not.toContain('window-all-closed');
    expect(readLease(s.db)).toBeNull();
  });

  it('shows only the tray when started at login (--hidden)', async () => {
    const s = startConsole({ args: ['--hidden'] });
    await waitFor(s, 'the engine lease', () => readLease(s.db)?.Pid === s.child.pid);
    await new Promise((r) => setTimeout(r, 500));
    const report = readReport(s.reportFile)!;
    expect(report.trays).toHaveLength(1);
    expect(report.windows).toEqual([]);
    s.child.kill('SIGTERM');
    expect(await s.exited).toEqual({ code: 0, signal: null });
  });

  it('quits at once when another console holds the single-instance lock', async () => {
    const s = startConsole({ env: { FAKE_ELECTRON_LOCK: 'denied' } });
    expect(await s.exited).toEqual({ code: 0, signal: null });
    const report = readReport(s.reportFile)!;
    expect(report.singleInstanceLock).toBe(false);
    expect(report.windows).toEqual([]);
    expect(report.trays).toEqual([]);
    expect(fs.existsSync(s.db)).toBe(false);
  });

  it('says why and exits 1 when the settings database cannot be opened', async () => {
    const dir = tempDir('wopen-smoke-');
    fs.mkdirSync(path.join(dir, 'settings.db')); // a folder where the database file should be
    const s = startConsole({ dir });
    expect(await s.exited).toEqual({ code: 1, signal: null });
    const report = readReport(s.reportFile)! as Report & { errorBoxes: { title: string; content: string }[] };
    expect(report.errorBoxes).toHaveLength(1);
    expect(report.errorBoxes[0]!.title).toBe('Wopen Sync Console no pudo iniciar');
    expect(report.windows).toEqual([]);
  });

  it('requires only node builtins, electron and runtime dependencies', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const rootRequire = createRequire(path.join(root, 'package.json'));
    const builtins = new Set(builtinModules);
    const seen = new Set<string>();
    const external = new Set<string>();
    const scan = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = fs.readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) scan(path.resolve(path.dirname(file), spec));
        else external.add(spec);
      }
    };
    scan(bundle);
    expect(external.has('electron')).toBe(true);
    const packageOf = (spec: string) =>
      spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    const unexpected = [...external].filter((spec) => {
      if (spec === 'electron' || spec.startsWith('node:') || builtins.has(spec)) return false;
      return !(packageOf(spec) in pkg.dependencies);
    });
    expect(unexpected, 'the main bundle requires packages that are not runtime dependencies').toEqual([]);
    // Everything but electron resolves from the app folder (electron comes from the Electron runtime).
    for (const spec of external) {
      if (spec === 'electron' || spec.startsWith('node:') || builtins.has(spec)) continue;
      expect(() => rootRequire.resolve(spec), spec).not.toThrow();
    }
  });
});
