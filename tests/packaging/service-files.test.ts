import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

/**
 * The service definitions shipped in resources/service (issue 6): the systemd unit passes systemd's own
 * checker, and the command line each file gives really starts the built engine as a service, which writes
 * its heartbeat and stops cleanly on the signal that service manager sends (SIGTERM; WinSW: Ctrl+C = SIGINT).
 */
const ROOT = path.resolve(__dirname, '../..');
const UNIT = path.join(ROOT, 'resources/service/linux/wopen-sync.service');
const WINSW = path.join(ROOT, 'resources/service/windows/WopenSyncService.xml');
const CLI = path.join(ROOT, 'out/main/cli.js');

/** Splits a command line with double-quoted words, as systemd and Windows do for these simple cases. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

/** Starts `cli.js <args>` like the service manager would, waits for its first heartbeat, stops it with `signal`. */
async function runAsService(args: string[], env: Record<string, string>, heartbeat: string, signal: NodeJS.Signals) {
  expect(fs.existsSync(CLI), 'npm run build first').toBe(true);
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const until = Date.now() + 20_000;
  while (!fs.existsSync(heartbeat)) {
    if (Date.now() > until || child.exitCode !== null) throw new Error(`no heartbeat; stdout: ${out}\nstderr: ${err}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill(signal);
  const code = await exited;
  return {
    code,
    events: out
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { event: string }).event),
    beat: JSON.parse(fs.readFileSync(heartbeat, 'utf8')) as Record<string, unknown>,
    err,
  };
}

describe('service definitions', () => {
  it('the systemd unit passes systemd-analyze verify and its ExecStart runs the engine until SIGTERM', async () => {
    const unit = fs.readFileSync(UNIT, 'utf8');
    const exec = /^ExecStart=(.+)$/m.exec(unit)![1]!;
    const [binary, script, ...args] = words(exec);
    expect(binary).toBe('/opt/Wopen Sync Console/wopen-sync-console');
    expect(script).toBe('/opt/Wopen Sync Console/resources/app.asar/out/main/cli.js');
    expect(unit).toMatch(/^Environment=ELECTRON_RUN_AS_NODE=1$/m);

    // systemd's own checker, on a copy whose paths exist on this machine.
    const dir = tempDir();
    const local = path.join(dir, 'wopen-sync.service');
    fs.writeFileSync(
      local,
      unit.replace(exec, [process.execPath, CLI, ...args].map((w) => (w.includes(' ') ? `"${w}"` : w)).join(' ')),
    );
    const verify = execFileSync('systemd-analyze', ['verify', local], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(verify).toBe('');

    const db = /^Environment=WOPEN_SYNC_DB=(.+)$/m.exec(unit)![1]!;
    expect(db).toBe('/var/lib/wopen-sync/wopen-sync.sqlite');
    const heartbeat = path.join(dir, 'heartbeat.json');
    const localArgs = args.map((a) => (a === '/run/wopen-sync/heartbeat.json' ? heartbeat : a));
    const r = await runAsService(
      localArgs,
      { ELECTRON_RUN_AS_NODE: '1', WOPEN_SYNC_DB: path.join(dir, 'wopen-sync.sqlite') },
      heartbeat,
      'SIGTERM',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.events).toEqual([
      'service.start',
      'lease.acquired',
      'service.stopping',
      'lease.released',
      'service.stopped',
    ]);
    expect(r.beat).toMatchObject({ role: 'owner', running: 0 });
  }, 60_000);

  it('the WinSW definition runs the engine with the shared database and stops on Ctrl+C (SIGINT)', async () => {
    const xml = fs.readFileSync(WINSW, 'utf8');
    const executable = /<executable>([^<]+)<\/executable>/.exec(xml)![1]!;
    expect(executable).toBe('%ProgramFiles%\\Wopen Sync Console\\Wopen Sync Console.exe');
    const env = Object.fromEntries(
      [...xml.matchAll(/<env name="([^"]+)" value="([^"]+)" \/>/g)].map((m) => [m[1]!, m[2]!]),
    );
    expect(env).toEqual({
      ELECTRON_RUN_AS_NODE: '1',
      WOPEN_SYNC_DB: '%ProgramData%\\Wopen Sync Console\\wopen-sync.sqlite',
    });
    expect(xml).toMatch(/<stoptimeout>\d+ sec<\/stoptimeout>/);

    const dir = tempDir();
    const programData = path.join(dir, 'ProgramData');
    fs.mkdirSync(path.join(programData, 'Wopen Sync Console'), { recursive: true });
    // Windows paths of the file, mapped onto this machine.
    const local = (w: string) =>
      w
        .replace('%ProgramFiles%\\Wopen Sync Console\\resources\\app.asar\\out\\main\\cli.js', CLI)
        .replace('%ProgramData%', programData)
        .replaceAll('\\', '/');
    const [script, ...args] = words(/<arguments>([^<]+)<\/arguments>/.exec(xml)![1]!).map(local);
    expect(script).toBe(CLI);
    const heartbeat = args[args.indexOf('--heartbeat-file') + 1]!;
    const r = await runAsService(
      args,
      { ELECTRON_RUN_AS_NODE: '1', WOPEN_SYNC_DB: local(env.WOPEN_SYNC_DB!) },
      heartbeat,
      'SIGINT',
    );
    expect(r.code, r.err).toBe(0);
    expect(r.events.at(-1)).toBe('service.stopped');
    expect(fs.existsSync(path.join(programData, 'Wopen Sync Console', 'wopen-sync.sqlite'))).toBe(true);
  }, 60_000);
});
