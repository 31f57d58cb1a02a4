import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dir';

/**
 * The console and the service starting together after an upgrade: several built CLI processes open one fresh
 * settings database at the same instant. Every migration must apply once and no process may fail.
 */
const BIN = path.resolve(__dirname, '../../bin/wopen-sync.cjs');

function startAt(at: number, db: string): Promise<{ code: number | null; stderr: string }> {
  // Each child waits for the same wall-clock instant, then runs the real CLI entry with its argv.
  const script = `const at = ${at}; const wait = () => Date.now() >= at ? go() : setTimeout(wait, 1);
    const go = () => { process.argv = [process.argv[0], ${JSON.stringify(BIN)}, '--db', ${JSON.stringify(db)}, 'erp', 'list', '--json']; require(${JSON.stringify(BIN)}); };
    wait();`;
  const child = spawn(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

describe('settings database migrations under a simultaneous start', () => {
  it('4 processes × 10 trials on fresh databases: zero failures', async () => {
    expect(fs.existsSync(path.resolve(__dirname, '../../out/main/cli.js')), 'run npm run build first').toBe(true);
    const failures: string[] = [];
    for (let trial = 0; trial < 10; trial++) {
      const db = path.join(tempDir(), `race-${trial}.sqlite`);
      const at = Date.now() + 700;
      const results = await Promise.all(Array.from({ length: 4 }, () => startAt(at, db)));
      for (const r of results)
        if (r.code !== 0) failures.push(`trial ${trial}: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
