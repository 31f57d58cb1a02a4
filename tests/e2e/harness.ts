import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { openConsole, type OpenConsoleOptions, type OpenedConsole } from '../../electron/hosting/compose';
import { createHandlers } from '../../electron/ipc/handlers';
import { dispatch, type Envelope } from '../../electron/ipc/dispatch';
import { API_EVENTS, API_METHODS, listenerNameOf, type ApiEvent, type ApiMethod } from '../../shared/ipc-channels';
import type { EventPayloads } from '../../shared/ipc-contract';
import type { SaveFilePicker } from '../../electron/desktop/save-file-picker';
import type { LoginItemPort } from '../../electron/desktop/login-item';

/**
 * Runs the BUILT renderer (out/renderer) in real Chromium against the REAL main-process handlers: the page
 * gets a `window.api` built exactly like the preload's (one function per contract method, envelope
 * unwrapped, Error(message) on failure) and every call goes through `dispatch` — sender check, zod
 * request validation, handler, service, SQLite. Used by the e2e tests and by `scripts/ui-preview.ts`.
 */

export const CHROMIUM_PATH = process.env.WOPEN_CHROMIUM ?? '/usr/bin/chromium';
export const RENDERER_DIR = path.resolve(__dirname, '../../out/renderer');

/** Same policy as the meta tag in renderer/index.html, sent as a header too (the stricter one wins). */
export const RENDERER_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export interface RecordedCall {
  method: ApiMethod;
  /** What the page sent (may hold a typed password: never assert on its absence here). */
  payload: unknown;
  /** What went back to the page. */
  envelope: Envelope;
}

export interface HarnessOptions extends Partial<Omit<OpenConsoleOptions, 'databasePath'>> {
  /** Defaults to a fresh temporary folder, removed by close(). */
  databasePath?: string;
  rendererDir?: string;
  viewport?: { width: number; height: number };
  /** Start at login (issue 6); by default the handlers' own (unsupported, like the CLI). */
  loginItem?: LoginItemPort;
  /** *Guardar como* of *Exportar CSV*; by default the handlers' own (refused, like the CLI). */
  saveFile?: SaveFilePicker;
}

