import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface SpawnedSandbox {
  url: string;
  controlUrl: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Starts the Wopen sandbox in its own process (as `npm run sandbox` does), so the engine's process is
 * measured alone, and waits for its "listening on" line.
 */
export async function spawnSandbox(opts: {
  dataFile: string;
  user: string;
  password: string;
  port?: number;
}): Promise<SpawnedSandbox> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite-node/vite-node.mjs'),
      path.join(ROOT, 'scripts/sandbox/main.ts'),
      '--',
      '--port',
      String(opts.port ?? 0),
      '--data',
      opts.dataFile,
      '--user',
      opts.user,
      '--password',
      opts.password,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`El sandbox no inició: ${out}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`El sandbox terminó (código ${code}): ${out}`)));
  });
  return {
    url,
    controlUrl: `${url}/__control`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
