// @ts-check
/**
 * Import-graph rules, run by `npm run lint` over electron/, shared/ and renderer/.
 * dependency-cruiser rather than import-x/no-cycle: it sees type-only imports, and the cycles this tree had were
 * type-only (a type in one file, a constant in the other) — they still tie two files into one idea.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two files that import each other, directly or round a loop, are one idea: split out what both need.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'hosting-is-the-top',
      severity: 'error',
      comment:
        'electron/hosting/ decides and serves the engine role; only the entry points (main, cli, ipc, desktop) sit above it.',
      from: { path: '^electron/', pathNot: '^electron/(hosting|main|cli|ipc|desktop|preload)/' },
      to: { path: '^electron/hosting/' },
    },
    {
      name: 'domain-code-ignores-the-wire',
      severity: 'error',
      comment:
        'The ports, the engine and what they stand on take their types from shared/ domain modules and electron/core/, never from the IPC contract.',
      from: { path: '^electron/(erp|store|engine|settings|secrets|core|alerts|events|desktop)/' },
      to: { path: '^shared/(ipc-contract|ipc-channels)\\.ts$|^shared/ipc/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|out|dist)/' },
    // Count `import type` too: a type-only cycle is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
