import { spawn } from 'node:child_process';
import path from 'node:path';
import { bundleScript } from '../../lib/bundle-script';
import type { NullStoreStats } from './null-store';

export interface SpawnedNullStore {
  url: string;
  stats(): Promise<NullStoreStats>;
  stop(): Promise<void>;
}

/** Starts null-store-main.ts in its own Node process and waits for its address. */
export async function spawnNullStore(): Promise<SpawnedNullStore> {
  const child = spawn(process.execPath, [bundleScript(path.join(__dirname, 'null-store-main.ts'), 'bench')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, statsUrl } = await new Promise<{ url: string; statsUrl: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`La tienda nula no inició: ${out}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (\S+) stats (\S+)/.exec(out);
      if (m?.[1] && m[2]) {
        clearTimeout(timer);
        resolve({ url: m[1], statsUrl: m[2] });
      }
    });
    child.once('exit', (code) => reject(new Error(`La tienda nula terminó (código ${code}): ${out}`)));
  });
  return {
    url,
    stats: async () => (await (await fetch(statsUrl)).json()) as NullStoreStats,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
