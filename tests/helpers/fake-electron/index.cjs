/* global require, module, process, setTimeout, setInterval, clearInterval, URL */
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
/**
 * A small stand-in for the `electron` module, so the built main bundle (out/main/index.js) can start under
 * plain Node (the Electron binary cannot be downloaded here). It records what the app did into a JSON report
 * (env FAKE_ELECTRON_REPORT), rewritten after every notable call. Loaded by register.cjs.
 *
 * Env: FAKE_ELECTRON_REPORT (report file), FAKE_ELECTRON_LOCK=denied (another instance holds the lock),
 * FAKE_ELECTRON_INVOKE (comma-separated API channels invoked every 300 ms from the first loaded window's
 * main frame, results in report.invocations; default wopen:getAppInfo), FAKE_ELECTRON_ACTIONS (comma-separated
 * user actions done one every 400 ms once the page got its first answer: `close` = the window's close button,
 * `tray:<label>` = that tray menu item, `second-instance` = another launch; done ones in report.actionsDone).
 */
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const report = {
  pid: process.pid,
  ready: false,
  singleInstanceLockRequested: false,
  singleInstanceLock: null,
  quitCalled: false,
  exitCode: null,
  appEvents: [],
  session: { permissionRequestHandler: false, permissionCheckHandler: false },
  windows: [],
  ipcHandlers: [],
  trays: [],
  menus: [],
  notifications: [],
  loginItem: [],
  sent: {},
  invocations: {},
  actionsDone: [],
  errorBoxes: [],
  errors: [],
};

function writeReport() {
  const file = process.env.FAKE_ELECTRON_REPORT;
  if (!file) return;
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, JSON.stringify(report, null, 2));
    fs.renameSync(tmp, file);
  } catch {
    // the report's folder went away (test cleanup): nothing to report to
  }
}

