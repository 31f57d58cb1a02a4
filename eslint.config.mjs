// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/.artifacts/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The renderer talks only through window.api: no Node, no Electron.
      'no-restricted-imports': ['error', { patterns: ['electron', 'node:*', '../electron/*', '../../electron/*'] }],
    },
  },
  {
    // The engine and the console use ports; only each adapter folder and the registry may import drivers.
    files: ['electron/**/*.ts'],
    ignores: ['electron/erp/microsip/**', 'electron/erp/contpaqi/**', 'electron/erp/registry.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['node-firebird', 'mssql', 'tedious'] }],
    },
  },
  {
    files: ['bin/**/*.cjs', 'scripts/**/*.{js,mjs,cjs}', '.dependency-cruiser.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/**/*.ts', 'scripts/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: { 'no-console': 'off' },
  },
);
