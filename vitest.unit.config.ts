import { defineConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * `npm run test:unit`: the test folders that need neither Firebird, Chromium nor the built bundle (`out/`).
 * A test that needs one of them belongs in tests/firebird, tests/e2e or tests/packaging, and so stays out.
 */
export default defineConfig({
  test: {
    ...base.test,
    include: ['tests/unit/**/*.test.ts', 'tests/engine/**/*.test.ts', 'tests/store/**/*.test.ts'],
  },
});
