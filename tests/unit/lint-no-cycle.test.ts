import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

// `npm run lint` runs dependency-cruiser with .dependency-cruiser.cjs; this lints the fixtures with that same config.
const root = path.resolve(__dirname, '../..');
const fixtures = 'tests/fixtures/import-cycle';

async function violationsOf(folder: string): Promise<{ rule: string; from: string; to: string }[]> {
  const options = await extractDepcruiseOptions(path.join(root, '.dependency-cruiser.cjs'));
  const cwd = process.cwd();
  process.chdir(root);
  try {
    const result = await cruise(
      [`${fixtures}/${folder}`],
      { ...options, validate: true },
      {},
      { tsConfig: extractTSConfig(path.join(root, 'tsconfig.json')) },
    );
    const output = result.output as ICruiseResult;
    return output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
  } finally {
    process.chdir(cwd);
  }
}

describe('the lint rule against import cycles', () => {
  it('reports a two-file cycle, even when one side imports only a type', async () => {
    const violations = await violationsOf('with-cycle');
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.every((v) => v.rule === 'no-circular')).toBe(true);
    expect(violations.map((v) => v.from)).toContain(`${fixtures}/with-cycle/a.ts`);
  });

  it('passes the same two files once the import runs one way', async () => {
    expect(await violationsOf('without-cycle')).toEqual([]);
  });
});
