import { defineConfig } from 'vitest/config';

/** Tests against real counterparts (SQL Server, a real Wopen store), chosen by environment variables. */
export default defineConfig({
  test: { include: ['tests/live/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' },
});
