import path from 'node:path';
import { afterEach } from 'vitest';
import { type RunningSandbox, type SandboxOptions, startSandbox } from '../../scripts/sandbox/start-sandbox';
import { WopenClient, type WopenClientOptions } from '../../electron/store/wopen/wopen-client';
import { tempDir } from '../helpers/temp-dir';

export const USER = 'integrador';
export const PASSWORD = 'Contraseña-Secreta€1';

const running: RunningSandbox[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** A real sandbox over HTTP on a free port, with its SQLite file in a temporary folder; closed after the test. */
export async function sandbox(options: Partial<SandboxOptions> = {}): Promise<RunningSandbox & { dataFile: string }> {
  const dataFile = options.dataFile ?? path.join(tempDir('wopen-sandbox-'), 'store.db');
  const sb = await startSandbox({ port: 0, user: USER, password: PASSWORD, ...options, dataFile });
  running.push(sb);
  return { ...sb, dataFile };
}

/** Stops a sandbox before the end of the test (to restart it on the same file). */
export async function stop(sb: RunningSandbox): Promise<void> {
  running.splice(running.indexOf(sb), 1);
  await sb.close();
}

export async function control<T = Record<string, unknown>>(
  sb: RunningSandbox,
  route: string,
  body?: unknown,
  method?: string,
): Promise<T> {
  const res = await fetch(`${sb.controlUrl}${route}`, {
    method: method ?? (body === undefined ? 'GET' : 'POST'),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`control ${route}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const fault = (sb: RunningSandbox, spec: Record<string, unknown>): Promise<unknown> =>
  control(sb, '/faults', spec);

export interface Stats {
  requests: number;
  authCalls: number;
  batchCalls: number;
  recordsReceived: number;
  recordsApplied: number;
  faultsServed: number;
  catalogs: Record<
    string,
    { calls: number; applied: number; replays: number; upserts: number; deletes: number; rejected: number }
  >;
}
export const stats = (sb: RunningSandbox): Promise<Stats> => control<Stats>(sb, '/stats');

export interface RecordView {
  key: string;
  data: Record<string, unknown>;
  active: boolean;
  version: number;
}
export async function records(sb: RunningSandbox, catalog: string): Promise<RecordView[]> {
  return (await control<{ records: RecordView[] }>(sb, `/records?catalog=${catalog}`)).records;
}

/**
 * A client with instant, observable backoff: `sleeps` lists every wait it asked for. The tests of hangs and
 * slow bodies lower batchTimeoutMs; the default leaves room for a loaded CI machine.
 */
export function fastClient(
  sb: RunningSandbox,
  options: WopenClientOptions = {},
  password = PASSWORD,
): { client: WopenClient; sleeps: number[] } {
  const sleeps: number[] = [];
  const client = new WopenClient(
    { url: sb.url, user: USER, password },
    {
      timeoutMs: 2_000,
      batchTimeoutMs: 3_000,
      retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 60_000 },
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      random: () => 0.5,
      ...options,
    },
  );
  return { client, sleeps };
}

/** Raw HTTP against the store API, for contract checks the client would never produce. */
export async function rawApi(
  sb: RunningSandbox,
  route: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${sb.url}/api/sync/v1${route}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...init.headers },
    ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

export async function login(sb: RunningSandbox): Promise<string> {
  const r = await rawApi(sb, '/auth/token', { body: { usuario: USER, contrasena: PASSWORD } });
  return r.body.token as string;
}

/** The headers of a fresh session, for rawApi and apiText. */
export async function authHeaders(sb: RunningSandbox): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await login(sb)}` };
}

/** A store API answer as text, for checks byte for byte (raw elements, broken and oversized bodies). */
export async function apiText(
  sb: RunningSandbox,
  route: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${sb.url}/api/sync/v1${route}`, { headers });
  return { status: res.status, text: await res.text() };
}

/** A control call that is expected to fail: its status and body. */
export async function controlStatus(
  sb: RunningSandbox,
  route: string,
  body: string,
  method = 'POST',
): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${sb.controlUrl}${route}`, { method, body });
  return { status: res.status, body: (await res.json()) as unknown };
}
