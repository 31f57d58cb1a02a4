import path from 'node:path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Bundles a TypeScript entry like the shipped app is bundled (plain CommonJS, node_modules left external)
 * into .tmp/<folder>/, so child processes measure or crash the engine as it runs, not a TypeScript loader.
 */
export function bundleScript(entry: string, folder: string): string {
  const outfile = path.join(ROOT, '.tmp', folder, path.basename(entry).replace(/\.ts$/, '.cjs'));
  buildSync({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return outfile;
}
