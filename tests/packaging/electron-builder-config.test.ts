import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Packaging checks that need no Electron binary (it cannot be downloaded here; installers are built on a
 * release machine, docs/release.md):
 *  - electron-builder.yml passes electron-builder's own schema validation, and a broken copy does not;
 *  - the icons it names exist with the right sizes;
 *  - electron-builder really packs an unpacked Linux app (a stand-in file takes the place of the Electron
 *    executable, no native rebuild): app.asar holds the built app and the runtime dependencies and nothing
 *    else, better-sqlite3's binary is unpacked, tray icons are under resources/, and the packed headless CLI
 *    runs under plain Node from the extracted archive.
 * Needs `npm run build` first (npm test does it). Without the build every test FAILS.
 */

const root = path.resolve(__dirname, '..', '..');
const rootRequire = createRequire(path.join(root, 'package.json'));
const builderDir = path.dirname(rootRequire.resolve('electron-builder/package.json'));
const builderRequire = createRequire(path.join(builderDir, 'package.json'));
const libDir = path.dirname(builderRequire.resolve('app-builder-lib/package.json'));
const libRequire = createRequire(path.join(libDir, 'package.json'));

type Config = Record<string, unknown>;
interface Yaml {
  load(text: string): unknown;
}
interface BuilderConfigModule {
  validateConfiguration(config: Config, debugLogger: unknown): Promise<void>;
}
interface BuilderUtil {
  DebugLogger: new (isEnabled?: boolean) => unknown;
}
interface Asar {
  listPackage(archive: string, options?: { isPack: boolean }): string[];
  extractAll(archive: string, dest: string): void;
}

const yaml = libRequire('js-yaml') as Yaml;
const { validateConfiguration } = libRequire(
  path.join(libDir, 'out', 'util', 'config', 'config.js'),
) as BuilderConfigModule;
const { DebugLogger } = libRequire('builder-util') as BuilderUtil;
const asar = libRequire('@electron/asar') as Asar;

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  version: string;
  main: string;
  dependencies: Record<string, string>;
};
const loadConfig = (): Config => yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Config;
const validate = (config: Config): Promise<void> =>
  validateConfiguration(structuredClone(config), new DebugLogger(false));
const section = (config: Config, key: string): Config => config[key] as Config;

/** Width and height from a PNG's IHDR chunk. */
function pngSize(data: Buffer): { width: number; height: number } {
  expect(data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(data.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}
const pngFileSize = (file: string): { width: number; height: number } => pngSize(fs.readFileSync(file));

describe('electron-builder.yml', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validate(loadConfig())).resolves.toBeUndefined();
  });

  it('fails validation when broken (the check can fail)', async () => {
    const config = loadConfig();
    await expect(validate({ ...config, nsis: { ...section(config, 'nsis'), oneClick: 'quizás' } })).rejects.toThrow(
      /nsis\.oneClick should be a boolean/,
    );
    await expect(validate({ ...config, nsis: { ...section(config, 'nsis'), perMachinne: true } })).rejects.toThrow(
      /Invalid configuration object/,
    );
    await expect(
      validate({ ...config, win: { ...section(config, 'win'), target: [{ target: 'nsis', arch: ['sparc'] }] } }),
    ).rejects.toThrow(/Invalid configuration object/);
  });

  it('builds the Windows NSIS x64 installer with the per-user / all-users choice, in Spanish', () => {
    const config = loadConfig();
    expect(section(config, 'win').target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(section(config, 'nsis')).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      installerLanguages: ['es_ES'],
      language: '3082',
      deleteAppDataOnUninstall: false,
    });
    expect(section(config, 'linux').target).toEqual(['AppImage', 'deb']);
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toContain('**/node_modules/better-sqlite3/**');
  });

  it('names icons that exist with the right sizes', () => {
    const config = loadConfig();
    const winIcon = path.join(root, section(config, 'win').icon as string);
    const linuxIcons = path.join(root, section(config, 'linux').icon as string);
    expect(pngFileSize(path.join(root, 'build', 'icon.png'))).toEqual({ width: 512, height: 512 });
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512]) {
      expect(pngFileSize(path.join(linuxIcons, `${size}x${size}.png`))).toEqual({ width: size, height: size });
    }

    // ICO: ICONDIR, then one 16-byte entry per image; each image is a PNG or a BITMAPINFOHEADER DIB.
    const ico = fs.readFileSync(winIcon);
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes: number[] = [];
    for (let i = 0; i < ico.readUInt16LE(4); i++) {
      const at = 6 + 16 * i;
      const size = ico.readUInt8(at) || 256;
      expect(ico.readUInt8(at + 1) || 256).toBe(size);
      const image = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      if (image.readUInt32BE(0) === 0x89504e47) {
        expect(pngSize(image)).toEqual({ width: size, height: size });
      } else {
        expect([image.readUInt32LE(0), image.readInt32LE(4), image.readInt32LE(8), image.readUInt16LE(14)]).toEqual([
          40,
          size,
          size * 2,
          32,
        ]);
        expect(image.length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      }
      sizes.push(size);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);

    for (const state of ['ok', 'running', 'error', 'idle']) {
      const tray = path.join(root, 'resources', 'tray', `tray-${state}`);
      expect(pngFileSize(`${tray}.png`)).toEqual({ width: 16, height: 16 });
      expect(pngFileSize(`${tray}@2x.png`)).toEqual({ width: 32, height: 32 });
    }
  });
});