function findPackageJson() {
  let dir = path.dirname(path.resolve(process.argv[1] || '.'));
  for (;;) {
    const p = path.join(dir, 'package.json');
    if (fs.existsSync(p)) return p;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}
const pkgPath = findPackageJson();
const pkg = pkgPath ? JSON.parse(fs.readFileSync(pkgPath, 'utf8')) : {};
const appName = pkg.productName || pkg.name || 'Electron';

function preventable() {
  let prevented = false;
  return {
    preventDefault() {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

// ---- app ----
const app = new EventEmitter();
const emitApp = app.emit.bind(app);
app.emit = (name, ...args) => {
  report.appEvents.push(name);
  writeReport();
  return emitApp(name, ...args);
};
let isReady = false;
const readyPromise = new Promise((resolve) =>
  setTimeout(() => {
    isReady = true;
    report.ready = true;
    app.emit('ready');
    resolve();
  }, 10),
);
app.name = appName;
app.isPackaged = false;
app.whenReady = () => readyPromise;
app.isReady = () => isReady;
app.getVersion = () => pkg.version || '0.0.0';
app.getName = () => appName;
app.getAppPath = () => (pkgPath ? path.dirname(pkgPath) : process.cwd());
app.getPath = (name) => {
  const home = os.homedir();
  const config = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
  const map = {
    home,
    appData: config,
    userData: path.join(config, appName),
    temp: os.tmpdir(),
    logs: path.join(config, appName, 'logs'),
    desktop: path.join(home, 'Desktop'),
    documents: path.join(home, 'Documents'),
    downloads: path.join(home, 'Downloads'),
  };
  if (!(name in map)) throw new Error(`Failed to get '${name}' path`);
  if (name === 'userData') fs.mkdirSync(map.userData, { recursive: true });
  return map[name];
};
app.requestSingleInstanceLock = () => {
  report.singleInstanceLockRequested = true;
  report.singleInstanceLock = process.env.FAKE_ELECTRON_LOCK !== 'denied';
  writeReport();
  return report.singleInstanceLock;
};
app.setAppUserModelId = () => undefined;
let loginItem = { openAtLogin: false, args: [] };
app.getLoginItemSettings = () => ({ openAtLogin: loginItem.openAtLogin, wasOpenedAtLogin: false });
app.setLoginItemSettings = (settings) => {
  loginItem = { openAtLogin: !!settings.openAtLogin, args: settings.args || [] };
  report.loginItem.push(loginItem);
  writeReport();
};
app.exit = (code = 0) => {
  report.exitCode = code;
  writeReport();
  process.exit(code);
};
/** Like Electron: before-quit (preventable), close every window (preventable), will-quit, quit, exit. */
app.quit = () => {
  report.quitCalled = true;
  writeReport();
  setTimeout(() => {
    const e = preventable();
    app.emit('before-quit', e);
    if (e.defaultPrevented) return;
    for (const win of BrowserWindow.getAllWindows()) {
      win.close();
      if (!win.isDestroyed()) return;
    }
    const w = preventable();
    app.emit('will-quit', w);
    if (w.defaultPrevented) return;
    app.emit('quit', {}, 0);
    app.exit(0);
  }, 0);
};

// ---- session ----
const defaultSession = {
  setPermissionRequestHandler(fn) {
    report.session.permissionRequestHandler = typeof fn === 'function';
    writeReport();
  },
  setPermissionCheckHandler(fn) {
    report.session.permissionCheckHandler = typeof fn === 'function';
    writeReport();
  },
};
const session = { defaultSession };

// ---- BrowserWindow ----
let nextId = 1;
const windows = [];

class WebContents extends EventEmitter {
  constructor(rec) {
    super();
    this.id = nextId++;
    this.rec = rec;
    this.mainFrame = { url: '' };
  }
  send(channel) {
    report.sent[channel] = (report.sent[channel] || 0) + 1;
  }
  setWindowOpenHandler(fn) {
    this.rec.windowOpenHandler = typeof fn === 'function' ? fn({ url: 'https://example.com/' }).action : null;
    writeReport();
  }
  on(name, fn) {
    if (!this.rec.webContentsListeners.includes(name)) this.rec.webContentsListeners.push(name);
    writeReport();
    return super.on(name, fn);
  }
  getURL() {
    return this.mainFrame.url;
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.rec = {
      options,
      preloadExists: !!(
        options.webPreferences &&
        options.webPreferences.preload &&
        fs.existsSync(options.webPreferences.preload)
      ),
      url: null,
      visible: !!options.show,
      shown: 0,
      hidden: 0,
      destroyed: false,
      webContentsListeners: [],
      windowOpenHandler: null,
    };
    report.windows.push(this.rec);
    this.webContents = new WebContents(this.rec);
    this.id = this.webContents.id;
    this.destroyed = false;
    this.minimized = false;
    windows.push(this);
    writeReport();
    app.emit('web-contents-created', {}, this.webContents);
  }
  static getAllWindows() {
    return windows.slice();
  }
  static fromWebContents(wc) {
    return windows.find((w) => w.webContents === wc) || null;
  }
  loadURL(url) {
    this.rec.url = url;
    this.webContents.mainFrame.url = url;
    writeReport();
    setTimeout(() => {
      if (this.destroyed) return;
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    }, 20);
    return Promise.resolve();
  }
  loadFile(file) {
    return this.loadURL(new URL(`file://${path.resolve(file)}`).toString());
  }
  show() {
    this.rec.visible = true;
    this.rec.shown += 1;
    writeReport();
  }
  hide() {
    this.rec.visible = false;
    this.rec.hidden += 1;
    writeReport();
  }
  focus() {}
  restore() {
    this.minimized = false;
  }
  minimize() {
    this.minimized = true;
  }
  isMinimized() {
    return this.minimized;
  }
  isVisible() {
    return this.rec.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  setIcon() {}
  close() {
    if (this.destroyed) return;
    const e = preventable();
    this.emit('close', e);
    if (e.defaultPrevented) return;
    this.destroy();
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.rec.destroyed = true;
    this.rec.visible = false;
    windows.splice(windows.indexOf(this), 1);
    writeReport();
    this.emit('closed');
    if (windows.length === 0) app.emit('window-all-closed');
  }
}

// ---- ipcMain ----
const handlers = new Map();
const ipcMain = new EventEmitter();
ipcMain.handle = (channel, listener) => {
  if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
  handlers.set(channel, listener);
  report.ipcHandlers.push(channel);
  writeReport();
};
ipcMain.removeHandler = (channel) => {
  handlers.delete(channel);
  report.ipcHandlers = report.ipcHandlers.filter((c) => c !== channel);
  writeReport();
};
/** Test hook: invokes a registered handler as the given window's main frame would. */
async function invoke(channel, payload, win) {
  const listener = handlers.get(channel);
  if (!listener) throw new Error(`No handler registered for '${channel}'`);
  const wc = win.webContents;
  return listener({ sender: wc, senderFrame: wc.mainFrame, frameId: 1, processId: 1 }, payload);
}

// ---- Tray, Menu, Notification, nativeImage, safeStorage, powerMonitor ----
const trays = [];
class Tray extends EventEmitter {
  constructor(image) {
    super();
    const icon = typeof image === 'string' ? image : image && image.path;
    this.rec = {
      icon,
      iconExists: !!icon && fs.existsSync(icon),
      images: [icon],
      tooltip: null,
      menu: null,
      destroyed: false,
    };
    report.trays.push(this.rec);
    trays.push(this);
    writeReport();
  }
  setImage(image) {
    this.rec.icon = typeof image === 'string' ? image : image && image.path;
    this.rec.images.push(this.rec.icon);
    writeReport();
  }
  setToolTip(text) {
    this.rec.tooltip = text;
    writeReport();
  }
  setContextMenu(menu) {
    this.rec.menu = menu ? menu.items.map((i) => (i.type === 'separator' ? '---' : i.label)) : null;
    this.menu = menu;
    writeReport();
  }
  destroy() {
    this.rec.destroyed = true;
    writeReport();
  }
  isDestroyed() {
    return this.rec.destroyed;
  }
}

const Menu = {
  buildFromTemplate(template) {
    const menu = { items: template.map((t) => ({ ...t })) };
    report.menus.push(menu.items.map((i) => (i.type === 'separator' ? '---' : i.label)));
    return menu;
  },
  setApplicationMenu() {},
};

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options = {}) {
    super();
    this.options = options;
  }
  show() {
    report.notifications.push({ title: this.options.title, body: this.options.body });
    writeReport();
  }
}

const nativeImage = {
  createFromPath(p) {
    return { path: p, isEmpty: () => !fs.existsSync(p), setTemplateImage() {} };
  },
  createEmpty() {
    return { path: null, isEmpty: () => true };
  },
};

const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString() {
    throw new Error('safeStorage is not available (fake electron)');
  },
  decryptString() {
    throw new Error('safeStorage is not available (fake electron)');
  },
};

const powerMonitor = new EventEmitter();

const dialog = {
  showErrorBox(title, content) {
    report.errorBoxes.push({ title, content });
    writeReport();
  },
};

// ---- automatic invocations (the page calling the API) ----
const toInvoke = (process.env.FAKE_ELECTRON_INVOKE ?? 'wopen:getAppInfo').split(',').filter(Boolean);
if (toInvoke.length > 0) {
  const timer = setInterval(() => {
    const win = windows.find((w) => w.rec.url);
    if (!win) return;
    for (const channel of toInvoke) {
      if (!handlers.has(channel)) continue;
      invoke(channel, undefined, win).then(
        (result) => {
          report.invocations[channel] = { at: new Date().toISOString(), result };
          writeReport();
        },
        (err) => {
          report.errors.push(`${channel}: ${err && err.message}`);
          writeReport();
        },
      );
    }
  }, 300);
  timer.unref();
}

// ---- scripted user actions ----
const actions = (process.env.FAKE_ELECTRON_ACTIONS || '').split(',').filter(Boolean);
if (actions.length > 0) {
  const timer = setInterval(() => {
    if (Object.keys(report.invocations).length === 0) return; // the page has not been answered yet
    const action = actions.shift();
    if (!action) return clearInterval(timer);
    try {
      if (action === 'close') {
        const win = windows[0];
        if (win) win.close();
      } else if (action === 'second-instance') {
        app.emit('second-instance', preventable(), [process.execPath, '.'], process.cwd());
      } else if (action.startsWith('tray:')) {
        const label = action.slice(5);
        const tray = trays.find((t) => !t.rec.destroyed && t.menu);
        const item = tray && tray.menu.items.find((i) => i.label === label);
        if (!item) throw new Error(`no tray menu item ${label}`);
        item.click(item, null, {});
      } else throw new Error(`unknown action ${action}`);
      report.actionsDone.push(action);
    } catch (err) {
      report.errors.push(`${action}: ${err && err.message}`);
    }
    writeReport();
  }, 400);
  timer.unref();
}

writeReport();

module.exports = {
  app,
  BrowserWindow,
  ipcMain,
  session,
  Tray,
  Menu,
  Notification,
  nativeImage,
  safeStorage,
  powerMonitor,
  dialog,
  shell: { openExternal: () => Promise.resolve() },
  /** Not part of Electron: for tests and register.cjs. */
  __fake: { report, writeReport, invoke, preventable },
};
