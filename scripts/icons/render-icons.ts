/**
 * Renders build/icon.svg (the only icon source) into every icon file the app and its installers use:
 *   build/icon.png             512×512 (Linux fallback, electron-builder default)
 *   build/icons/NxN.png        Linux icon set (16…512)
 *   build/icon.ico             Windows: 16, 24, 32, 48, 64, 128 as 32-bit BMP entries, 256 as a PNG entry
 *   resources/tray/tray-<state>.png and tray-<state>@2x.png   16×16 and 32×32 tray icons with a status dot
 *
 * Run: `npx vite-node scripts/icons/render-icons.ts` (needs Chromium at /usr/bin/chromium or CHROMIUM_PATH).
 * Sizes of 32 px and below use the icon's "simple" layer (thicker arrows, plain box), legible at 16 px.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(__dirname, '..', '..');
const source = readFileSync(join(root, 'build', 'icon.svg'), 'utf8');

const SIMPLE_MAX = 32;
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
const TRAY_STATES = {
  ok: '#2e9e48',
  running: '#2f8cf0',
  error: '#d93a32',
  idle: '#8a949e',
} as const;

/** The source SVG with the layer for this size shown, plus optional extra markup on top. */
function variant(size: number, overlay = ''): string {
  const simple = size <= SIMPLE_MAX;
  const style = simple ? '<style>.detail{display:none}.simple{display:inline!important}</style>' : '';
  return source.replace(/<\/svg>\s*$/, `${style}${overlay}</svg>`);
}

/** Status dot for tray icons, bottom right, ringed in white so it reads on the blue mark and any taskbar. */
function statusDot(color: string): string {
  return `<circle cx="384" cy="384" r="116" fill="${color}" stroke="#ffffff" stroke-width="36"/>`;
}

interface Raster {
  png: Buffer;
  /** RGBA, top row first. */
  rgba: Buffer;
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');

    const render = async (svg: string, size: number): Promise<Raster> => {
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
      // Runs in the page (string form: the node tsconfig has no DOM types). The SVG is rasterized at the
      // target size, never downscaled from a bigger bitmap.
      const script = `(async () => {
        const img = new Image();
        img.src = ${JSON.stringify(dataUrl)};
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = ${size}; canvas.height = ${size};
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0, ${size}, ${size});
        const rgba = Array.from(ctx.getImageData(0, 0, ${size}, ${size}).data);
        return { png: canvas.toDataURL('image/png').split(',')[1], rgba };
      })()`;
      const out = (await page.evaluate(script)) as { png: string; rgba: number[] };
      return { png: Buffer.from(out.png, 'base64'), rgba: Buffer.from(out.rgba) };
    };

    const write = (rel: string, data: Buffer): void => {
      const file = join(root, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
      console.log(`${rel} (${data.length} bytes)`);
    };

    const rasters = new Map<number, Raster>();
    for (const size of new Set([...LINUX_SIZES, ...ICO_SIZES])) rasters.set(size, await render(variant(size), size));
    const raster = (size: number): Raster => rasters.get(size) as Raster;

    write('build/icon.png', raster(512).png);
    for (const size of LINUX_SIZES) write(`build/icons/${size}x${size}.png`, raster(size).png);
    write('build/icon.ico', encodeIco(ICO_SIZES.map((size) => ({ size, raster: raster(size), asPng: size >= 256 }))));

    for (const [state, color] of Object.entries(TRAY_STATES)) {
      write(`resources/tray/tray-${state}.png`, (await render(variant(16, statusDot(color)), 16)).png);
      write(`resources/tray/tray-${state}@2x.png`, (await render(variant(32, statusDot(color)), 32)).png);
    }
  } finally {
    await browser.close();
  }
}

/**
 * ICO container (ICONDIR + ICONDIRENTRY[] + images). Small sizes are 32-bit BGRA DIBs (the form every
 * Windows component, NSIS included, reads); 256 is a PNG entry (Windows Vista and later).
 */
function encodeIco(entries: { size: number; raster: Raster; asPng: boolean }[]): Buffer {
  const images = entries.map(({ size, raster, asPng }) => (asPng ? raster.png : dib(size, raster.rgba)));
  const header = Buffer.alloc(6 + 16 * entries.length);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(entries.length, 4);
  let offset = header.length;
  entries.forEach(({ size }, i) => {
    const at = 6 + 16 * i;
    const image = images[i] as Buffer;
    header.writeUInt8(size >= 256 ? 0 : size, at); // width (0 means 256)
    header.writeUInt8(size >= 256 ? 0 : size, at + 1); // height
    header.writeUInt8(0, at + 2); // palette colors
    header.writeUInt8(0, at + 3); // reserved
    header.writeUInt16LE(1, at + 4); // color planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(image.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

/** BITMAPINFOHEADER + bottom-up BGRA pixels + 1-bit AND mask (all zero: transparency comes from alpha). */
function dib(size: number, rgba: Buffer): Buffer {
  const maskRow = Math.ceil(size / 32) * 4;
  const info = Buffer.alloc(40);
  info.writeUInt32LE(40, 0);
  info.writeInt32LE(size, 4);
  info.writeInt32LE(size * 2, 8); // XOR bitmap + AND mask
  info.writeUInt16LE(1, 12);
  info.writeUInt16LE(32, 14);
  info.writeUInt32LE(0, 16); // BI_RGB
  info.writeUInt32LE(size * size * 4 + maskRow * size, 20);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2] as number;
      pixels[to + 1] = rgba[from + 1] as number;
      pixels[to + 2] = rgba[from] as number;
      pixels[to + 3] = rgba[from + 3] as number;
    }
  }
  return Buffer.concat([info, pixels, Buffer.alloc(maskRow * size)]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