/** @electron/fuses' wire: this sentinel, a version byte, a length byte, then one ASCII '0'/'1' per fuse. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_ON = 0x31;
const FUSE_OFF = 0x30;

describe('electron-builder packs the app (stand-in Electron, Linux dir target)', () => {
  let tmp = '';
  let appOut = '';
  let files: Set<string>;
  let extracted = '';

  beforeAll(async () => {
    for (const built of ['out/main/index.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html']) {
      if (!fs.existsSync(path.join(root, built))) throw new Error(`${built} missing: run npm run build first`);
    }
    // Outside the repository, so nothing resolves through the repository's node_modules.
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wopen-pack-'));
    const electronDist = path.join(tmp, 'electron-dist');
    fs.mkdirSync(path.join(electronDist, 'resources'), { recursive: true });
    // A stand-in with the fuse wire a real Electron binary carries (sentinel, version 1, 8 fuses, all on as
    // shipped by Electron), so electron-builder flips the fuses for real and the test reads what it wrote.
    fs.writeFileSync(
      path.join(electronDist, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\necho "stand-in for the Electron binary"\nexit 0\n'),
        Buffer.from(FUSE_SENTINEL),
        Buffer.from([1, 8, ...Array<number>(8).fill(FUSE_ON)]),
      ]),
      { mode: 0o755 },
    );
    const cli = path.join(builderDir, 'cli.js');
    const args = [
      cli,
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `--config.electronDist=${electronDist}`,
      // No Electron headers here: better-sqlite3 keeps the Node build (the release machine rebuilds it).
      '--config.npmRebuild=false',
      `--config.directories.output=${path.join(tmp, 'dist')}`,
    ];
    const log: string[] = [];
    const exit = await new Promise<string>((resolve, reject) => {
      // Without VITEST* variables: under them electron-builder's logger hides everything but errors.
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST')));
      const child = spawn(process.execPath, args, { cwd: root, env: { ...env, CI: 'true' } });
      child.stdout.on('data', (chunk: Buffer) => log.push(chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => log.push(chunk.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve(signal ?? String(code)));
    });
    if (exit !== '0') throw new Error(`electron-builder ${args.join(' ')} exited ${exit}:\n${log.join('')}`);
    appOut = path.join(tmp, 'dist', 'linux-unpacked');
    files = new Set(asar.listPackage(path.join(appOut, 'resources', 'app.asar'), { isPack: false }));
    extracted = path.join(tmp, 'app');
    asar.extractAll(path.join(appOut, 'resources', 'app.asar'), extracted);
  }, 120_000);

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('flips the Electron fuses in the packaged binary: only RunAsNode (the service) of the risky ones stays on', () => {
    const binary = fs.readFileSync(path.join(appOut, 'wopen-sync-console'));
    const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length;
    const wire = [...binary.subarray(at + 2, at + 2 + binary[at + 1]!)];
    // RunAsNode, CookieEncryption, NODE_OPTIONS, --inspect, asar integrity, only app.asar; 6-7 left as Electron ships them.
    expect(wire.slice(0, 6)).toEqual([FUSE_ON, FUSE_ON, FUSE_OFF, FUSE_OFF, FUSE_ON, FUSE_ON]);
  });

  it('puts the stand-in executable under the Linux executable name', () => {
    expect(fs.statSync(path.join(appOut, 'wopen-sync-console')).mode & 0o111).not.toBe(0);
  });

  it('packs the built app, package.json and every runtime dependency', () => {
    for (const file of [
      '/out/main/index.js',
      '/out/main/cli.js',
      '/out/preload/index.js',
      '/out/renderer/index.html',
      '/bin/wopen-sync.cjs',
      '/package.json',
    ]) {
      expect(files, file).toContain(file);
    }
    const packed = JSON.parse(fs.readFileSync(path.join(extracted, 'package.json'), 'utf8')) as typeof pkg;
    expect(packed.version).toBe(pkg.version);
    expect(packed.main).toBe('out/main/index.js');
    const deps = Object.keys(pkg.dependencies);
    expect(deps).toEqual(expect.arrayContaining(['better-sqlite3', 'node-firebird', 'mssql', 'zod', 'iconv-lite']));
    for (const dep of deps) expect(files, dep).toContain(`/node_modules/${dep}/package.json`);
  });

  it('leaves out development tools, sources, scripts, tests and docs', () => {
    const devOnly = [
      'vitest',
      'playwright-core',
      'electron',
      'electron-vite',
      'electron-builder',
      'eslint',
      'smtp-server',
      'typescript',
      'vite',
      'vite-node',
      'esbuild',
      'fast-check',
    ];
    for (const dep of devOnly) expect(files, dep).not.toContain(`/node_modules/${dep}`);
    const topLevel = new Set([...files].map((file) => file.split('/')[1]));
    expect([...topLevel].sort()).toEqual(['bin', 'node_modules', 'out', 'package.json']);
    expect([...files].filter((file) => /^\/out\/.*\.tsx?$/.test(file))).toEqual([]);
  });

  it("unpacks better-sqlite3's native binary, without its C sources", () => {
    const unpacked = path.join(appOut, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3');
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'lib', 'database.js'))).toBe(true);
    expect(fs.existsSync(path.join(unpacked, 'deps'))).toBe(false);
    expect(fs.existsSync(path.join(unpacked, 'src'))).toBe(false);
    expect(fs.existsSync(path.join(unpacked, 'build', 'Release', 'obj'))).toBe(false);
  });

  it('ships resources/ next to the asar: process.resourcesPath/resources/tray/…', () => {
    const resources = path.join(appOut, 'resources', 'resources');
    for (const state of ['ok', 'running', 'error', 'idle']) {
      for (const suffix of ['', '@2x']) {
        expect(fs.existsSync(path.join(resources, 'tray', `tray-${state}${suffix}.png`))).toBe(true);
      }
    }
    expect(fs.existsSync(path.join(resources, 'README.md'))).toBe(false);
  });

  it('runs the packed headless CLI under Node from the extracted archive', () => {
    const cli = path.join(extracted, 'out', 'main', 'cli.js');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [cli, ...args], { cwd: tmp, encoding: 'utf8', env: { ...process.env } });
    const version = run('--version');
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toBe(pkg.version);
    // Opens (creates and migrates) a settings database: better-sqlite3 loads from the packed tree.
    const companies = run('--db', path.join(tmp, 'settings.sqlite'), 'companies', '--json');
    expect(companies.stderr).toBe('');
    expect(companies.status).toBe(0);
    expect(JSON.parse(companies.stdout)).toEqual([]);
  });

  it("resolves every module the main bundles require from the packed tree; only the Electron entries need 'electron'", () => {
    const mainDir = path.join(extracted, 'out', 'main');
    const bundles = [
      ...fs
        .readdirSync(mainDir)
        .filter((name) => name.endsWith('.js'))
        .map((name) => path.join(mainDir, name)),
      ...fs.readdirSync(path.join(mainDir, 'chunks')).map((name) => path.join(mainDir, 'chunks', name)),
      path.join(extracted, 'out', 'preload', 'index.js'),
    ];
    const builtins = new Set(builtinModules);
    const needElectron: string[] = [];
    for (const bundle of bundles) {
      const source = fs.readFileSync(bundle, 'utf8');
      const bundleRequire = createRequire(bundle);
      for (const [, spec] of source.matchAll(/\brequire\(["']([^"']+)["']\)/g)) {
        if (spec === undefined || spec.startsWith('node:') || builtins.has(spec)) continue;
        if (spec === 'electron') {
          needElectron.push(path.relative(extracted, bundle));
          continue;
        }
        expect(() => bundleRequire.resolve(spec), `${spec} from ${path.relative(extracted, bundle)}`).not.toThrow();
      }
    }
    expect(needElectron.sort()).toEqual(['out/main/index.js', 'out/preload/index.js']);
  });
});