export interface ConsoleHarness {
  url: string;
  origin: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  opened: OpenedConsole;
  databasePath: string;
  /** Every API call the page made, in order. */
  calls: RecordedCall[];
  /** Console errors and uncaught page errors (CSP violations show up here). */
  pageErrors: string[];
  /** Opens a fresh page with the same API (a "reload" that also re-runs the init script). */
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Serves the built renderer over http on 127.0.0.1 (random port) with the CSP as a header. */
export async function serveRenderer(rootDir: string): Promise<{ origin: string; close(): Promise<void> }> {
  const root = path.resolve(rootDir);
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = path.resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8'): void => {
      res.writeHead(status, {
        'Content-Type': type,
        'Content-Security-Policy': RENDERER_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    };
    if (req.method !== 'GET' || (file !== root && !file.startsWith(root + path.sep))) return send(404, 'No encontrado');
    fs.readFile(file, (err, body) => {
      if (err) return send(404, 'No encontrado');
      send(200, body, CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('El servidor de la vista no obtuvo un puerto.');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Builds window.api in the page the same way electron/preload/index.ts does, over the exposed binding: one
 * function per method, and one `on<Event>(listener) → unsubscribe` per event, kept in a page-local registry
 * that the harness's `broadcast` feeds (see `deliverEvent`).
 */
function installApi({
  methods,
  events,
}: {
  methods: readonly string[];
  events: readonly { event: string; listener: string }[];
}): void {
  type Env = { ok: true; value: unknown } | { ok: false; error: string };
  type Listener = (payload: unknown) => void;
  // Runs in the page; typed through globalThis because the node tsconfig has no DOM library.
  const w = globalThis as unknown as { __wopenInvoke: (m: string, p: unknown) => Promise<Env> };
  const registry = new Map<string, Set<Listener>>(events.map(({ event }) => [event, new Set<Listener>()]));
  const api = Object.fromEntries([
    ...methods.map((method) => [
      method,
      async (request?: unknown) => {
        const envelope = await w.__wopenInvoke(method, request);
        if (!envelope.ok) throw new Error(envelope.error);
        return envelope.value;
      },
    ]),
    ...events.map(({ event, listener }) => [
      listener,
      (callback: Listener) => {
        // Like the preload's wrapper: each subscription is its own entry, removed by its own unsubscribe.
        const wrapped: Listener = (payload) => callback(payload);
        registry.get(event)?.add(wrapped);
        return () => {
          registry.get(event)?.delete(wrapped);
        };
      },
    ]),
  ]);
  Object.defineProperty(globalThis, 'api', { value: Object.freeze(api), writable: false, configurable: false });
  // The harness's stand-in for ipcRenderer.on: only the harness calls it (page.evaluate), never the app.
  Object.defineProperty(globalThis, '__wopenDeliver', {
    value: (event: string, payload: unknown) => {
      for (const listener of [...(registry.get(event) ?? [])]) listener(payload);
    },
    writable: false,
    configurable: false,
    enumerable: false,
  });
}

/** Runs in the page: hands one pushed event to the registry installApi made. */
function deliverEvent([event, payload]: [string, unknown]): void {
  const g = globalThis as unknown as { __wopenDeliver?: (e: string, p: unknown) => void };
  g.__wopenDeliver?.(event, payload);
}

export async function startConsoleHarness(opts: HarnessOptions = {}): Promise<ConsoleHarness> {
  const rendererDir = opts.rendererDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`No existe ${rendererDir}/index.html: ejecute "npx electron-vite build" antes de las pruebas e2e.`);
  }
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No se encontró Chromium en ${CHROMIUM_PATH} (instale el paquete chromium o defina WOPEN_CHROMIUM).`,
    );
  }

  const tmp = opts.databasePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-e2e-'));
  const databasePath = opts.databasePath ?? path.join(tmp as string, 'wopen-sync.sqlite');
  const {
    rendererDir: _r,
    viewport,
    databasePath: _d,
    broadcast: alsoBroadcast,
    loginItem,
    saveFile,
    ...consoleOpts
  } = opts;
  // Like main's webContents.send to every window: each open page gets each event, in order.
  const pages = new Set<Page>();
  const queues = new Map<Page, Promise<void>>();
  const broadcast = <E extends ApiEvent>(event: E, payload: EventPayloads[E]): void => {
    alsoBroadcast?.(event, payload);
    for (const p of pages) {
      const next = (queues.get(p) ?? Promise.resolve())
        .then(() => p.evaluate(deliverEvent, [event, payload] as [string, unknown]))
        .catch(() => undefined); // a page closing mid-delivery just misses it, as a closed window would
      queues.set(p, next);
    }
  };
  const opened = openConsole({ version: '0.0.0-e2e', actor: 'contador', ...consoleOpts, databasePath, broadcast });
  const handlers = createHandlers({
    ...opened,
    ...(loginItem ? { loginItem } : {}),
    ...(saveFile ? { saveFile } : {}),
  });
  // Like main: whenever the engine lease changes hands (an EngineHost started by a test), tell the pages.
  const offRole = opened.role.onChange((info) => broadcast('engineChanged', info));

  const served = await serveRenderer(rendererDir);
  const { origin } = served;
  const calls: RecordedCall[] = [];
  const pageErrors: string[] = [];

  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      locale: 'es-MX',
      timezoneId: 'America/Mexico_City',
      viewport: viewport ?? { width: 1100, height: 760 },
    });
    // Nothing but our own server: a stray request to the internet would be a bug (and CSP forbids it).
    await context.route(
      (u) => !u.href.startsWith(`${origin}/`),
      (route) => route.abort('blockedbyclient'),
    );

    const preparePage = async (page: Page): Promise<Page> => {
      await page.exposeBinding('__wopenInvoke', async ({ frame }, method: ApiMethod, payload: unknown) => {
        const envelope = await dispatch(
          handlers,
          method,
          { senderUrl: frame.url(), isMainFrame: frame === page.mainFrame() },
          payload,
          {
            isTrustedSender: (u) => u.startsWith(`${origin}/`),
            onUnexpected: (m, err) => pageErrors.push(`Error inesperado en ${m}: ${String(err)}`),
          },
        );
        calls.push({ method, payload, envelope });
        return envelope;
      });
      await page.addInitScript(installApi, {
        methods: [...API_METHODS],
        events: API_EVENTS.map((event) => ({ event, listener: listenerNameOf(event) })),
      });
      pages.add(page);
      page.on('close', () => {
        pages.delete(page);
        queues.delete(page);
      });
      page.on('console', (msg) => {
        if (msg.type() === 'error') pageErrors.push(msg.text());
      });
      page.on('pageerror', (err) => pageErrors.push(err.message));
      await page.goto(`${origin}/index.html`);
      return page;
    };

    const page = await preparePage(await context.newPage());
    const activeBrowser = browser;
    return {
      url: `${origin}/index.html`,
      origin,
      browser: activeBrowser,
      context,
      page,
      opened,
      databasePath,
      calls,
      pageErrors,
      newPage: async () => preparePage(await context.newPage()),
      close: async () => {
        await activeBrowser.close().catch(() => undefined);
        await served.close();
        offRole();
        opened.close();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await browser?.close().catch(() => undefined);
    await served.close();
    offRole();
    opened.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}
