import { describe, expect, it } from 'vitest';
import { stableStringify } from '../../shared/stable-stringify';
import { contentHash } from '../../electron/engine/content-hash';

/**
 * Stored hashes of every pushed record depend on stableStringify's exact text: a change would make the next run
 * push every record again. The reference below is the plain first version, kept here as the oracle.
 */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = ['b', 'a', 'Z', 'ñandú', 'Ñ', '€uro', 'a b', '"q"', 'key\n', '10', '9', '', 'zz', 'é', 'e\u0301', '😀'];

function anyValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return undefined;
    case 2:
      return r() > 0.5;
    case 3:
      return Math.round(r() * 1e6) / 100 - 5000;
    case 4:
      return KEYS[Math.floor(r() * KEYS.length)]! + '“LA GÜERA”';
    case 5:
      return Number.NaN;
    case 6:
      return '';
    case 7:
      return Array.from({ length: Math.floor(r() * 4) }, () => anyValue(r, depth + 1));
    case 8:
      return new Date(Math.floor(r() * 2e12));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 6); i > 0; i--) o[KEYS[Math.floor(r() * KEYS.length)]!] = anyValue(r, depth + 1);
      return o;
    }
  }
}

describe('stableStringify', () => {
  it('gives exactly the reference text for 20,000 random records (nested, unicode keys, undefined, NaN, dates)', () => {
    const r = random(16);
    for (let i = 0; i < 20_000; i++) {
      const v = anyValue(r, 0);
      expect(stableStringify(v), JSON.stringify(v)).toBe(reference(v));
    }
  });

  it('keeps the hash of a stored record (golden value)', () => {
    const record = { clave: 'A-1', nombre: 'ÑANDÚ €URO “LA GÜERA”', precio: 12.5, activo: true, lineas: [1, null] };
    expect(stableStringify({ b: 1, a: { d: undefined, c: [2, { y: 1, x: 0 }] } })).toBe(
      '{"a":{"c":[2,{"x":0,"y":1}]},"b":1}',
    );
    // sha1 (base64url) of the reference text, computed once with the first version.
    expect(contentHash(record)).toBe('aRoTdn7Na72MGQes7x0lXtFS1eQ');
  });
});
