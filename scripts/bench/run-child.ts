import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundleScript } from '../lib/bundle-script';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Runs one benchmark phase in a fresh Node process (so its peak memory and event-loop delay are its own) and
 * returns the JSON it prints on a line starting with RESULT.
 */
export function runChild<T>(script: string, args: Record<string, string>): Promise<T> {
  const argv = Object.entries(args).flatMap(([k, v]) => [`--${k}`, v]);
  // WOPEN_BENCH_PROFILE=<dir>: each child writes a V8 CPU profile there (open it in Chrome DevTools).
  const profile = process.env.WOPEN_BENCH_PROFILE;
  const node = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [];
  const child = spawn(process.execPath, [...node, bundleScript(path.join(__dirname, script), 'bench'), '--', ...argv], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) resolve(JSON.parse(line.slice(7)) as T);
      else reject(new Error(`${script} terminó con código ${code}:\n${out}`));
    });
  });
}

/** Parses `-- --key value` pairs of a child phase. */
export function childArgs(): Record<string, string> {
  const args = process.argv.slice(2).filter((a) => a !== '--');
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i += 2) out[args[i]!.replace(/^--/, '')] = args[i + 1] ?? '';
  return out;
}
